"""Where jobs run: in worker processes of the service itself, or on Celery workers via
Redis.

The embedded workers take their jobs from the SQLite store (:mod:`.stores`), not from
the service's memory, so nothing is lost when the service stops, however it stops:

- on start, staging folders left by killed narrations are removed, and every job whose
  worker is gone goes back to the queue, to be done again;
- while it runs, the service watches its workers: one that dies has its job requeued
  (failed after three tries, so one poisonous article can't loop forever) and is
  replaced;
- on SIGTERM (:meth:`EmbeddedQueue.close`), the workers are stopped, each with its own
  process group (synthesis processes, ffmpeg), and their jobs are requeued;
- a worker whose service died without a word (SIGKILL) notices within a second and
  stops itself and everything it started.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Protocol

from .. import api
from ..settings import Settings, settings_from_dict, settings_to_dict
from .jobs import Job, run_job, worker_name
from .stores import JobStore, RedisJobStore, SqliteJobStore

log = logging.getLogger("narrator.service")
MAX_ATTEMPTS = 3  # tries of a job whose worker keeps dying before it is failed
POLL = 0.25  # seconds an idle worker waits before it looks for a job again
STOP_GRACE = 5.0  # seconds a stopping worker gets to clean up before it is killed
CLEAN_EVERY = 10.0  # seconds between sweeps for leftovers of killed narrations


class Queue(Protocol):
    store: JobStore

    def submit(self, job_id: str) -> None: ...

    def close(self) -> None: ...


# -- the embedded workers -------------------------------------------------------------------
def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(parent: int) -> None:
    """Stop this worker and its whole process group once the service is gone."""
    while True:
        time.sleep(0.25)
        if os.getppid() != parent:
            os.killpg(0, signal.SIGKILL)


class _Heartbeat:
    """Tells the store, every few seconds, that this worker still runs the job."""

    def __init__(self, store: SqliteJobStore, job: Job, every: float) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(store, job, every), daemon=True)
        self._thread.start()

    def _run(self, store: SqliteJobStore, job: Job, every: float) -> None:
        while not self._stop.wait(every):
            with contextlib.suppress(Exception):  # a busy database misses one beat, not the job
                store.beat(job.id, job.worker or "")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _exit_on_term(signum: int, frame: Any) -> None:
    raise SystemExit(0)  # unwinds the job: its staging folder and temporary files go


def _work(settings: Settings, parent: int) -> None:
    """A worker process: claim jobs from the store and run them, until told to stop."""
    os.setpgid(0, 0)  # a group of its own, so it can be stopped with all it started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the service decides when workers stop
    signal.signal(signal.SIGTERM, _exit_on_term)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    store = SqliteJobStore(Path(settings.out))
    me = worker_name()
    every = max(0.5, min(5.0, settings.service.visibility_timeout / 4))
    while True:
        job = store.claim(me)
        if job is None:
            time.sleep(POLL)  # a read of an index: cheap enough to ask four times a second
            continue
        beat = _Heartbeat(store, job, every)
        try:
            run_job(job, store, settings)
        except Exception:  # a bug, not the article: fail this job, keep the worker
            log.exception("job %s: unexpected error", job.id)
            store.update(job.id, owner=me, status="failed", error="internal error; see the service's log")
        finally:
            beat.stop()


class EmbeddedQueue:
    """Jobs in worker processes inside the service: nothing else to install."""

    def __init__(self, settings: Settings, workers: int = 1) -> None:
        self.settings = settings
        self.store = SqliteJobStore(Path(settings.out))
        self._ctx = multiprocessing.get_context("spawn")  # each worker starts clean, with today's environment
        self._host = socket.gethostname()
        self._workers: list[Any] = []
        self._closing = threading.Event()
        self._lock = threading.Lock()
        api.clean_leftovers(settings)
        for _ in range(workers):
            self._workers.append(self._start())
        self._recover()
        self._monitor = threading.Thread(target=self._watch, daemon=True, name="narrator-jobs")
        self._monitor.start()

    def _start(self):
        process = self._ctx.Process(target=_work, args=(self.settings, os.getpid()), name="narrator-worker")
        process.start()
        return process

    def _names(self) -> set[str]:
        return {f"{self._host}:{p.pid}" for p in self._workers}

    def _lost(self, job: Job, ours: set[str]) -> bool:
        """A running job nobody runs any more: its worker was not one of ours and is
        dead, or it has given no sign of life for ``visibility_timeout`` seconds."""
        silent = (job.heartbeat or job.updated) < time.time() - self.settings.service.visibility_timeout
        if job.worker in ours:
            return silent  # our own workers' deaths are seen by _replace_dead
        host, _, pid = (job.worker or "").rpartition(":")
        return silent or (host == self._host and pid.isdigit() and not _alive(int(pid)))

    def _recover(self) -> int:
        """Requeue every job whose worker is gone; how many were."""
        ours = self._names()
        return sum(self.store.requeue(job) for job in self.store.running() if self._lost(job, ours))

    def _replace_dead(self) -> None:
        with self._lock:
            if self._closing.is_set():
                return
            for i, process in enumerate(self._workers):
                if process.is_alive():
                    continue
                name = f"{self._host}:{process.pid}"
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)  # whatever it had started
                for job in self.store.running():
                    if job.worker == name:
                        failed = (f"the worker stopped {job.attempts} times while narrating this article"
                                  if job.attempts >= MAX_ATTEMPTS else None)  # fmt: skip
                        self.store.requeue(job, failed=failed)
                log.warning("worker %s stopped (exit code %s); starting another", name, process.exitcode)
                self._workers[i] = self._start()

    def _watch(self) -> None:
        cleaned = time.monotonic()
        while not self._closing.is_set():
            wait([p.sentinel for p in self._workers], timeout=1.0)
            if self._closing.is_set():
                break
            try:
                self._replace_dead()
                self._recover()
                if time.monotonic() - cleaned > CLEAN_EVERY:
                    api.clean_leftovers(self.settings)
                    cleaned = time.monotonic()
            except Exception:  # keep watching; a locked database or full disk passes
                log.exception("job monitor")

    def submit(self, job_id: str) -> None:
        pass  # the job is in the store already; an idle worker finds it within POLL seconds

    def close(self) -> None:
        """Stop the workers, and put the jobs they were running back in the queue."""
        with self._lock:
            if self._closing.is_set():
                return
            self._closing.set()
        self._monitor.join()
        names = self._names()
        for process in self._workers:
            process.terminate()
        end = time.monotonic() + STOP_GRACE
        for process in self._workers:
            process.join(max(0.0, end - time.monotonic()))
        for process in self._workers:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.join()
        for job in self.store.running():
            if job.worker in names:
                self.store.requeue(job)


# -- Celery -----------------------------------------------------------------------------------
def celery_app(broker: str, visibility_timeout: int = 600, *, local: Settings | None = None):
    """The Celery application: Redis broker, one job per worker at a time, acknowledged
    only when done, so a job on a worker that dies goes to another. Jobs carry settings
    without secrets; a worker adds its own (``local``: from its environment and
    narrator.toml)."""
    from celery import Celery

    app = Celery("narrator", broker=broker)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue="narrator",
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            # Look for jobs of lost workers every few seconds, not every couple of minutes.
            "unacked_restore_interval": max(1, min(10, visibility_timeout // 2)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )

    @app.task(name="narrator.narrate", bind=True, max_retries=3)
    def narrate_task(self, job_id: str, settings_values: dict[str, Any]) -> None:
        settings = settings_from_dict(settings_values)
        if local is not None:
            settings = settings.with_secrets_of(local)
        store = RedisJobStore(settings.service.broker or broker)
        job = store.get(job_id)
        if job is None or job.status == "done":
            return
        job = store.update(job_id, status="running", progress=0.0, attempts=job.attempts + 1, worker=worker_name())
        try:
            run_job(job, store, settings)
        except OSError as exc:  # a transient failure (disk, network): try again later
            raise self.retry(exc=exc, countdown=2**self.request.retries) from exc

    return app


class CeleryQueue:
    """Jobs sent to Celery workers (``narrator worker``) through Redis."""

    def __init__(self, settings: Settings) -> None:
        assert settings.service.broker
        self.settings = settings
        self.store = RedisJobStore(settings.service.broker)
        self.app = celery_app(settings.service.broker, settings.service.visibility_timeout)

    def submit(self, job_id: str) -> None:
        self.app.send_task("narrator.narrate", args=[job_id, settings_to_dict(self.settings)])

    def close(self) -> None:
        self.app.close()


def make_queue(settings: Settings) -> Queue:
    if settings.service.broker:
        return CeleryQueue(settings)
    return EmbeddedQueue(settings, workers=max(1, min(2, os.cpu_count() or 1)))
