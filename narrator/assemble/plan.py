"""Assemble: lay the clips out with pauses, time the transcript, level and encode.

Assembly streams. :func:`plan` works out where every clip and pause goes from the
clips' lengths alone; :func:`render_mp3` then reads the clips from the cache one at a
time: once to measure the loudness of the whole episode, again to check the level
after limiting, and a last time into ffmpeg's MP3 encoder. Memory holds one clip, not
the episode, and the work is linear in the number of clips.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import AudioError
from ..models import Chapter, Cue, Script, VoiceProfile
from ..synth.cache import ClipRef
from ..synth.synthesise import Synthesis
from .audio import PEAK_CEILING, ffmpeg_path, limit
from .loudness import LoudnessMeter

LEAD_IN = 0.3  # seconds of silence before the first word
TAIL = 0.8  # and after the last, so players don't cut it off


@dataclass(frozen=True, kw_only=True)
class Plan:
    """The episode's layout: clips and silences in order, with cues and chapters."""

    rate: int
    items: tuple[ClipRef | int, ...]  # a clip, or a number of silent samples
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    samples: int

    @property
    def duration(self) -> float:
        return self.samples / self.rate


def _length_at(ref: ClipRef, rate: int) -> int:
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
                pos += _length_at(ref, rate)
            cues.append(Cue(start=start / rate, end=pos / rate, text=utterance.written))
            gap = int(voice.pause_after(utterance.pause) * rate)
            items.append(gap)
            pos += gap
    tail = int(TAIL * rate)
    items.append(tail)
    pos += tail
    return Plan(rate=rate, items=tuple(items), cues=tuple(cues), chapters=tuple(chapters), samples=pos)


def _stream(plan: Plan, block: int = 1 << 16) -> Iterator[np.ndarray]:
    """The episode's samples, a clip or a block of silence at a time."""
    from scipy.signal import resample_poly

    for item in plan.items:
        if isinstance(item, int):
            while item > 0:
                n = min(item, block)
                yield np.zeros(n, dtype=np.float32)
                item -= n
            continue
        samples = item.load()
        if item.rate != plan.rate:
            from math import gcd

            g = gcd(item.rate, plan.rate)
            samples = resample_poly(samples, plan.rate // g, item.rate // g).astype(np.float32)
            samples = samples[: _length_at(item, plan.rate)]
            samples = np.pad(samples, (0, _length_at(item, plan.rate) - len(samples)))
        yield samples


def _measure(plan: Plan, gain: float, ceiling: float) -> float:
    meter = LoudnessMeter(plan.rate)
    for samples in _stream(plan):
        meter.add(limit(samples * np.float32(gain), ceiling) if gain != 1.0 else samples)
    return meter.lufs


def level(plan: Plan, target_lufs: float, ceiling: float = PEAK_CEILING) -> tuple[float, float]:
    """The gain that brings the whole episode to ``target_lufs`` after peak limiting,
    and the loudness it gives. Limiting takes a little loudness away, so the gain is
    corrected until the result is within 0.2 LU of the target."""
    measured = _measure(plan, 1.0, ceiling)
    if not np.isfinite(measured):
        return 1.0, measured
    gain_db = target_lufs - measured
    result = measured
    for _ in range(4):
        result = _measure(plan, 10 ** (gain_db / 20), ceiling)
        if abs(target_lufs - result) < 0.2:
            break
        gain_db += target_lufs - result
    return 10 ** (gain_db / 20), result


def render_mp3(
    plan: Plan, path: Path, *, gain: float, bitrate: int, sample_rate: int, ceiling: float = PEAK_CEILING
) -> None:
    """Encode the episode to mono constant-bitrate MP3, streaming into ffmpeg.

    LAME's quality 7 (compression_level) is about twice as fast as its default and
    indistinguishable for speech at these bitrates."""
    command = [
        ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(plan.rate), "-ac", "1", "-i", "-",
        "-ar", str(sample_rate), "-ac", "1", "-codec:a", "libmp3lame", "-b:a", f"{bitrate}k", "-compression_level", "7",
        "-f", "mp3", str(path),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None
    try:
        for samples in _stream(plan):
            leveled = limit(samples * np.float32(gain), ceiling)
            process.stdin.write((np.clip(leveled, -ceiling, ceiling) * 32767).astype("<i2").tobytes())
        process.stdin.close()
    except BrokenPipeError:
        pass
    errors = process.stderr.read().decode(errors="replace").strip() if process.stderr else ""
    if process.wait() != 0:
        raise AudioError(f"{path}: MP3 encoding failed: {errors or 'ffmpeg exited with an error'}")
