"""The loudness constants, and an episode's integrated loudness from the 100 ms step
energies its segments stored, in plain Python: re-narrating an unchanged article joins
cached segments and needs no numpy (a sixth of its time, loading it).

:func:`.loudness.gated_loudness` is the same gating on numpy arrays, for the many
measurements of levelling a segment; tests/assemble/test_loudness.py checks that they agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

# Sample peaks are held at -4.5 dBFS so that, after MP3 encoding and reconstruction
# between samples, the true peak stays under the -1 dBTP podcast platforms ask for:
# measured on the default voice, this ceiling gives about -1.5 dBTP in the MP3, and
# -3 dBFS gave -0.6 dBTP. tests/assemble/test_loudness.py checks it on the encoded episode.
PEAK_CEILING = 10 ** (-4.5 / 20)
# MP3 encoding at podcast bitrates takes about 0.4 LU away (measured on the default
# voice: 0.41 LU at 64, 96 and 128 kbit/s), so segments are levelled that much above
# the target before they are encoded. tests/assemble/test_loudness.py checks the constant.
ENCODER_LOSS_LU = 0.4
# How far the true peak of the MP3 lies above the sample peak of the limited audio fed
# to the encoder (the limiter's bends reconstruct above the samples; measured 3.2 dB on
# the default voice); used to report the MP3's true peak without decoding it.
ENCODER_PEAK_RISE_DB = 3.2

MAX_TRUE_PEAK = -1.0  # dBTP, what podcast platforms ask for
STEP_SECONDS = 0.1
_ABSOLUTE_GATE = -70.0


def episode_loudness(segments: Iterable[Sequence[float]]) -> float:
    """Integrated loudness (LUFS) of the segments' steps joined: 400 ms blocks
    overlapping by 75 %, the absolute gate at -70 LUFS and the relative gate 10 LU below."""
    steps = [float(x) for segment in segments for x in segment]
    if len(steps) < 4:
        return float("-inf")
    blocks = [(a + b + c + d) / 4 for a, b, c, d in zip(steps, steps[1:], steps[2:], steps[3:], strict=False)]
    floor = 10 ** ((_ABSOLUTE_GATE + 0.691) / 10)  # blocks at or below the absolute gate
    gated = [b for b in blocks if b > floor]
    if not gated:
        return float("-inf")
    relative = math.fsum(gated) / len(gated) / 10  # 10 LU below the gated mean, as energy
    final = [b for b in gated if b > relative]
    return -0.691 + 10 * math.log10(math.fsum(final) / len(final)) if final else float("-inf")
