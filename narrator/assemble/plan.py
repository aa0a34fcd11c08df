"""Plan: the episode cut into segments, each laid out with its pauses, and the
episode's timeline (transcript cues and chapters) put together from the segments as
they were encoded.

Segments end in the pause after a section or after a paragraph, so the silence between
them absorbs the encoder's boundary. Where a section's paragraphs are cut depends only
on the paragraphs themselves (a hash of each one's words), never on what came before,
so editing one paragraph changes one segment and leaves the others as they were.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from ..models import Chapter, ClipRef, Cue, Plan, Script, VoiceProfile
from ..synth.cache import load_clip, load_pcm

if TYPE_CHECKING:
    import numpy as np

LEAD_IN = 0.3  # seconds of silence before the first word
TAIL = 0.8  # and after the last, so players don't cut it off
# One paragraph in this many ends a segment (about a minute and a half of speech), chosen
# by a hash of its words: small enough that an edit re-encodes little, large enough that
# starting the encoder stays a small part of the work.
PARAGRAPHS_PER_SEGMENT = 4


@dataclass(frozen=True, kw_only=True)
class Segment:
    """Utterances ``first`` to ``stop`` of script part ``part``, encoded as one piece."""

    part: int
    first: int
    stop: int
    lead: float  # seconds of silence before the first word
    tail: float  # seconds of silence after the last pause (the episode's end)


def length_at(ref: ClipRef, rate: int) -> int:
    return ref.samples if ref.rate == rate else round(ref.samples * rate / ref.rate)


def _cuts(utterances) -> list[int]:
    """Where a part's utterances are cut into segments: after these indexes."""
    ends = [i for i, u in enumerate(utterances) if u.pause == "paragraph"]
    cuts = []
    for n, i in enumerate(ends):
        if utterances[i].kind != "text" or n < 1 or n > len(ends) - 3:
            continue
        start = ends[n - 1] + 1
        words = "\n".join(u.spoken for u in utterances[start : i + 1]).encode()
        if int.from_bytes(hashlib.sha256(words).digest()[:4], "big") % PARAGRAPHS_PER_SEGMENT == 0:
            cuts.append(i)
    return cuts


def segment_script(script: Script) -> list[Segment]:
    """The script cut into segments: every part on its own, long parts at paragraphs."""
    spoken = [i for i, part in enumerate(script.parts) if part.utterances]
    segments = []
    for i in spoken:
        utterances = script.parts[i].utterances
        bounds = [0, *(c + 1 for c in _cuts(utterances)), len(utterances)]
        for first, stop in pairwise(bounds):
            segments.append(Segment(part=i, first=first, stop=stop, lead=0.0, tail=0.0))
    if segments:
        segments[0] = replace(segments[0], lead=LEAD_IN)
        segments[-1] = replace(segments[-1], tail=TAIL)
    return segments


def pauses(script: Script, segment: Segment, voice: VoiceProfile, boundary: float) -> list[float]:
    """Seconds of silence after each utterance of ``segment``. The last pause of a segment
    that another follows is ``boundary`` shorter: the encoder adds about that much at the
    join, so the pause heard stays the one planned."""
    utterances = script.parts[segment.part].utterances[segment.first : segment.stop]
    out = [voice.pause_after(u.pause) for u in utterances]
    if not segment.tail:
        out[-1] = max(0.0, out[-1] - boundary)
    return out


def layout(
    refs: list[tuple[ClipRef, ...]], gaps: list[float], segment: Segment, rate: int
) -> tuple[list[ClipRef | int], list[tuple[float, float]]]:
    """A segment's clips and silences in order, and each utterance's start and end in
    seconds from the segment's first sample."""
    items: list[ClipRef | int] = []
    pos = int(segment.lead * rate)
    if pos:
        items.append(pos)
    spans = []
    for n, (clips, gap) in enumerate(zip(refs, gaps, strict=True)):
        start = pos
        for ref in clips:
            items.append(ref)
            pos += length_at(ref, rate)
        spans.append((start / rate, pos / rate))
        silence = int(gap * rate) + (int(segment.tail * rate) if n == len(refs) - 1 else 0)
        if silence:
            items.append(silence)
        pos += silence
    return items, spans


def clip_samples(ref: ClipRef, rate: int) -> np.ndarray:
    """A cached clip's 16-bit samples at ``rate``, resampled if the engine spoke at another."""
    import numpy as np

    if ref.rate == rate:
        return load_pcm(ref)
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(ref.rate, rate)
    samples = resample_poly(load_clip(ref), rate // g, ref.rate // g)
    want = length_at(ref, rate)
    samples = np.pad(samples[:want], (0, max(0, want - len(samples))))
    return np.clip(np.round(samples * 32768.0), -32767, 32767).astype(np.int16)


def episode_plan(
    script: Script, segments: list[Segment], starts: list[float], spans: list[tuple[tuple[float, float], ...]],
    duration: float, rate: int,
) -> Plan:  # fmt: skip
    """The episode's cues and chapters, from where each segment starts in the joined audio
    and where each utterance is inside its segment."""
    cues: list[Cue] = []
    chapters: list[Chapter] = []
    for segment, start, inner in zip(segments, starts, spans, strict=True):
        part = script.parts[segment.part]
        for utterance, (a, b) in zip(part.utterances[segment.first : segment.stop], inner, strict=True):
            if segment.first == 0 and utterance is part.utterances[0]:
                title = part.title or script.article.title or "Article"
                chapters.append(Chapter(start=0.0 if not chapters else round(start + a, 3), title=title))
            cues.append(Cue(start=start + a, end=start + b, text=utterance.written))
    return Plan(rate=rate, cues=tuple(cues), chapters=tuple(chapters), samples=round(duration * rate))
