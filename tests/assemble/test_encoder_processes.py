"""On a long article one ffmpeg process runs at a time (each holds about 35 MB): it
encodes its group's segments on threads of its own, so it still uses every core."""

from __future__ import annotations

import subprocess
import threading
import types

import pytest

import narrator.assemble.encode as encode
import narrator.assemble.master as master
from narrator.api import narrate
from narrator.settings import load_settings

pytestmark = pytest.mark.slow


def test_one_ffmpeg_process_runs_at_a_time_on_a_long_article(tmp_path, monkeypatch):
    # Watches the real encoder (wrappers that count ffmpeg processes, nothing replaced).
    # The first group waits until the second has been handed to the other encoder
    # thread, so that two could run at once.
    state = {"running": 0, "most": 0, "calls": 0, "second": False}
    changed = threading.Condition()

    def started() -> None:
        with changed:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])

    def ended() -> None:
        with changed:
            state["running"] -= 1

    def run(*args, **kwargs):
        started()
        try:
            return subprocess.run(*args, **kwargs)
        finally:
            ended()

    class Popen(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started()

        def wait(self, timeout=None):
            try:
                return super().wait(timeout)
            finally:
                if self.returncode is not None and not getattr(self, "_counted", False):
                    self._counted = True
                    ended()

    monkeypatch.setattr(encode, "subprocess", types.SimpleNamespace(run=run, Popen=Popen, PIPE=subprocess.PIPE))
    real = master.encode_parts

    def encode_parts(pcms, **options):
        with changed:
            state["calls"] += 1
            if state["calls"] == 1:
                changed.wait_for(lambda: state["second"], timeout=120)
            else:
                state["second"] = True
                changed.notify_all()
        return real(pcms, **options)

    monkeypatch.setattr(master, "encode_parts", encode_parts)
    source = tmp_path / "article.md"
    paragraphs = [f"The harbour crew moved crate number {n} before the evening tide." for n in range(16)]
    source.write_text("# Harbour works\n\n" + "\n\n".join(paragraphs) + "\n")
    settings = load_settings({"out": tmp_path / "out", "cache_dir": tmp_path / "cache", "jobs": 2}, environ={},
                             cwd=tmp_path)  # fmt: skip
    episode = narrate(source, settings)
    assert state["second"] and state["calls"] >= 3
    assert state["most"] == 1
    assert episode.audio.stat().st_size > 0
