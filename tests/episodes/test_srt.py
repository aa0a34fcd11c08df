"""SubRip transcripts any strict SRT parser reads, whatever the article's text holds.

No SRT parsing library is installed here, so the test reads the files with the SRT
grammar as the strict parsers (webvtt-py's, srt) apply it."""

from __future__ import annotations

import re

import pytest

from narrator.api import narrate
from narrator.episodes.transcript import to_srt
from narrator.models import Cue

_TIMING = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$")


def parse_srt_strictly(text: str) -> list[tuple[float, float, str]]:
    """(start, end, text) per cue; ValueError where a strict parser would reject the file:
    a block that isn't number, timing line and text, or cue text holding ``-->`` (which a
    parser takes for a timing line)."""
    cues = []
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    for n, block in enumerate(blocks, 1):
        lines = block.strip("\n").split("\n")
        if len(lines) < 3 or lines[0] != str(n):
            raise ValueError(f"block {n}: expected its number, a timing line and text: {block!r}")
        timing = _TIMING.match(lines[1])
        if not timing:
            raise ValueError(f"block {n}: bad timing line {lines[1]!r}")
        for line in lines[2:]:
            if "-->" in line or not line.strip():
                raise ValueError(f"block {n}: cue text a parser reads as a timing line: {line!r}")
        g = [int(x) for x in timing.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        if end < start:
            raise ValueError(f"block {n}: ends before it starts")
        cues.append((start, end, "\n".join(lines[2:])))
    return cues


def test_cue_text_holding_an_arrow_keeps_the_file_readable():
    cues = (
        Cue(start=0.0, end=1.5, text="Rates --> up again"),
        Cue(start=1.5, end=3.0, text="Scores went 2 ---> 3, then 3-->4."),
        Cue(start=3.0, end=4.0, text="A plain sentence."),
    )
    parsed = parse_srt_strictly(to_srt(cues))
    assert [c[:2] for c in parsed] == [(0.0, 1.5), (1.5, 3.0), (3.0, 4.0)]
    assert parsed[0][2] == "Rates → up again"
    assert parsed[1][2] == "Scores went 2 → 3, then 3→4."
    assert parsed[2][2] == "A plain sentence."


@pytest.mark.slow
def test_a_narrated_article_with_arrows_in_title_and_text_has_a_valid_srt(tmp_path, settings):
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: Rates --> up again\n---\n\nThe chart read 2 --> 3 on Monday.\n")
    episode = narrate(source, settings)
    srt = episode.audio.with_suffix(".srt").read_text(encoding="utf-8")
    texts = [text for _, _, text in parse_srt_strictly(srt)]
    assert "Rates → up again." in texts
    assert "The chart read 2 → 3 on Monday." in texts
