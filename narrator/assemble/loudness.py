"""Loudness (ITU-R BS.1770-4): K-weighted energy in 100 ms steps, gated integrated
loudness from those steps, a peak limiter and true peak.

Step energies are the statistics everything else is computed from: a segment's gain
before it is encoded, and the episode's loudness from the segments' steps without
reading any audio again. 400 ms gating blocks are sums of four consecutive steps.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from .gating import (  # noqa: F401 (also imported from here)
    _ABSOLUTE_GATE,
    ENCODER_LOSS_LU,
    ENCODER_PEAK_RISE_DB,
    MAX_TRUE_PEAK,
    PEAK_CEILING,
    STEP_SECONDS,
)


def limit(samples: np.ndarray, ceiling: float = PEAK_CEILING) -> np.ndarray:
    """Peaks above a knee are bent smoothly towards the ceiling, never past it. Works on
    any chunk on its own, so audio can be limited a piece at a time."""
    out = np.array(samples, dtype=np.float32)
    flat = out.reshape(-1)
    knee = np.float32(0.7 * ceiling)
    over = np.flatnonzero(np.abs(flat) > knee)
    if len(over):
        room = np.float32(ceiling) - knee
        values = flat[over]
        flat[over] = np.copysign(knee + room * np.tanh((np.abs(values) - knee) / room), values)
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


@cache
def _step_weights(rate: int) -> np.ndarray:
    """|K(f)|² at the bins of one step's real FFT, scaled so that weighted bin powers sum
    to the step's K-weighted mean square (Parseval)."""
    step = step_length(rate)
    f = np.fft.rfftfreq(step, 1 / rate)
    z = np.exp(-2j * np.pi * f / rate)
    response = np.ones(len(f), complex)
    for b, a in _k_weighting(rate):
        response *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    weights = 2 * np.abs(response) ** 2 / step / step  # a mean square, whatever the rate
    weights[0] /= 2
    if step % 2 == 0:
        weights[-1] /= 2
    return weights


def step_length(rate: int) -> int:
    return round(rate * STEP_SECONDS)


def step_energies(samples: np.ndarray, rate: int) -> np.ndarray:
    """K-weighted mean square of each 100 ms step (the last one padded with silence).

    Each step is weighted in the frequency domain on its own: against the recursive
    filter run over the whole signal this differs by under 0.001 LU in integrated
    loudness on speech, and costs a fifth as much."""
    step = step_length(rate)
    x = np.asarray(samples, dtype=np.float32)
    if len(x) % step:
        x = np.pad(x, (0, step - len(x) % step))
    if not len(x):
        return np.zeros(0)
    return _weigh(x.reshape(-1, step), rate)


def _weigh(steps: np.ndarray, rate: int) -> np.ndarray:
    from ..support.fft import rfft  # float32 throughout, several times faster than numpy's FFT

    spectrum = rfft(steps, axis=1)
    power = np.square(spectrum.real) + np.square(spectrum.imag)
    return power.astype(np.float64) @ _step_weights(rate)


def gated_loudness(steps: np.ndarray) -> float:
    """Integrated loudness (LUFS) from 100 ms step energies: 400 ms blocks overlapping by
    75 %, the absolute gate at -70 LUFS and the relative gate 10 LU below."""
    steps = np.asarray(steps, dtype=np.float64)
    if len(steps) < 4:
        return float("-inf")
    blocks = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / 4
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loud > _ABSOLUTE_GATE]
    if not len(gated):
        return float("-inf")
    relative = -0.691 + 10 * math.log10(gated.mean()) - 10
    final = blocks[(loud > _ABSOLUTE_GATE) & (loud > relative)]
    return float(-0.691 + 10 * math.log10(final.mean())) if len(final) else float("-inf")


def loudness(samples: np.ndarray, rate: int) -> float:
    return gated_loudness(step_energies(samples, rate))


_BLOCK_STEPS = 256  # steps weighed at a time, so memory stays small whatever the length


def _step_peaks(x: np.ndarray, step: int) -> np.ndarray:
    """The largest magnitude in each step (the last one may be short)."""
    whole = len(x) // step
    peaks = np.abs(x[: whole * step].reshape(-1, step)).max(axis=1) if whole else np.zeros(0, x.dtype)
    if len(x) % step:
        peaks = np.append(peaks, np.abs(x[whole * step :]).max())
    return peaks.astype(np.float32)


def level(samples: np.ndarray, rate: int, target: float, ceiling: float = PEAK_CEILING) -> tuple[float, np.ndarray]:
    """The gain that brings ``samples`` to ``target`` LUFS after peak limiting, and the
    step energies of the result (``limit(samples * gain, ceiling)``).

    Limiting takes a little loudness away, so the gain is corrected until the result is
    within 0.05 LU. Each correction re-weighs only the steps the limiter touches, a few
    at a time, so the levelled audio is never held beside the original."""
    x = np.asarray(samples)
    scale = np.float32(1 / 32768 if x.dtype == np.int16 else 1)  # 16-bit samples, or floats
    step = step_length(rate)
    blocks = range(0, len(x), _BLOCK_STEPS * step)
    raw = np.concatenate([step_energies(x[i : i + _BLOCK_STEPS * step] * scale, rate) for i in blocks] or [[]])
    measured = gated_loudness(raw)
    if not np.isfinite(measured):
        return 1.0, raw
    peaks = np.concatenate([_step_peaks(x[i : i + _BLOCK_STEPS * step], step) for i in blocks]) * scale
    gain_db = target - measured
    for _ in range(6):
        gain = 10 ** (gain_db / 20)
        steps = raw * gain * gain
        touched = np.flatnonzero(peaks * gain > 0.7 * ceiling)
        for i in range(0, len(touched), _BLOCK_STEPS):
            batch = touched[i : i + _BLOCK_STEPS]
            frames = np.zeros((len(batch), step), dtype=np.float32)
            for row, n in enumerate(batch):
                piece = x[n * step : (n + 1) * step]
                frames[row, : len(piece)] = piece * scale
            steps[batch] = _weigh(limit(frames * np.float32(gain), ceiling), rate)
        result = gated_loudness(steps)
        if abs(target - result) < 0.05:
            break
        gain_db += target - result
    return gain, steps
