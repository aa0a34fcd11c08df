"""Audio helpers: find ffmpeg, set the level, encode and decode MP3."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from functools import cache
from pathlib import Path

import numpy as np

from .errors import AudioError

# Sample peaks are held at -2 dBFS so that, after MP3 encoding and reconstruction
# between samples, the true peak stays under the -1 dBTP podcast platforms ask for.
PEAK_CEILING = 10 ** (-2.0 / 20)


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


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770), or -inf for silence."""
    import pyloudnorm

    if len(samples) < rate * 0.5:
        samples = np.pad(samples, (0, int(rate * 0.5) - len(samples)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def _limit(samples: np.ndarray) -> np.ndarray:
    """Peaks above a knee are bent smoothly towards the ceiling, never past it."""
    out = samples.astype(np.float32, copy=True)
    knee = np.float32(0.7 * PEAK_CEILING)
    over = np.abs(out) > knee
    if over.any():
        room = PEAK_CEILING - knee
        mag = knee + room * np.tanh((np.abs(out[over]) - knee) / room)
        out[over] = np.sign(out[over]) * mag
    return out


def normalise_level(samples: np.ndarray, rate: int, target_lufs: float) -> np.ndarray:
    """The whole episode brought to ``target_lufs``, measured over the whole episode,
    with peaks held under the ceiling. Limiting lowers loudness a little, so the gain
    is corrected and applied again until the result is within 0.2 LU of the target."""
    measured = loudness(samples, rate)
    if not np.isfinite(measured):
        return samples
    gain_db = target_lufs - measured
    out = samples
    for _ in range(4):
        out = _limit(samples * np.float32(10 ** (gain_db / 20)))
        error = target_lufs - loudness(out, rate)
        if abs(error) < 0.2:
            break
        gain_db += error
    return out


def measure_file(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of an audio file, by ffmpeg's ebur128."""
    result = subprocess.run(
        [
            ffmpeg_path(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-vn",
            "-af",
            "ebur128=peak=true",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = result.stderr.rsplit("Summary:", 1)[-1]
    lufs = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if result.returncode != 0 or not lufs or not peak:
        raise AudioError(f"{path}: can't measure loudness")
    return float(lufs.group(1)), float(peak.group(1))


def to_pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def encode_mp3(samples: np.ndarray, rate: int, path: Path, *, bitrate: int, sample_rate: int) -> None:
    """Write mono constant-bitrate MP3 through pydub and ffmpeg (tags are written separately)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # pydub warns when ffmpeg is not on PATH
        warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop
        from pydub import AudioSegment

    AudioSegment.converter = ffmpeg_path()
    segment = AudioSegment(data=to_pcm16(samples), sample_width=2, frame_rate=rate, channels=1)
    try:
        handle = segment.export(
            str(path),
            format="mp3",
            codec="libmp3lame",
            bitrate=f"{bitrate}k",
            parameters=["-ar", str(sample_rate), "-ac", "1"],
        )
        handle.close()
    except Exception as exc:  # pydub raises CouldntEncodeError or OSError from ffmpeg
        raise AudioError(f"{path}: MP3 encoding failed: {exc}") from exc


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
