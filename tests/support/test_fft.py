"""narrator.support.fft gives what scipy.fft gives, to the bit, without importing scipy.fft."""

import subprocess
import sys

import numpy as np
import scipy.fft
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from narrator.support import fft

_finite = st.floats(-1e4, 1e4, allow_nan=False, width=32)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float32, st.tuples(st.integers(1, 5), st.integers(1, 300)), elements=_finite),
    st.sampled_from([0, 1, -1]),
)
def test_real_fft_matches_scipy_to_the_bit(x, axis):
    assert fft.native()
    got = fft.rfft(x, axis=axis)
    want = scipy.fft.rfft(x, axis=axis)
    assert got.dtype == want.dtype == np.complex64
    assert np.array_equal(got, want)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, st.tuples(st.integers(1, 5), st.integers(2, 300)), elements=_finite))
def test_inverse_real_fft_matches_scipy_to_the_bit(x):
    n = x.shape[1]
    spectrum = scipy.fft.rfft(x, axis=1)
    got = fft.irfft(spectrum, n, axis=1)
    want = scipy.fft.irfft(spectrum, n=n, axis=1)
    assert got.dtype == want.dtype == np.float32
    assert np.array_equal(got, want)
    assert np.allclose(got, x, atol=1e-2 * max(1.0, float(np.abs(x).max())))


def test_other_input_types_give_what_scipy_gives():
    ints = np.arange(10, dtype=np.int16)
    assert np.array_equal(fft.rfft(ints), scipy.fft.rfft(ints))
    swapped = np.arange(8, dtype=">f4")
    assert np.array_equal(fft.rfft(swapped), scipy.fft.rfft(swapped))
    short = scipy.fft.rfft(np.ones(16, np.float32))[:5]  # fewer bins than n // 2 + 1
    assert np.array_equal(fft.irfft(short, 16), scipy.fft.irfft(short, n=16))


def test_the_default_voice_loads_without_importing_scipy_fft_and_speaks_as_with_it():
    """hibari's FFTs come from narrator.support.fft: the same samples, and scipy.fft is never
    imported (its import took longer than loading the model)."""
    text = "The harbour board met on Tuesday."
    ours = f"""
import sys, numpy as np
from narrator.synth.engines.hibari import _import_hibari
audio = _import_hibari()()({text!r}, seed=0)
assert "scipy.fft" not in sys.modules, "scipy.fft was imported"
sys.stdout.buffer.write(np.asarray(audio, np.float32).tobytes())
"""
    plain = f"""
import sys, numpy as np, scipy.fft
from hibari import Hibari
import hibari.dsp
assert hibari.dsp.FFT_BACKEND == "scipy"
sys.stdout.buffer.write(np.asarray(Hibari()({text!r}, seed=0), np.float32).tobytes())
"""
    samples = [
        np.frombuffer(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout, np.float32)
        for code in (ours, plain)
    ]
    assert len(samples[0]) > 12000
    assert np.array_equal(samples[0], samples[1])
