"""Master: bring the encoded episode to its loudness target with true peaks under the
ceiling podcast platforms ask for."""

from __future__ import annotations

from pathlib import Path

from ..models import Mastered, Plan
from .encode import render_mp3
from .loudness import ENCODER_LOSS_LU, LOUDNESS_TOLERANCE, MAX_TRUE_PEAK, PEAK_CEILING, level, measure_file


def master(plan: Plan, path: Path, *, target: float, bitrate: int, sample_rate: int) -> Mastered:
    """Encode ``plan`` to ``path`` at ``target`` LUFS with true peaks under -1 dBTP.

    The encoder takes a little loudness away and can overshoot between samples, so the
    MP3 itself is measured, and the gain or the ceiling corrected and encoded again."""
    gain, _ = level(plan, target + ENCODER_LOSS_LU)
    ceiling = PEAK_CEILING
    for _ in range(3):
        render_mp3(plan, path, gain=gain, bitrate=bitrate, sample_rate=sample_rate, ceiling=ceiling)
        lufs, true_peak = measure_file(path)
        loud_ok = abs(lufs - target) <= LOUDNESS_TOLERANCE
        if true_peak <= MAX_TRUE_PEAK and loud_ok:
            break
        if true_peak > MAX_TRUE_PEAK:
            ceiling *= 10 ** ((MAX_TRUE_PEAK - 0.3 - true_peak) / 20)
        if not loud_ok:
            gain *= 10 ** ((target - lufs) / 20)
    return Mastered(loudness=lufs, true_peak=true_peak)
