"""The public API, and that voices and templates really ship in the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import narrator

ROOT = Path(__file__).parent.parent


def test_exported_members():
    assert set(narrator.__all__) == {
        "Article",
        "AudioError",
        "Chapter",
        "Clip",
        "ConfigError",
        "Cue",
        "EngineError",
        "Episode",
        "EpisodeRecord",
        "FetchError",
        "HeldError",
        "IngestError",
        "NarratorError",
        "OutputError",
        "PublishError",
        "PublishResult",
        "Script",
        "ScriptSection",
        "Section",
        "Settings",
        "Utterance",
        "VoiceError",
        "VoiceProfile",
        "__version__",
        "check_episode",
        "embed",
        "find_episode",
        "lint",
        "list_episodes",
        "load_settings",
        "make_script",
        "narrate",
        "publish",
        "publish_everywhere",
        "read_article",
        "retract",
        "set_status",
        "unpublish",
        "voices",
    }
    for name in narrator.__all__:
        assert hasattr(narrator, name)


def test_every_error_is_a_narrator_error():
    for name in narrator.__all__:
        obj = getattr(narrator, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, narrator.NarratorError)


@pytest.mark.slow
def test_wheel_contains_voices_and_templates(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("narrator-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("voices", "templates", "lexicons"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                assert f"narrator/_data/{path.relative_to(ROOT).as_posix()}" in names
    assert "narrator/ingest/readers/text_model.npz" in names  # the copied-text reader's weights
    assert "narrator/script/names.txt" in names  # common names lint leaves alone
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[narrator.engines]" in text and "hibari = narrator.synth.engines.hibari:HibariEngine" in text
