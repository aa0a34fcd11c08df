"""How the C allocator keeps memory: set once by the programs narrator runs as (the
command line, its service and its worker processes), never by library calls, since it
applies to the whole process. Library code may call :func:`release` at quiet moments: it
does something only in a process that has made these settings."""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
LARGE_BLOCK = 4 << 20
KEEP_FREE = 16 << 20
ARENAS = 2

_libc: ctypes.CDLL | None = None  # set once the settings are made: release() then trims


def return_large_blocks() -> bool:
    """Have glibc give every block of 4 MB or more its own mapping, handed back to the
    system when it is freed, keep at most 16 MB free at the top of a heap, and share two
    heaps (arenas) between all threads. True if it took the settings.

    By default glibc raises the mapping threshold to the largest block freed so far (up
    to 32 MB). After the first long sentence, then, the voice model's working arrays come
    from the heap, where two synthesis threads leave it fragmented: narrating 10,000
    words peaked 30 to 60 MB higher (benchmarks/run.py). Mapping and unmapping blocks
    costs time in the kernel: at 4 MB about 3 % of a 1,000-word narration, at 2 MB
    twice that for 10 MB less, and at 8 MB the peak is back near the default's.

    By default, too, glibc gives each thread a heap of its own, up to eight per core:
    memory one synthesis thread frees can't serve another, and what each keeps free
    depends on which thread ran which sentence, so the peak moved by 100 MB and more
    from run to run on the same text (benchmarks/memory_profile.py: 5,000 words peaked at
    433 to 449 MB with two synthesis threads, 537 to 542 MB with four; with two heaps and
    16 MB kept free, 358 MB with two). Two heaps, not one, so the voice's threads
    rarely wait for each other's allocations. 16 MB kept free at the top, rather than
    nothing, so small objects are not given back and taken again on every free."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # musl and other C libraries take the call and do nothing (they return 0).
    if not (mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK) and mallopt(_M_TRIM_THRESHOLD, KEEP_FREE)):
        return False
    mallopt(_M_ARENA_MAX, ARENAS)
    if hasattr(libc, "malloc_trim"):
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim.restype = ctypes.c_int
        _libc = libc
    return True


def release() -> None:
    """Hand the pages of free memory inside the heaps back to the system: what the voice
    freed after a long sentence, between blocks still in use, where the trim threshold
    can't reach. A few milliseconds; nothing unless :func:`return_large_blocks` has been
    called in this process."""
    if _libc is not None:
        _libc.malloc_trim(0)
