"""Narrate a short article with the real default voice and check what a listener gets."""

from pathlib import Path

import numpy as np
import pytest

from narrator.api import narrate
from narrator.episodes.transcript import parse_vtt
from narrator.support.ffmpeg import decode

SCRAPED = """Main menu | News | Sport | Weather
Ferry returns to the island after storm repairs
By Ines Calder
March 3, 2025 8:10 AM 1 min read
The ferry at the harbour wall. (Photo: Lena Ortis/Coastline)
Advertisement
The island ferry sailed again on Monday after a week of repairs to its ramp.
Share this article
Tags: Ferries, Islands, Weather, Transport
"""


@pytest.mark.slow
def test_short_scraped_article_becomes_a_listenable_episode(tmp_path, settings):
    source = tmp_path / "ferry.txt"
    source.write_text(SCRAPED)
    episode = narrate(source, settings)

    audio = decode(episode.audio, 16000)
    duration = len(audio) / 16000
    cues = parse_vtt(episode.transcript.read_text())
    assert abs(duration - episode.duration) < 0.15
    assert 0 < duration - cues[-1].end < 1.5  # the last cue ends just before the tail

    # The intro comes first, then the body, then the outro.
    assert cues[0].text == "Ferry returns to the island after storm repairs."
    assert cues[1].text == "By Ines Calder."
    assert cues[2].text == "Published March 3, 2025."
    assert any("AI assistance" in c.text for c in cues[:5])
    body = [c.text for c in cues if "ferry sailed" in c.text]
    assert body == ["The island ferry sailed again on Monday after a week of repairs to its ramp."]

    transcript = " ".join(c.text for c in cues)
    for furniture in ("Advertisement", "Share", "Tags", "Photo", "min read", "Main menu"):
        assert furniture not in transcript

    # Each cue holds sound, and the pauses between cues are quiet.
    for cue in cues:
        segment = audio[int(cue.start * 16000) : int(cue.end * 16000)]
        assert np.sqrt(np.mean(segment**2)) > 0.01
    gap = audio[int(cues[0].end * 16000) + 800 : int(cues[1].start * 16000) - 800]
    assert np.abs(gap).max() < 0.05
    assert Path(episode.audio).stat().st_size > 10_000
