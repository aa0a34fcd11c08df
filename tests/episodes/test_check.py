"""narrator check: the finished audio, transcribed offline, scored section by section."""

from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner

from narrator.api import narrate
from narrator.cli import cli
from narrator.episodes.check import word_error_rate, words
from narrator.support.ffmpeg import ffmpeg_path

pytest.importorskip("faster_whisper", reason="needs narrator[qa]")

ARTICLE = """# Lighthouse reopens to visitors

The old lighthouse on the north pier reopened on Saturday after two years of repairs.

## Tickets

Tickets cost twelve dollars, and children under five go free.
"""


@pytest.fixture(scope="module")
def episode(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("check")
    source = tmp / "lighthouse.md"
    source.write_text(ARTICLE)
    from narrator.settings import load_settings

    return narrate(source, load_settings({"out": tmp / "out"}, environ={}, cwd=tmp))


def test_word_error_rate():
    assert word_error_rate(["a", "b", "c", "d"], ["a", "x", "c"]) == 0.5
    assert words("It cost $12 on Feb. 4.") == ["it", "cost", "twelve", "dollars", "on", "february", "fourth"]


@pytest.mark.slow
def test_a_good_episode_has_a_low_error_rate_everywhere(episode):
    result = CliRunner().invoke(cli, ["check", str(episode.directory), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [s["title"] for s in report["sections"]] == [
        "Introduction",
        "Lighthouse reopens to visitors",
        "Tickets",
        "Closing",
    ]
    assert all(s["wer"] <= 0.25 for s in report["sections"]), report


@pytest.mark.slow
def test_the_intro_is_heard_saying_ai_as_letters(episode):
    # Spelt "A I", the default voice was heard saying "created with the eye assistance".
    import re

    from narrator.episodes.check import transcribe

    intro = episode.record.sections[0]
    heard = " ".join(w.strip() for s, e, w in transcribe(episode.audio) if (s + e) / 2 < intro.end).lower()
    assert re.search(r"\bwith (ai|a\.i\.|a i) assistance\b", heard), heard
    assert not re.search(r"\b(the|a) eye\b", heard), heard


@pytest.mark.slow
def test_a_truncated_episode_is_flagged(episode, tmp_path):
    import shutil

    copy = tmp_path / episode.directory.name
    shutil.copytree(episode.directory, copy)
    audio = copy / episode.audio.name
    cut = tmp_path / "cut.mp3"
    subprocess.run([ffmpeg_path(), "-v", "error", "-i", str(audio), "-t", str(episode.duration * 0.45),
                    "-c", "copy", str(cut)], check=True)  # fmt: skip
    cut.replace(audio)
    result = CliRunner().invoke(cli, ["check", str(copy), "--json"])
    assert result.exit_code == 3  # a finding, told apart from a usage error (2) and an error (1)
    flagged = [s for s in json.loads(result.output)["sections"] if s["flagged"]]
    assert [s["title"] for s in flagged][-2:] == ["Tickets", "Closing"]
    assert all("truncated" in s["reason"] or "missing" in s["reason"] for s in flagged)


@pytest.mark.slow
def test_narrate_check_holds_a_flagged_episode_back_from_the_feed(tmp_path):
    # The tone voice makes beeps, not speech: the recogniser hears none of the script.
    source = tmp_path / "l.md"
    source.write_text(ARTICLE)
    out = tmp_path / "out"
    args = ["narrate", str(source), "--voice", "tone", "--out", str(out), "--check"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 3 and "held back from the feed" in result.output
    meta = json.loads(next(out.glob("*/episode.json")).read_text())
    assert meta["status"] == "held" and meta["check"]["flagged"] is True
    CliRunner().invoke(cli, ["publish", str(out)])
    assert "<item>" not in (out / "feed.xml").read_text()

    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "<item>" in (out / "feed.xml").read_text()
