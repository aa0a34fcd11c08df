"""The command line has glibc hand large blocks back to the system once they are freed,
so a long narration does not keep the memory of every sentence it has spoken."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")

PROGRAM = """
import sys
from narrator.support.memory import return_large_blocks
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


TURNS = """
import sys
import threading
from narrator.support import memory
if sys.argv[1] == "tuned":
    assert memory.return_large_blocks()

def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096

# Six threads that live as long as the pool's do, taking turns, as the voice's threads
# and the encoders' take sentences and segments: each fills 40 MB with blocks too small
# to be mapped on their own, keeps a small block after every 4 MB of them (what is still
# in use, between what is freed) and frees the rest.
turn = threading.Semaphore(1)
done = threading.Barrier(7)
pins = []

def work():
    with turn:
        blocks = []
        for n in range(640):
            blocks.append(bytearray(b"1") * (64 << 10))
            if n % 64 == 63:
                pins.append(bytearray(b"1") * 1024)
        del blocks
    done.wait()
    done.wait()  # alive until the main thread has measured

before = rss()
threads = [threading.Thread(target=work, daemon=True) for _ in range(6)]
for thread in threads:
    thread.start()
done.wait()
kept = rss() - before
memory.release()
print(kept >> 20, (rss() - before) >> 20)
done.wait()
"""


def _kept_by_threads(mode: str) -> tuple[int, int]:
    """MB still resident after six threads have each used and freed 40 MB in turn, and
    after :func:`narrator.support.memory.release`."""
    out = subprocess.run([sys.executable, "-c", TURNS, mode], capture_output=True, text=True, check=True, timeout=60)
    kept, released = out.stdout.split()
    return int(kept), int(released)


def test_threads_taking_turns_share_the_memory_they_free():
    """Each thread kept a heap of its own by default: what one freed, the next couldn't
    use, and a narration's peak grew with its threads and moved from run to run."""
    kept, released = _kept_by_threads("tuned")
    assert kept < 60  # not 40 MB for each thread
    assert released < 15  # and release() hands the free pages between used blocks back
    assert _kept_by_threads("default")[0] > 80  # what the settings change


def test_release_does_nothing_where_the_settings_were_not_made():
    code = "from narrator.support import memory; memory.release(); print(memory._libc)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None"
