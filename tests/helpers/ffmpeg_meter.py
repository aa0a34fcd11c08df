"""ffmpeg's own loudness meter (ebur128), for tests to check narrator's sums against a
measurement it did not make."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from narrator.support.ffmpeg import ffmpeg_path


def measure_file(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of an audio file."""
    result = subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-nostats", "-i", str(path), "-vn", "-af", "ebur128=peak=true",
         "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    summary = result.stderr.rsplit("Summary:", 1)[-1]
    lufs = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert result.returncode == 0 and lufs and peak, f"{path}: ffmpeg can't measure its loudness"
    return float(lufs.group(1)), float(peak.group(1))
