"""The service's scheduler: polls each source the output folder follows when it is due
(``follow_every`` seconds after its last poll, or its own interval), in a thread of its
own, and hands every article to narrate to the job queue as a job like any other.

One owner for each piece of work: the follow store's claim (:mod:`narrator.follow.state`)
owns the article, from reading it to recording its episode; the job queue owns its
narration. The scheduler posts the article's page, as fetched, as a job (``url`` naming
the article, so its episode is that URL's) and waits for the job to end, so:

- narration runs on the queue's workers (or Celery's), never on this thread, and the
  job is in the jobs list like one posted to /v1/narrations;
- posting the same page again finds the same job, so a poll stopped while its job waits
  (a restart) and done again narrates nothing twice: the job is resumed by the queue,
  and the next poll's claim finds it, or finds its episode already written;
- a source whose poll fails records its error and the others go on.

Stopping (the service's shutdown) ends the wait for a job at once: the article's claim
is handed back as still to do, and the job stays in the queue for the next start.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from fastapi import HTTPException

from .. import api
from ..errors import ConfigError, IngestError, OutputError
from ..models import Episode
from ..settings import Settings
from .backoff import Backoff
from .context import Service
from .jobs import Request

log = logging.getLogger("narrator.service")
#: Seconds between looks at the follow store when nothing is due, for sources added or
#: resumed by another process (the command line); the service's own routes wake it at once.
LOOK_EVERY = 60.0
#: Seconds between looks at a job the scheduler waits for.
JOB_POLL = 0.25
#: Seconds a stop waits for a poll to end (one fetch may have to time out first).
STOP_WAIT = 30.0


class Scheduler:
    """Polls the followed sources for the service; :meth:`start` once, :meth:`close` on
    shutdown."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        #: How many polls ended, for whoever waits for one (the tests, a status page).
        self.polls = 0

    def start(self) -> None:
        with self._lock:
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._run, daemon=True, name="narrator-follow")
                self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """Look at the sources now: one was added, resumed or changed."""
        self._wake.set()

    def close(self, wait: float = STOP_WAIT) -> bool:
        """Stop polling: a poll under way ends at its next step (a job it waits for stays
        queued). True if the thread ended within ``wait`` seconds."""
        with self._lock:
            self._stop.set()
            self._wake.set()
            thread = self._thread
        if thread is None:
            return True
        thread.join(wait)
        if thread.is_alive():
            log.warning("follow scheduler: still in a poll after %g s; its claims are handed back at the next start",
                        wait)  # fmt: skip
            return False
        return True

    # -- the thread ------------------------------------------------------------------------------
    def _run(self) -> None:
        trouble = Backoff("follow scheduler")
        polling = None
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if polling is None:
                    polling = api.SourcePolling(self.service.settings, narrate=self._narrate, stop=self._stop)
                due, next_at = polling.due()
                if due:
                    result = polling.poll(due)
                    self.polls += 1
                    for line in result.errors:
                        log.warning("follow: %s", line)
                    trouble.succeeded()
                    continue  # the sources polled are due again later: look for the next
                trouble.succeeded()
                wait = LOOK_EVERY if next_at is None else min(LOOK_EVERY, max(0.0, next_at - time.time()))
            except Exception as exc:  # the follow store can't be read (a full disk): try again later
                wait = trouble.failed(exc)
            self._wake.wait(wait)
        if polling is not None:
            try:
                polling.close()  # with an object store, another machine follows from now on
            except Exception as exc:  # its lease runs out by itself
                log.warning("follow scheduler: the lease could not be handed back: %s", exc)

    def _narrate(self, source: str, settings: Settings, *, data: bytes | None = None, fmt: str | None = None,
                 draft: bool = False) -> Episode | None:  # fmt: skip
        """Narrate an article as a job of the queue and wait for it; None if the service
        stops meanwhile."""
        service = self.service
        if Path(settings.out) != service.out:  # a source the command line gave a folder of its own
            return api.narrate(source, settings, data=data, fmt=fmt, draft=draft)
        text = (data or b"").decode("utf-8", "replace").removeprefix("\ufeff")
        kind = fmt or ("html" if text.lstrip().startswith("<") else "text")
        voice = settings.voice if settings.voice != service.settings.voice else None
        request = Request(kind=kind, content=text, voice=voice, publish=not draft, url=source)
        try:
            job, _ = service.submit(request)
        except HTTPException as exc:  # the store is full, or the voice unknown: the source waits
            raise (OutputError if exc.status_code >= 500 else ConfigError)(str(exc.detail)) from None
        log.info("follow: %s: job %s", source, job["id"])
        while not self._stop.wait(JOB_POLL):
            found = service.job(job["id"])
            if found is None:
                raise OutputError(f"{source}: job {job['id']} is no longer in the job store")
            if found.status == "failed":
                raise IngestError(found.error or f"{source}: the narration failed")
            if found.status == "done":
                episode = api.episode_of((found.result or {}).get("slug", ""), service.settings)
                if episode is None:
                    raise IngestError(f"{source}: the episode narrated was removed before it was recorded")
                return episode
        return None
