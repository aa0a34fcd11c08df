"""While the voice speaks a long article, one encoder process runs at a time beside it:
each holds about 35 MB, and the voice's threads and one encoder keep two cores busy.
Both encoders run for the last few segments, once the voice has finished."""

from __future__ import annotations

import threading

import pytest

import narrator.assemble.master as master
from narrator.api import narrate
from narrator.settings import load_settings

pytestmark = pytest.mark.slow


def test_one_encoder_process_runs_beside_the_voice_until_it_has_finished(tmp_path, monkeypatch):
    # Watches the real encoder (a wrapper that counts its calls, nothing replaced); the
    # first call waits until a second runs beside it, so that a second always does.
    monkeypatch.setattr(master, "_cores", lambda: 2, raising=False)  # two cores, two synthesis jobs: no core to spare
    cache = tmp_path / "cache"
    real = master.encode_parts
    state = {"active": 0, "calls": 0, "clips": None}
    changed = threading.Condition()

    def encode_parts(pcms, **options):
        with changed:
            state["active"] += 1
            state["calls"] += 1
            first = state["calls"] == 1
            if state["active"] > 1 and state["clips"] is None:
                state["clips"] = len(list(cache.glob("*/*.clip")))  # what the voice has spoken so far
                changed.notify_all()
            if first:
                changed.wait_for(lambda: state["clips"] is not None, timeout=120)
        try:
            return real(pcms, **options)
        finally:
            with changed:
                state["active"] -= 1

    monkeypatch.setattr(master, "encode_parts", encode_parts)
    source = tmp_path / "article.md"
    paragraphs = [f"The harbour crew moved crate number {n} before the evening tide." for n in range(16)]
    source.write_text("# Harbour works\n\n" + "\n\n".join(paragraphs) + "\n")
    settings = load_settings({"out": tmp_path / "out", "cache_dir": cache, "jobs": 2}, environ={}, cwd=tmp_path)
    narrate(source, settings)
    spoken = len(list(cache.glob("*/*.clip")))
    assert state["clips"] is not None  # the last segments were shared between both encoders
    # A segment here is a sentence or so: when the second encoder started, at most the
    # last group's were still to be spoken.
    assert state["clips"] >= spoken - master.GROUP - 1, (state["clips"], spoken)
