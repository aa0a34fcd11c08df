"""Encode: stream the planned episode into ffmpeg's MP3 encoder, a clip at a time, so
memory holds one clip and not the episode; and decode audio files back to samples."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import AudioError
from ..models import Plan
from .loudness import PEAK_CEILING, limit
from .plan import length_at


@cache
def ffmpeg_path() -> str:
    """ffmpeg from PATH, else the binary that the imageio-ffmpeg wheel ships."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise AudioError(f"ffmpeg: not on PATH and imageio-ffmpeg can't provide it: {exc}") from exc


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
        samples = item.load()
        if item.rate != plan.rate:
            from math import gcd

            g = gcd(item.rate, plan.rate)
            samples = resample_poly(samples, plan.rate // g, item.rate // g).astype(np.float32)
            samples = samples[: length_at(item, plan.rate)]
            samples = np.pad(samples, (0, length_at(item, plan.rate) - len(samples)))
        yield samples


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


def decode(path: Path, rate: int = 16000) -> np.ndarray:
    """Mono float32 samples of any audio file ffmpeg can read."""
    result = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-i", str(path), "-vn", "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise AudioError(f"{path}: can't decode: {result.stderr.decode(errors='replace').strip()}")
    return np.frombuffer(result.stdout, dtype="<i2").astype(np.float32) / 32768.0
