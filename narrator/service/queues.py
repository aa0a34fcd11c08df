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

A full disk is one of the ways a worker can die: one that can't record how its job
ended stops, and the job goes back to the queue as above once the store can be written
again. Until then the monitor says so in one line at growing intervals, not at every tick.

Callbacks are sent by the service, not by the workers (:class:`.callbacks.Deliveries`): a worker
leaves a finished job's callback in the store and takes the next job, so a CMS that
never answers holds one of a few delivery threads, never a narration.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import os
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Protocol

from .. import api
from ..errors import OutputError
from ..settings import Settings, settings_from_dict, settings_to_dict
from .backoff import Backoff
from .callbacks import Deliveries
from .jobs import Job, run_job, worker_name
from .stores import JobStore, RedisJobStore, SqliteJobStore

log = logging.getLogger("narrator.service")
MAX_ATTEMPTS = 3  # tries of a job whose worker keeps dying before it is failed
POLL = 0.25  # seconds an idle worker waits before it looks for a job again
STOP_GRACE = 5.0  # seconds a stopping worker gets to clean up before it is killed
CLEAN_EVERY = 10.0  # seconds between sweeps for leftovers of killed narrations
GAVE_WAY = 3  # exit code of a worker that could not record how its job ended


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


def _give_way(job: Job, exc: BaseException) -> None:
    """Stop this worker: its job's end can't be recorded. The service requeues the job
    (or fails it after MAX_ATTEMPTS tries) and starts another worker."""
    log.error("job %s: can't record how it ended (%s); this worker stops and the job will be tried again", job.id,
              exc)  # fmt: skip
    sys.stderr.flush()
    raise SystemExit(GAVE_WAY)


def _work(settings: Settings, parent: int) -> None:
    """A worker process: claim jobs from the store and run them, until told to stop."""
    os.setpgid(0, 0)  # a group of its own, so it can be stopped with all it started
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the service decides when workers stop
    signal.signal(signal.SIGTERM, _exit_on_term)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    me = worker_name()
    trouble = Backoff(f"worker {me}: job store", first=POLL)
    store = None
    while store is None:
        try:
            store = SqliteJobStore(Path(settings.out))
        except Exception as exc:
            time.sleep(trouble.failed(exc))
    every = max(0.5, min(5.0, settings.service.visibility_timeout / 4))
    while True:
        try:
            job = store.claim(me)
        except sqlite3.Error as exc:  # a full disk or a locked store: ask again, later and later
            time.sleep(trouble.failed(exc))
            continue
        trouble.succeeded()
        if job is None:
            time.sleep(POLL)  # a read of an index: cheap enough to ask four times a second
            continue
        beat = _Heartbeat(store, job, every)
        try:
            run_job(job, store, settings)
        except sqlite3.Error as exc:
            _give_way(job, exc)
        except Exception:  # a bug, not the article: fail this job, keep the worker
            log.exception("job %s: unexpected error", job.id)
            try:
                store.finish(job.id, owner=me, callback_url=job.request.get("callback_url"), status="failed",
                             error="internal error; see the service's log")  # fmt: skip
            except sqlite3.Error as exc:
                _give_way(job, exc)
        finally:
            beat.stop()


class EmbeddedQueue:
    """Jobs in worker processes inside the service: nothing else to install."""

    def __init__(self, settings: Settings, workers: int = 1) -> None:
        self.settings = settings
        self.store = SqliteJobStore(Path(settings.out))  # OutputError, before anything starts, if it can't be
        self._ctx = multiprocessing.get_context("spawn")  # each worker starts clean, with today's environment
        self._host = socket.gethostname()
        self._workers: list[Any] = []
        self._orphans: set[str] = set()  # workers that died, whose jobs are still to be requeued
        self._closing = threading.Event()
        self._lock = threading.Lock()
        try:
            api.clean_leftovers(settings)
            self._recover()  # before any worker of ours runs: every running job is someone else's
        except OSError as exc:
            self.store.close()
            raise OutputError(f"{exc.filename or settings.out}: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            self.store.close()
            raise OutputError(f"{self.store.path}: can't resume the stored jobs: {exc}") from None
        self.store.keep_reserve()
        for _ in range(workers):
            self._workers.append(self._start())
        self._deliveries = Deliveries(self.store, settings)
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
        ours = self._names() | self._orphans  # the jobs of our dead workers count their tries
        return sum(self.store.requeue(job) for job in self.store.running() if self._lost(job, ours))

    def _replace_dead(self) -> None:
        """Start a worker in place of each that died; their jobs are requeued by
        :meth:`_requeue_orphans`, which needs the store, while this doesn't."""
        with self._lock:
            if self._closing.is_set():
                return
            for i, process in enumerate(self._workers):
                if process.is_alive():
                    continue
                name = f"{self._host}:{process.pid}"
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)  # whatever it had started
                self._orphans.add(name)
                log.warning("worker %s stopped (exit code %s); starting another", name, process.exitcode)
                self._workers[i] = self._start()

    def _requeue_orphans(self) -> None:
        for name in sorted(self._orphans):
            for job in self.store.running():
                if job.worker == name:
                    failed = (f"the worker stopped {job.attempts} times while narrating this article"
                              if job.attempts >= MAX_ATTEMPTS else None)  # fmt: skip
                    self.store.requeue(job, failed=failed)
            self._orphans.discard(name)

    def _watch(self) -> None:
        cleaned = time.monotonic()
        starting, storing = Backoff("job monitor: starting a worker"), Backoff("job monitor")
        while not self._closing.is_set():
            if starting.ready():
                wait([p.sentinel for p in self._workers], timeout=1.0)  # wakes at once when one dies
            else:
                self._closing.wait(min(1.0, starting.left()))
            if self._closing.is_set():
                break
            if starting.ready():
                try:
                    self._replace_dead()
                except Exception as exc:
                    starting.failed(exc)
                else:
                    starting.succeeded()
            if not storing.ready():
                continue
            try:
                self._requeue_orphans()
                self._recover()
                if time.monotonic() - cleaned > CLEAN_EVERY:
                    api.clean_leftovers(self.settings)
                    self.store.keep_reserve()
                    cleaned = time.monotonic()
            except Exception as exc:  # a locked database or a full disk passes: keep watching
                storing.failed(exc)
            else:
                storing.succeeded()

    def submit(self, job_id: str) -> None:
        pass  # the job is in the store already; an idle worker finds it within POLL seconds

    def close(self) -> None:
        """Stop the workers, and put the jobs they were running back in the queue."""
        with self._lock:
            if self._closing.is_set():
                return
            self._closing.set()
        self._monitor.join()
        self._deliveries.close()
        names = self._names() | self._orphans
        for process in self._workers:
            process.terminate()
        end = time.monotonic() + STOP_GRACE
        for process in self._workers:
            process.join(max(0.0, end - time.monotonic()))
        for process in self._workers:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.join()
        try:
            for job in self.store.running():
                if job.worker in names:
                    self.store.requeue(job)
        except Exception as exc:  # their workers are gone: the next start resumes them
            log.warning("jobs of the stopped workers are resumed at the next start: %s", exc)
        self.store.close()


# -- Celery -----------------------------------------------------------------------------------
def celery_app(broker: str, visibility_timeout: int = 600, *, local: Settings | None = None):
    """The Celery application: Redis broker, one job per worker at a time, acknowledged
    only when done, so a job on a worker that dies goes to another. Jobs carry settings
    without secrets; a worker adds its own (``local``: from its environment and
    narrator.toml). A worker given an episode store (``--store``) shares no disk with
    the service: it narrates with its own store and cache, in a folder of its own that
    is gone once the episode is in the store."""
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
            if local.store or local.cache_url or settings.store:  # no shared disk: this machine's own cache
                settings = settings.with_machine_of(local)
        store = RedisJobStore(settings.service.broker or broker)
        job = store.get(job_id)
        if job is None or job.status == "done":
            return
        job = store.update(job_id, status="running", progress=0.0, attempts=job.attempts + 1, worker=worker_name())
        try:
            if settings.store:
                with tempfile.TemporaryDirectory(prefix="narrator-job-") as scratch:
                    run_job(job, store, dataclasses.replace(settings, out=Path(scratch)))
            else:
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
        self._deliveries = Deliveries(self.store, settings)  # the workers leave callbacks in Redis

    def submit(self, job_id: str) -> None:
        self.app.send_task("narrator.narrate", args=[job_id, settings_to_dict(self.settings)])

    def close(self) -> None:
        self._deliveries.close()
        self.app.close()


def make_queue(settings: Settings) -> Queue:
    if settings.service.broker:
        return CeleryQueue(settings)
    return EmbeddedQueue(settings, workers=max(1, min(2, os.cpu_count() or 1)))
