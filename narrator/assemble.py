"""Assemble: stitch clips with pauses into one episode, time the transcript, encode MP3."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import encode_mp3, loudness, normalise_level
from .errors import AudioError
from .models import Chapter, Clip, Cue, Script, VoiceProfile

LEAD_IN = 0.3  # seconds of silence before the first word
TAIL = 0.8  # and after the last, so players don't cut it off


@dataclass(frozen=True, kw_only=True, eq=False)
class Mix:
    """The stitched episode before encoding."""

    samples: np.ndarray
    sample_rate: int
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


def _chapter_title(script: Script, index: int) -> str:
    part = script.parts[index]
    if part.title:
        return part.title
    return script.article.title or "Article"


def stitch(script: Script, clips: tuple[tuple[Clip, ...], ...], voice: VoiceProfile) -> Mix:
    """One buffer holding every clip and pause, filled in a single pass.

    The total length is known up front, so joining is linear in the number of clips
    (repeated concatenation would copy the episode once per clip).
    """
    rates = {c.sample_rate for part in clips for c in part}
    if len(rates) > 1:
        raise AudioError("clips have different sample rates")
    rate = rates.pop() if rates else 24000
    lead, tail = int(LEAD_IN * rate), int(TAIL * rate)
    total = lead + tail
    for part, part_clips in zip(script.parts, clips, strict=True):
        for utterance, clip in zip(part.utterances, part_clips, strict=True):
            total += len(clip.samples) + int(voice.pause_after(utterance.pause) * rate)
    buffer = np.zeros(total, dtype=np.float32)
    cues: list[Cue] = []
    chapters: list[Chapter] = []
    pos = lead
    for index, (part, part_clips) in enumerate(zip(script.parts, clips, strict=True)):
        if part.utterances:
            chapters.append(Chapter(start=round(pos / rate, 3), title=_chapter_title(script, index)))
        for utterance, clip in zip(part.utterances, part_clips, strict=True):
            n = len(clip.samples)
            buffer[pos : pos + n] = clip.samples
            cues.append(Cue(start=pos / rate, end=(pos + n) / rate, text=utterance.written))
            pos += n + int(voice.pause_after(utterance.pause) * rate)
    if chapters:
        chapters[0] = Chapter(start=0.0, title=chapters[0].title)
    return Mix(samples=buffer, sample_rate=rate, cues=tuple(cues), chapters=tuple(chapters))


def master(mix: Mix, target_lufs: float) -> tuple[Mix, float]:
    """The mix at the target loudness, and the loudness it measures afterwards."""
    samples = normalise_level(mix.samples, mix.sample_rate, target_lufs)
    leveled = Mix(samples=samples, sample_rate=mix.sample_rate, cues=mix.cues, chapters=mix.chapters)
    return leveled, loudness(samples, mix.sample_rate)


def write_mp3(mix: Mix, path: Path, *, bitrate: int, sample_rate: int) -> None:
    encode_mp3(mix.samples, mix.sample_rate, path, bitrate=bitrate, sample_rate=sample_rate)
