"""ffmpeg: found on PATH or in the imageio-ffmpeg wheel, and used to decode audio."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AudioError

if TYPE_CHECKING:
    import numpy as np


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


def decode(path: Path, rate: int = 16000) -> np.ndarray:
    """Mono float32 samples of any audio file ffmpeg can read."""
    result = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-i", str(path), "-vn", "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise AudioError(f"{path}: can't decode: {result.stderr.decode(errors='replace').strip()}")
    import numpy as np

    return np.frombuffer(result.stdout, dtype="<i2").astype(np.float32) / 32768.0
