"""Loudness: measure it (ITU-R BS.1770-4) as audio streams past, limit peaks, and measure
encoded files.

The whole episode never has to sit in memory: feed it chunk by chunk to a
:class:`LoudnessMeter` and read :attr:`LoudnessMeter.lufs` at the end. :func:`master`
(in :mod:`.master`) uses these to bring the encoded episode to the target.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import numpy as np

from ..errors import AudioError
from ..ffmpeg import ffmpeg_path
from ..models import Plan
from .plan import stream

# Sample peaks are held at -4.5 dBFS so that, after MP3 encoding and reconstruction
# between samples, the true peak stays under the -1 dBTP podcast platforms ask for:
# measured on hibari's voice, a -3 dBFS ceiling gave -0.8 dBTP in the MP3 and -4 dBFS
# gave -0.9 dBTP on a long article.
PEAK_CEILING = 10 ** (-4.5 / 20)
# MP3 encoding at podcast bitrates takes about 0.4 LU of loudness away (measured: the
# same PCM read -16.1 LUFS before LAME and -16.5 after, at every quality setting), so
# the episode is levelled that much above the target before it is encoded.
ENCODER_LOSS_LU = 0.4


MAX_TRUE_PEAK = -1.0  # dBTP, what podcast platforms ask for
LOUDNESS_TOLERANCE = 0.3  # LU around the target


def limit(samples: np.ndarray, ceiling: float = PEAK_CEILING) -> np.ndarray:
    """Peaks above a knee are bent smoothly towards the ceiling, never past it. Works on
    any chunk on its own, so the episode can be limited as it streams."""
    out = np.asarray(samples, dtype=np.float32).copy()
    knee = np.float32(0.7 * ceiling)
    over = np.abs(out) > knee
    if over.any():
        room = ceiling - knee
        mag = knee + room * np.tanh((np.abs(out[over]) - knee) / room)
        out[over] = np.sign(out[over]) * mag
    return out




def _k_weighting(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The two biquads of the K-weighting filter: a high shelf and a high pass."""
    gain, q, fc = 4.0, 1 / math.sqrt(2), 1500.0
    a = 10 ** (gain / 40)
    w0 = 2 * math.pi * fc / rate
    alpha = math.sin(w0) / (2 * q)
    cos, sa = math.cos(w0), 2 * math.sqrt(a) * alpha
    shelf_b = [
        a * ((a + 1) + (a - 1) * cos + sa),
        -2 * a * ((a - 1) + (a + 1) * cos),
        a * ((a + 1) + (a - 1) * cos - sa),
    ]
    shelf_a = [(a + 1) - (a - 1) * cos + sa, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - sa]
    q, fc = 0.5, 38.0
    w0 = 2 * math.pi * fc / rate
    alpha = math.sin(w0) / (2 * q)
    cos = math.cos(w0)
    pass_b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
    pass_a = [1 + alpha, -2 * cos, 1 - alpha]
    return [
        (np.array(shelf_b) / shelf_a[0], np.array(shelf_a) / shelf_a[0]),
        (np.array(pass_b) / pass_a[0], np.array(pass_a) / pass_a[0]),
    ]


def _impulse_response(rate: int) -> np.ndarray:
    """The K-weighting filter's impulse response, long enough to have died away.

    Filtering by FFT convolution with it matches the recursive filter to within
    rounding, and needs only numpy (scipy.signal takes most of a second to import)."""
    length = rate // 2
    x = np.zeros(length)
    x[0] = 1.0
    for b, a in _k_weighting(rate):
        y = np.zeros(length)
        x1 = x2 = y1 = y2 = 0.0
        b0, b1, b2 = b
        _, a1, a2 = a
        for n in range(length):
            xn = x[n]
            yn = b0 * xn + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            y[n] = yn
            x2, x1, y2, y1 = x1, xn, y1, yn
        x = y
    return x


class LoudnessMeter:
    """Streaming BS.1770 meter for mono audio: 400 ms blocks, 75 % overlap, gated."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._h = _impulse_response(rate)
        self._carry = np.zeros(len(self._h) - 1)
        self._step = round(rate * 0.1)
        self._pending = np.zeros(0, dtype=np.float64)
        self._steps: list[float] = []  # sum of squares per 100 ms step
        self._buffer: list[np.ndarray] = []
        self._buffered = 0

    def _filter(self, x: np.ndarray) -> np.ndarray:
        """Overlap-add FFT convolution: this chunk's output, carrying the tail forward."""
        n = len(x) + len(self._h) - 1
        size = 1 << (n - 1).bit_length()
        y = np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(self._h, size), size)[:n]
        carry = self._carry
        m = min(len(carry), n)
        y[:m] += carry[:m]
        tail = y[len(x) :]
        if len(carry) > n:  # a chunk shorter than the filter: the old tail reaches past it
            tail = np.concatenate([tail, carry[n:]])
        self._carry = (
            tail[: len(self._h) - 1]
            if len(tail) >= len(self._h) - 1
            else np.pad(tail, (0, len(self._h) - 1 - len(tail)))
        )
        return y[: len(x)]

    def add(self, samples: np.ndarray) -> None:
        """Feed more audio. Short pieces are gathered into blocks of a few seconds first,
        so the FFT filter runs a few times per minute of audio, not once per clip."""
        x = np.asarray(samples, dtype=np.float64)
        if not len(x):
            return
        self._buffer.append(x)
        self._buffered += len(x)
        if self._buffered >= self.rate * 8:
            self._flush()

    def _flush(self) -> None:
        if not self._buffered:
            return
        x = np.concatenate(self._buffer) if len(self._buffer) > 1 else self._buffer[0]
        self._buffer, self._buffered = [], 0
        x = self._filter(x)
        x = np.concatenate([self._pending, x]) if len(self._pending) else x
        whole = len(x) // self._step * self._step
        if whole:
            squares = np.square(x[:whole]).reshape(-1, self._step).sum(axis=1)
            self._steps.extend(squares.tolist())
        self._pending = x[whole:]

    def add_silence(self, count: int) -> None:
        """Silence, without allocating it all at once."""
        while count > 0:
            n = min(count, self.rate * 10)
            self.add(np.zeros(n, dtype=np.float32))
            count -= n

    @property
    def lufs(self) -> float:
        self._flush()
        steps = np.asarray(self._steps)
        if len(steps) < 4:
            return float("-inf")
        blocks = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * self._step)
        with np.errstate(divide="ignore"):
            loud = -0.691 + 10 * np.log10(blocks)
        gated = blocks[loud > -70]
        if not len(gated):
            return float("-inf")
        relative = -0.691 + 10 * math.log10(gated.mean()) - 10
        final = blocks[(loud > -70) & (loud > relative)]
        return float(-0.691 + 10 * math.log10(final.mean())) if len(final) else float("-inf")


def _measure(plan: Plan, gain: float, ceiling: float) -> float:
    meter = LoudnessMeter(plan.rate)
    for samples in stream(plan):
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
