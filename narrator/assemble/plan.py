"""Plan: where every clip and pause of the episode goes, worked out from the clips'
lengths alone, with the transcript's cues and the chapters timed from the same layout."""

from __future__ import annotations

from ..models import Chapter, ClipRef, Cue, Plan, Script, Synthesis, VoiceProfile

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
