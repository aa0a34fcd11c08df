"""How the C allocator keeps memory: set once by the programs narrator runs as (the
command line, its service and its worker processes), never by library calls, since it
applies to the whole process."""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 4 << 20
KEEP_FREE = 128 << 20


def return_large_blocks() -> bool:
    """Have glibc give every block of 4 MB or more its own mapping, handed back to the
    system when it is freed. True if it took the setting.

    By default glibc raises that threshold to the largest block freed so far (up to
    32 MB). After the first long sentence, then, the voice model's working arrays come
    from the heap, where two synthesis threads leave it fragmented: narrating 10,000
    words peaked 30 to 60 MB higher (benchmarks/run.py). Mapping and unmapping blocks
    costs time in the kernel: at 4 MB about 3 % of a 1,000-word narration, at 2 MB
    twice that for 10 MB less, and at 8 MB the peak is back near the default's. The
    trim threshold goes up with it, so the heap's small objects are not given back and
    taken again on every free, which costs far more time than it saves."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # musl and other C libraries take the call and do nothing (they return 0).
    return bool(mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)) and bool(mallopt(_M_TRIM_THRESHOLD, KEEP_FREE))
