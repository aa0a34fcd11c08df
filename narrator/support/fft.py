"""Real FFTs in float32, and scipy's imports one thread at a time.

The loudness meter and the default voice both want scipy's pocketfft: it keeps float32
and is several times faster than numpy's real FFT. Importing ``scipy.fft`` takes about
0.12 s (it brings scipy.special and the array API layer along), more than the voice's
model takes to load. Its compiled pocketfft module on its own loads in a millisecond and
is what ``scipy.fft`` calls, so the results are the same to the bit. When it can't be
loaded that way, ``scipy.fft`` itself is used, and numpy's FFT without scipy.

scipy's package is imported lazily, and two threads importing parts of it at once can
meet a partly initialised module. Narrator's scipy imports go through :func:`scipy_imports`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from functools import cache
from importlib import machinery, util
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_SCIPY = threading.RLock()


@contextlib.contextmanager
def scipy_imports() -> Iterator[None]:
    """Hold while importing from scipy: one thread at a time."""
    with _SCIPY:
        yield


@cache
def _pocketfft() -> ModuleType | None:
    """scipy's compiled pocketfft, loaded without the ``scipy.fft`` package."""
    try:
        spec = util.find_spec("scipy")
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations))) / "fft" / "_pocketfft"
        path = next(p for s in machinery.EXTENSION_SUFFIXES if (p := folder / f"pypocketfft{s}").is_file())
        loader = machinery.ExtensionFileLoader("scipy.fft._pocketfft.pypocketfft", str(path))
        found = util.spec_from_file_location(loader.name, path, loader=loader)
        if found is None:
            return None
        module = util.module_from_spec(found)
        loader.exec_module(module)
        if not (callable(getattr(module, "r2c", None)) and callable(getattr(module, "c2r", None))):
            return None
        return module
    except Exception:  # any failure means: use scipy.fft as usual
        return None


@cache
def _scipy_fft() -> ModuleType | None:
    with scipy_imports():
        try:
            import scipy.fft

            return scipy.fft
        except ImportError:
            return None


def native() -> bool:
    """Whether the FFTs here come from pocketfft loaded on its own."""
    return _pocketfft() is not None


def _float(x) -> np.ndarray:
    """``x`` as scipy.fft hands it to pocketfft: floating, native byte order, aligned."""
    import numpy as np

    x = np.asarray(x)
    if x.dtype == np.float16:
        x = x.astype(np.float32)
    elif x.dtype.kind not in "fc":
        x = x.astype(np.float64)
    if not x.dtype.isnative or not x.flags.aligned:
        x = np.array(x, dtype=x.dtype.newbyteorder("="))
    return x


def rfft(x, axis: int = -1) -> np.ndarray:
    """``scipy.fft.rfft(x, axis=axis)``: complex64 for float32 input."""
    pocket = _pocketfft()
    x = _float(x)
    if pocket is not None and x.dtype.kind == "f" and x.ndim and x.shape[axis]:
        return pocket.r2c(x, (axis % x.ndim,), True, 0, None, 1)
    if (sp := _scipy_fft()) is not None:
        return sp.rfft(x, axis=axis)
    import numpy as np

    out = np.fft.rfft(x, axis=axis)
    return out.astype(np.complex64) if x.dtype == np.float32 else out


def irfft(x, n: int, axis: int = -1) -> np.ndarray:
    """``scipy.fft.irfft(x, n=n, axis=axis)``: float32 for complex64 input."""
    pocket = _pocketfft()
    x = _float(x)
    if pocket is not None and x.dtype.kind == "c" and x.ndim and n > 0 and x.shape[axis] == n // 2 + 1:
        return pocket.c2r(x, (axis % x.ndim,), n, False, 2, None, 1)
    if (sp := _scipy_fft()) is not None:
        return sp.irfft(x, n=n, axis=axis)
    import numpy as np

    out = np.fft.irfft(x, n=n, axis=axis)
    return out.astype(np.float32) if x.dtype == np.complex64 else out
