"""Encode: stream the planned episode into ffmpeg's MP3 encoder, a clip at a time, so
memory holds one clip and not the episode."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from ..errors import AudioError
from ..ffmpeg import ffmpeg_path
from ..models import Plan
from .loudness import PEAK_CEILING, limit
from .plan import stream


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
        for samples in stream(plan):
            leveled = limit(samples * np.float32(gain), ceiling)
            process.stdin.write((np.clip(leveled, -ceiling, ceiling) * 32767).astype("<i2").tobytes())
        process.stdin.close()
    except BrokenPipeError:
        pass
    errors = process.stderr.read().decode(errors="replace").strip() if process.stderr else ""
    if process.wait() != 0:
        raise AudioError(f"{path}: MP3 encoding failed: {errors or 'ffmpeg exited with an error'}")
