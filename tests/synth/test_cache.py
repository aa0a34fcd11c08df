"""The segment cache: what is synthesised again and what is not, counted at the engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import counting_engine

from narrator.api import narrate
from narrator.settings import load_settings
from narrator.synth import engines
from narrator.synth.cache import ClipCache

NARRATOR = str(Path(sys.executable).parent / "narrator")

ARTICLE = """# Tram line extended

The tram line will run two stops further from May.

The council approved the money on Tuesday.

Works begin in the spring and last six weeks.
"""


@pytest.fixture
def counting(monkeypatch, tmp_path):
    """A voice on the counting engine, and settings using a fresh cache."""
    real = engines._engines
    monkeypatch.setattr(engines, "_engines", lambda: {**real(), "counting": "helpers.counting_engine:CountingEngine"})
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "counter.toml").write_text('name = "counter"\nengine = "counting"\nvoice = "sine"\nlanguage = "any"\n')
    counting_engine.CALLS.clear()
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "counter", "voices_dir": voices, "cache_dir": tmp_path / "cache", "jobs": 1},
        environ={},
        cwd=tmp_path,
    )
    return settings


def _narrate(tmp_path, settings, text=ARTICLE):
    source = tmp_path / "tram.md"
    source.write_text(text)
    episode = narrate(source, settings)
    return json.loads(episode.metadata_file.read_text())


def test_renarrating_an_unchanged_article_synthesises_nothing(counting, tmp_path):
    first = _narrate(tmp_path, counting)
    calls = len(counting_engine.CALLS)
    assert calls > 0 and first["characters_from_cache"] == 0
    second = _narrate(tmp_path, counting)
    assert len(counting_engine.CALLS) == calls
    # Nothing changed, so the episode (its record included) is left as the first run made it.
    assert second == first


def test_editing_one_paragraph_resynthesises_only_that_paragraph(counting, tmp_path):
    _narrate(tmp_path, counting)
    counting_engine.CALLS.clear()
    meta = _narrate(tmp_path, counting, ARTICLE.replace("on Tuesday", "on Wednesday"))
    assert counting_engine.CALLS == ["The council approved the money on Wednesday."]
    assert meta["characters_synthesised"] == len(counting_engine.CALLS[0])


def test_no_cache_bypasses_the_cache(counting, tmp_path):
    from dataclasses import replace

    _narrate(tmp_path, counting)
    counting_engine.CALLS.clear()
    _narrate(tmp_path, replace(counting, cache=False))
    assert len(counting_engine.CALLS) > 0


def test_cache_is_bounded_and_drops_least_recently_used(tmp_path):
    import os

    import numpy as np

    cache = ClipCache(tmp_path, max_bytes=30_100)  # room for three 10 kB clips
    for i in range(5):
        cache.put(f"{i:064x}", np.zeros(5000, np.float32), 24000)  # 10 kB each
        path = cache.path_for(f"{i:064x}")
        os.utime(path, (1000 + i, 1000 + i))
    cache.get(f"{0:064x}")  # used just now: kept
    cache.prune()
    kept = sorted(p.stem for p in tmp_path.glob("*/*.clip"))
    assert kept == [f"{i:064x}" for i in (0, 3, 4)]
    assert cache.size() <= 30_100


def test_a_damaged_clip_counts_as_a_miss(tmp_path):
    import numpy as np

    cache = ClipCache(tmp_path, 10**6)
    ref = cache.put("ab" * 32, np.zeros(100, np.float32), 24000)
    ref.path.write_bytes(b"NRC")
    assert cache.get("ab" * 32) is None


WRITER = """
import sys, numpy as np
from narrator.synth.cache import ClipCache, load_clip
cache = ClipCache(sys.argv[1], 10**9)
for round in range(40):
    for k in range(8):
        key = f"{k:064x}"
        if cache.get(key) is None or round % 3 == 0:
            cache.put(key, np.full(20000, (k + 1) / 10, np.float32), 24000)
        ref = cache.get(key)
        data = load_clip(ref)
        assert len(data) == 20000 and abs(float(data[0]) - (k + 1) / 10) < 1e-3, (key, len(data))
"""


def test_two_processes_sharing_the_cache_never_see_a_torn_clip(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)]) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert not list(tmp_path.glob("*/.*.tmp"))


def test_pruning_leaves_the_voice_data_and_other_narrations_temporary_files_alone(tmp_path):
    """Another narration's encoder works in a temporary folder inside the cache, removed
    when it is done: pruning meanwhile neither trips over it nor touches it."""
    import numpy as np

    cache = ClipCache(tmp_path, max_bytes=0)
    cache.put("ab" + "0" * 62, np.zeros(2400, np.float32), 24000)
    (tmp_path / "hibari").mkdir()
    (tmp_path / "hibari" / "kept.clip").write_bytes(b"voice data")
    working = tmp_path / ".encode-1234"
    working.mkdir()
    (working / "0.part").write_bytes(b"in progress")
    assert cache.prune() > 0  # the clip went
    assert (tmp_path / "hibari" / "kept.clip").exists() and (working / "0.part").exists()
    working.joinpath("0.part").unlink()
    working.rmdir()  # as the other narration finishes
    assert cache.prune() == 0


def test_no_cache_synthesises_everything_but_keeps_the_voices_data_in_the_cache_folder(tmp_path):
    """--no-cache keeps no clips, yet the default voice still loads its data from the
    user's cache folder: made on first use, quicker to load and a fraction of the memory.
    The first narration runs in a process of its own, which loads the voice afresh."""
    cache = tmp_path / "cache"
    source = tmp_path / "tram.md"
    source.write_text(ARTICLE)
    env = {**os.environ, "NARRATOR_CACHE_DIR": str(cache)}
    subprocess.run([NARRATOR, "narrate", str(source), "--no-cache", "--jobs", "1", "--out", str(tmp_path / "out")],
                   env=env, cwd=tmp_path, check=True, capture_output=True)  # fmt: skip
    assert any((cache / "hibari").iterdir()) and any((cache / "words").glob("*.txt"))
    assert not list(cache.glob("*/*.clip")) and not list(cache.glob("*/*.part"))
    settings = load_settings({"out": tmp_path / "out", "cache": False, "cache_dir": cache, "jobs": 1}, environ={},
                             cwd=tmp_path)  # fmt: skip
    calls: list[tuple[int, int]] = []
    narrate(source, settings, progress=lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert total > 0 and calls[-1] == (total, total)  # every sentence synthesised again
    assert not list(cache.glob("*/*.clip")) and not list(cache.glob("*/*.part"))
