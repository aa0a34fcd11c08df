"""narrator check hears the same words every time it listens to the same audio."""

from __future__ import annotations

import pytest

from narrator.api import narrate
from narrator.episodes.check import transcribe
from narrator.settings import load_settings

pytest.importorskip("faster_whisper", reason="needs narrator[qa]")


@pytest.mark.slow
def test_the_same_audio_gives_the_same_transcript_every_run(tmp_path):
    # A sentence said over and over with names the recogniser is unsure of: its transcript
    # compresses well, which made Whisper retry at rising temperatures, sampling a new
    # guess every run (and now and then dropping the first thirty seconds).
    source = tmp_path / "talks.txt"
    source.write_text("Talks\n\n" + "Sergey Lavrov said no to Zadorozhnyy. " * 10 + "\n")
    settings = load_settings({"out": tmp_path / "out", "lexicon": None, "disclosure": False}, environ={}, cwd=tmp_path)
    episode = narrate(source, settings)
    first, *again = (transcribe(episode.audio) for _ in range(3))
    assert all([w for _, _, w in run] == [w for _, _, w in first] for run in again)
    assert all(run == first for run in again)
    assert sum("said" in w.lower() for _, _, w in first) >= 8  # it heard the speech, not nothing
