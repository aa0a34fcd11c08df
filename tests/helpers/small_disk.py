"""A real small filesystem for disk-full tests: a tmpfs of a chosen size, mounted where
the tests run as root (as CI does), else None so a test can inject the fault instead."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _mount(folder: Path, size: int) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                          capture_output=True)  # fmt: skip
    return done.returncode == 0


@contextlib.contextmanager
def small_disk(folder: Path, size: int) -> Iterator[Path | None]:
    """``folder`` as a tmpfs of ``size`` bytes for the duration, or None where mounting
    isn't allowed. The mount is always taken down, even when the test fails."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount(folder, size):
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the filesystem holding ``folder`` until at most ``leave`` bytes are free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize - leave
    block = b"\0" * (1 << 16)
    with (folder / ".filler").open("wb") as fh, contextlib.suppress(OSError):
        while free > 0:
            free -= fh.write(block[: max(1, min(len(block), free))])
            fh.flush()
