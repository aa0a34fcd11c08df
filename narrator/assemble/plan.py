"""Plan: the episode cut into segments, each laid out with its pauses, and the
episode's timeline (transcript cues and chapters) put together from the segments as
they were encoded.

The intro and the outro are a segment each, and every paragraph of the article is a
segment of its own (a very short one joins the next), ending in the pause after it: the
silence between segments absorbs the encoder's boundary, and editing a paragraph
re-encodes that paragraph and nothing else. (Segments of four paragraphs made a long
article from nothing about 8 % faster, with fewer pieces to level and encode, and made a
correction re-encode four times as much: corrections are the commoner case.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from ..models import Chapter, ClipRef, Cue, Plan, Script, VoiceProfile
from ..synth.cache import load_clip, load_pcm

if TYPE_CHECKING:
    import numpy as np

LEAD_IN = 0.3  # seconds of silence before the first word
TAIL = 0.8  # and after the last, so players don't cut it off
# Each segment is levelled on its own, and a second of speech is too little to measure:
# a paragraph shorter than this (about three seconds) is encoded with the next one.
MIN_WORDS = 8


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
    """Where a body part's utterances are cut into segments: after each paragraph of text
    of at least :data:`MIN_WORDS` words (counted in the paragraph alone, so an edit moves
    no cut but its own), except at the part's end."""
    cuts, words = [], 0
    for i, utterance in enumerate(utterances[:-1]):
        words += len(utterance.spoken.split())
        if utterance.pause == "paragraph":
            if utterance.kind == "text" and words >= MIN_WORDS:
                cuts.append(i)
            words = 0
    return cuts


def segment_script(script: Script) -> list[Segment]:
    """The script cut into segments: every part on its own, and cut at its paragraphs."""
    spoken = [i for i, part in enumerate(script.parts) if part.utterances]
    segments = []
    for i in spoken:
        utterances = script.parts[i].utterances
        cuts = _cuts(utterances) if script.parts[i].kind == "body" else []
        bounds = [0, *(c + 1 for c in cuts), len(utterances)]
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

    from ..support.fft import scipy_imports

    with scipy_imports():
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
