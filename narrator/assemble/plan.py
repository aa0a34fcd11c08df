"""Plan: where every clip and pause of the episode goes, worked out from the clips'
lengths alone, with the transcript's cues and the chapters timed from the same layout;
and the planned episode's samples, streamed a clip at a time from the cache."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..models import Chapter, ClipRef, Cue, Plan, Script, Synthesis, VoiceProfile
from ..synth.cache import load_clip

LEAD_IN = 0.3  # seconds of silence before the first word
TAIL = 0.8  # and after the last, so players don't cut it off


def length_at(ref: ClipRef, rate: int) -> int:
    return ref.samples if ref.rate == rate else round(ref.samples * rate / ref.rate)


def plan(script: Script, synthesis: Synthesis, voice: VoiceProfile) -> Plan:
    """Where each clip and pause goes. Clips at another sample rate are resampled later."""
    rates = [ref.rate for part in synthesis.clips for utt in part for ref in utt]
    rate = max(set(rates), key=rates.count) if rates else 24000
    items: list[ClipRef | int] = [int(LEAD_IN * rate)]
    pos = items[0]
    cues: list[Cue] = []
    chapters: list[Chapter] = []
    for part, part_clips in zip(script.parts, synthesis.clips, strict=True):
        if part.utterances:
            title = part.title or script.article.title or "Article"
            chapters.append(Chapter(start=0.0 if not chapters else round(pos / rate, 3), title=title))
        for utterance, refs in zip(part.utterances, part_clips, strict=True):
            start = pos
            for ref in refs:
                items.append(ref)
                pos += length_at(ref, rate)
            cues.append(Cue(start=start / rate, end=pos / rate, text=utterance.written))
            gap = int(voice.pause_after(utterance.pause) * rate)
            items.append(gap)
            pos += gap
    tail = int(TAIL * rate)
    items.append(tail)
    pos += tail
    return Plan(rate=rate, items=tuple(items), cues=tuple(cues), chapters=tuple(chapters), samples=pos)


def stream(plan: Plan, block: int = 1 << 16) -> Iterator[np.ndarray]:
    """The episode's samples, a clip or a block of silence at a time."""
    from scipy.signal import resample_poly

    for item in plan.items:
        if isinstance(item, int):
            while item > 0:
                n = min(item, block)
                yield np.zeros(n, dtype=np.float32)
                item -= n
            continue
        samples = load_clip(item)
        if item.rate != plan.rate:
            from math import gcd

            g = gcd(item.rate, plan.rate)
            samples = resample_poly(samples, plan.rate // g, item.rate // g).astype(np.float32)
            samples = samples[: length_at(item, plan.rate)]
            samples = np.pad(samples, (0, length_at(item, plan.rate) - len(samples)))
        yield samples
