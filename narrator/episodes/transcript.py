"""Transcript and chapter files for an episode."""

from __future__ import annotations

import json
import re

from ..models import Chapter, Cue


def _timestamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt_text(text: str) -> str:
    """Cue text as WebVTT wants it: ``&``, ``<`` and ``>`` escaped, so a sentence can't
    open a tag (``<script>``, ``<c.x>``) or end the cue's timing line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", " ")


def _unvtt_text(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _srt_text(text: str) -> str:
    """Cue text as SubRip allows it. SRT has no escapes, and a parser takes any line
    holding ``-->`` for a timing line and rejects the file, so an arrow is written as
    the arrow it stands for; line breaks would end the cue."""
    return re.sub(r"--+>", "→", " ".join(text.splitlines()))


def to_vtt(cues: tuple[Cue, ...]) -> str:
    """WebVTT with one cue per sentence."""
    lines = ["WEBVTT", ""]
    for n, cue in enumerate(cues, 1):
        text = _vtt_text(cue.text)
        lines += [str(n), f"{_timestamp(cue.start)} --> {_timestamp(cue.end)}", text, ""]
    return "\n".join(lines)


def to_srt(cues: tuple[Cue, ...]) -> str:
    """SubRip: like WebVTT, with commas before the milliseconds."""
    lines = []
    for n, cue in enumerate(cues, 1):
        start, end = (_timestamp(t).replace(".", ",") for t in (cue.start, cue.end))
        lines += [str(n), f"{start} --> {end}", _srt_text(cue.text), ""]
    return "\n".join(lines)


def to_json_transcript(cues: tuple[Cue, ...]) -> str:
    """Podcasting 2.0 JSON transcript."""
    segments = [{"startTime": round(c.start, 3), "endTime": round(c.end, 3), "body": c.text} for c in cues]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=2) + "\n"


def parse_vtt(text: str) -> list[Cue]:
    """Cues from WebVTT written by :func:`to_vtt` (or any simple WebVTT)."""
    cues = []
    blocks = text.replace("\r\n", "\n").split("\n\n")
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        for i, line in enumerate(lines):
            if "-->" in line:
                start, end = (part.strip().split()[0] for part in line.split("-->"))
                text = _unvtt_text(" ".join(lines[i + 1 :]))
                cues.append(Cue(start=_seconds(start), end=_seconds(end), text=text))
                break
    return cues


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def to_chapters_json(chapters: tuple[Chapter, ...], *, title: str | None) -> str:
    """Podcasting 2.0 JSON chapters."""
    data = {
        "version": "1.2.0",
        "title": title or "",
        "chapters": [{"startTime": round(c.start, 3), "title": c.title} for c in chapters],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
