"""Stopping the command line by a signal, as a service manager or Ctrl-C does, leaves
nothing behind in the temporary folder: SIGTERM unwinds like SIGINT."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from helpers.waiting import until

NARRATOR = str(Path(sys.executable).parent / "narrator")
ARTICLE = "# Harbour works begin\n\n" + "\n\n".join(
    f"Crews began work on berth number {i} of the harbour on Monday, and the council said the "
    f"work on berth {i} would last until the spring, when ferries return to the old quay."
    for i in range(1, 25)
)


def _answer(url: str) -> bytes | None:
    try:
        return urllib.request.urlopen(url, timeout=5).read()
    except OSError:  # not listening yet
        return None


def _left_behind(tmp: Path) -> list[str]:
    """The folders narrator's own runs make in the temporary folder and left there (not
    the template cache, kept on purpose, nor onnxruntime's ``.ses`` file)."""
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("narrator-"))


def _environ(tmp: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}


@pytest.mark.slow
def test_sigterm_during_an_uncached_narration_removes_its_clip_folder(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    source = tmp_path / "harbour.md"
    source.write_text(ARTICLE)
    # One synthesis worker, and the signal once it has written a clip: the worker is
    # running by then (a signal that lands while the pool starts a thread is another
    # matter, the same for Ctrl-C).
    args = [NARRATOR, "narrate", str(source), "--no-cache", "--jobs", "1", "--out", str(tmp_path / "out")]
    process = subprocess.Popen(args, env=_environ(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        until(lambda: [p for p in tmp.glob("narrator-clips-*/**/*") if p.is_file()], "a clip", seconds=60.0, every=0.02)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert _left_behind(tmp) == []
    assert not list((tmp_path / "out").glob("harbour*")), "a narration stopped midway publishes nothing"


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_removes_its_rendered_feed(tmp_path, stop):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    # SIGINT as Ctrl-C finds it: a test run started in the background (nohup, `&`) ignores
    # SIGINT, which a child inherits, while a handled signal is reset to the default at exec.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen([NARRATOR, "serve", str(site), "--port", "0"], env=_environ(tmp),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        banner = process.stderr.readline()
        base = re.search(r"at (http://\S+/) ", banner).group(1)
        feed = until(lambda: _answer(f"{base}feed.xml"), "the feed", seconds=60.0, every=0.02)
        assert b"<rss" in feed
        assert list(tmp.glob("narrator-preview-*/*/feed.xml"))
        process.send_signal(stop)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert _left_behind(tmp) == []
    expected = 128 + signal.SIGTERM if stop == signal.SIGTERM else 0
    assert process.returncode == expected
