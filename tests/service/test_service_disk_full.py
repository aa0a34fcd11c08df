"""The service on a disk that fills up: it refuses to start with one line, and a disk
that fills while jobs run fails the job (or retries it once there is room) instead of
leaving it running, with a few log lines, not a traceback a tick, and a clean stop."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import Client, start_uvicorn
from helpers.small_disk import fill, small_disk
from helpers.waiting import until

from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "disk-full-token"
DISK = 48 * 1024 * 1024


def _long(title: str, paragraphs: int = 120) -> str:
    sentence = "the harbour board met on Monday to discuss the cranes"
    body = "\n\n".join(f"Paragraph {k}: {sentence}." for k in range(paragraphs))
    return f"# {title}\n\n{body}\n"


def _short(title: str) -> str:
    return f"# {title}\n\nThe council met on Monday and agreed to repair the old bridge.\n"


def _settings(tmp_path: Path, out: Path):
    return load_settings({"out": out, "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp_path / "cache",
                          "jobs": 1}, environ={}, cwd=tmp_path)  # fmt: skip


def _free(disk: Path) -> None:
    (disk / ".filler").unlink(missing_ok=True)


def _log_text(caplog, capfd) -> str:
    """What the service logged (its monitor, here) and its workers wrote to stderr."""
    own = "\n".join(
        r.getMessage() + ("\nTraceback" if r.exc_info else "") for r in caplog.records if r.name.startswith("narrator")
    )  # not the loopback S3 server's request log, which other tests' threads may write to
    return own + "\n" + capfd.readouterr().err


def test_serve_api_on_a_full_disk_says_so_in_one_line(tmp_path):
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    env = {**os.environ, "NARRATOR_API_TOKENS": TOKEN, "NARRATOR_CACHE_DIR": str(tmp_path / "cache")}
    with small_disk(tmp_path / "disk", 1024 * 1024) as disk:
        out = tmp_path / "disk" / "out"
        if disk is None:  # no tmpfs here: a store that can't be created fails the same way
            (out / ".jobs" / "jobs.sqlite3").mkdir(parents=True)
        else:
            out.mkdir()
            fill(disk)
        done = subprocess.run([sys.executable, "-m", "narrator", "serve-api", "--out", str(out), "--port",
                               str(port.getsockname()[1])], capture_output=True, text=True, env=env,
                              timeout=60)  # fmt: skip
    port.close()
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {out / '.jobs'}"), done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("reserve", ["kept", "already spent"])
def test_a_disk_that_fills_mid_job_ends_the_job_and_the_service_carries_on(tmp_path, caplog, capfd, reserve):
    caplog.set_level(logging.INFO, logger="narrator.service")
    with small_disk(tmp_path / "disk", DISK) as disk:
        if disk is None:
            pytest.skip("needs a tmpfs (run as root); the injected-fault test covers the rest")
        settings = _settings(tmp_path, disk / "out")
        queue = EmbeddedQueue(settings, workers=1)
        url, stop = start_uvicorn(create_app(settings, queue))
        client = Client(url, TOKEN)
        closed = False
        try:
            [warm] = client.narrate_all([_short("Bridge repairs begin")])
            assert client.wait(warm)["status"] == "done"
            [job_id] = client.narrate_all([_long("Crane report")])
            until(lambda: (j := queue.store.get(job_id)).status == "running" and j.progress > 0,
                  "the job to be under way",
                  seconds=60, every=0.01)  # fmt: skip
            if reserve == "already spent":
                for spare in (disk / "out" / ".jobs").glob("reserve*"):
                    spare.unlink()
            with contextlib.suppress(OSError):  # the narration may have filled it already
                fill(disk)
            capfd.readouterr()
            # The job can't stay running: it fails, or (when not even its failure can be
            # written) its worker makes way and the job waits to be tried again.
            until(lambda: queue.store.get(job_id).status != "running" or not any(
                w.is_alive() and f"{queue._host}:{w.pid}" == queue.store.get(job_id).worker for w in queue._workers),
                "the job to end or its worker to stop", seconds=60)  # fmt: skip
            window_end = time.monotonic() + 8
            until(lambda: time.monotonic() > window_end, "the window to pass", seconds=10, every=0.2)
            _free(disk)
            ended = client.wait(job_id, deadline=120)
            assert ended["status"] in ("failed", "done")
            if reserve == "kept":
                assert ended["status"] == "failed"
            [after] = client.narrate_all([_short("Ferry timetable changes")])
            assert client.wait(after, deadline=120)["status"] == "done"
            stop()
            queue.close()
            closed = True
        finally:
            if not closed:
                _free(disk)
                stop()
                queue.close()
        text = _log_text(caplog, capfd)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) < 50, text[-3000:]
    assert text.count("Traceback") <= 1, text[-3000:]
    assert all(not w.is_alive() for w in queue._workers)


class _Failing:
    """The job store as the monitor sees it while the disk is full: every write fails."""

    def __init__(self, store):
        self.store, self.failing = store, True

    def __getattr__(self, name):
        method = getattr(self.store, name)
        if name not in ("requeue", "update", "create", "claim") or not callable(method):
            return method

        def call(*args, **kwargs):
            if self.failing:
                raise sqlite3.OperationalError("database or disk is full")
            return method(*args, **kwargs)

        return call


@pytest.mark.slow
def test_a_monitor_whose_store_writes_fail_injected_backs_off_replaces_the_worker_and_stops_cleanly(
    tmp_path, caplog, capfd
):
    caplog.set_level(logging.INFO, logger="narrator.service")
    settings = _settings(tmp_path, tmp_path / "out")
    queue = EmbeddedQueue(settings, workers=1)
    real = queue.store
    try:
        from narrator.service.jobs import Request, new_job

        job = real.create(new_job(Request(kind="markdown", content=_long("Ferry report", 60))))
        running = until(lambda: (j := real.get(job.id)).status == "running" and j.worker and j, "the job to start",
                        seconds=60)  # fmt: skip
        queue.store = _Failing(real)  # the monitor's writes fail from now on
        capfd.readouterr()
        os.kill(int(running.worker.rsplit(":", 1)[1]), signal.SIGKILL)
        # The dead worker is replaced even though its job can't be requeued yet.
        until(lambda: all(w.is_alive() for w in queue._workers) and str(running.worker.rsplit(":", 1)[1])
               not in {str(w.pid) for w in queue._workers}, "the worker to be replaced", seconds=30)  # fmt: skip
        window_end = time.monotonic() + 6
        until(lambda: time.monotonic() > window_end, "the window to pass", seconds=10, every=0.2)
        assert real.get(job.id).status == "running"
        text = _log_text(caplog, capfd)
        lines = [line for line in text.splitlines() if line.strip()]
        assert 1 <= len(lines) < 10 and "Traceback" not in text, text[-3000:]
        queue.store.failing = False  # room again: the job is tried again
        done = until(lambda: (j := real.get(job.id)).status in ("done", "failed") and j, "the job to end", seconds=120)
        assert done.status == "done" and done.attempts == 2
        queue.store.failing = True
    finally:
        queue.close()  # succeeds though the store can't be written
    assert all(not w.is_alive() for w in queue._workers)


def test_a_narration_posted_on_a_full_disk_gets_503_saying_why(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="narrator.service")
    with small_disk(tmp_path / "disk", 4 * 1024 * 1024) as disk:
        if disk is None:
            pytest.skip("needs a tmpfs (run as root)")
        settings = _settings(tmp_path, disk / "out")
        queue = EmbeddedQueue(settings, workers=1)
        url, stop = start_uvicorn(create_app(settings, queue))
        try:
            for spare in (disk / "out" / ".jobs").glob("reserve*"):
                spare.unlink()
            fill(disk)
            status, body = Client(url, TOKEN).call("POST", "/v1/narrations", {"markdown": _short("Quay works")})
        finally:
            _free(disk)
            stop()
            queue.close()
    assert status == 503 and "database or disk is full" in body["detail"], body
    assert not [r for r in caplog.records if r.exc_info]
