"""The command line has glibc hand large blocks back to the system once they are freed,
so a long narration does not keep the memory of every sentence it has spoken."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")

PROGRAM = """
import sys
from narrator.memory import return_large_blocks
if sys.argv[1] == "tuned":
    assert return_large_blocks()

def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096

first = bytearray(16 << 20)  # by default glibc now serves blocks this large from its heap
del first
large, kept = [], []
for _ in range(24):
    large.append(bytearray(b"1") * (5 << 20))  # the voice model's working arrays, say
    kept.append(bytearray(b"1") * (1 << 20))  # still in use, after each on the heap
before = rss()
del large
print((before - rss()) >> 20)
"""


def _returned_after_freeing(mode: str) -> int:
    """MB the process gave back to the system when 120 MB of large blocks were freed."""
    out = subprocess.run([sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, check=True)
    return int(out.stdout)


def test_large_blocks_go_back_to_the_system_when_freed():
    assert _returned_after_freeing("tuned") > 110
    assert _returned_after_freeing("default") < 30  # what the setting changes


def test_the_command_line_sets_it(monkeypatch):
    import narrator.cli as cli
    from narrator import api

    called = []
    monkeypatch.setattr(api, "start_process", lambda: called.append(True))
    monkeypatch.setattr(cli, "cli", lambda **kw: None)
    cli.main()
    assert called == [True]
