"""Where jobs run: in the service's own process pool, or on Celery workers via Redis."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from ..settings import Settings, settings_from_dict, settings_to_dict
from .jobs import FileJobStore, JobStore, RedisJobStore, run_job


class Queue(Protocol):
    store: JobStore

    def submit(self, job_id: str) -> None: ...

    def close(self) -> None: ...


# The secrets a pool worker adds to each job's settings: given once when the worker
# starts, never with a job.
_worker_secrets: list[Settings] = []


def _start_embedded(secrets: Settings) -> None:
    _worker_secrets.append(secrets)


def _run_embedded(job_id: str, settings_values: dict[str, Any]) -> None:
    settings = settings_from_dict(settings_values)
    if _worker_secrets:
        settings = settings.with_secrets_of(_worker_secrets[-1])
    run_job(job_id, FileJobStore(Path(settings.out)), settings)


class EmbeddedQueue:
    """Jobs in a process pool inside the service: nothing else to install."""

    def __init__(self, settings: Settings, workers: int = 1) -> None:
        import multiprocessing

        self.settings = settings
        self.store = FileJobStore(Path(settings.out))
        # spawn: each worker starts clean and sees the environment (credentials) of now.
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_embedded, initargs=(settings,))  # fmt: skip

    def submit(self, job_id: str) -> None:
        self.pool.submit(_run_embedded, job_id, settings_to_dict(self.settings))

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


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
        try:
            run_job(job_id, store, settings)
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
