"""Callbacks to the CMS, sent by the service rather than by the workers: a worker leaves
a finished job's callback in the job store and takes its next job, so a CMS that never
answers holds one of a few delivery threads, never a narration."""

from __future__ import annotations

import logging
import queue as _queue
import threading

from ..settings import Settings
from .backoff import Backoff
from .jobs import notify
from .stores import JobStore

log = logging.getLogger("narrator.service")
POLL = 0.25  # seconds between looks for callbacks to send
SENDERS = 4  # callbacks sent at once: a CMS that never answers holds one each for callback_timeout


class Deliveries:
    """Sends the callbacks that finished jobs left in the store, from a few threads of
    the service's own, each with :func:`.jobs.notify`'s retries and deadline. A callback
    stays in the store until it is sent or given up, so one the service stopped before
    sending is sent after the next start."""

    def __init__(self, store: JobStore, settings: Settings, senders: int = SENDERS) -> None:
        self.store, self.settings = store, settings
        self._todo: _queue.Queue[tuple[str, str] | None] = _queue.Queue()  # None: stop
        self._taken: set[str] = set()  # being sent; a callback sent is cleared from the store with the lock held
        self._lock = threading.Lock()
        self._free = threading.Semaphore(senders)
        self._stop = threading.Event()
        # Daemon threads: a callback still waiting for its answer must not hold up a stop.
        self._senders = [threading.Thread(target=self._send, daemon=True, name=f"narrator-callback-{n}")
                         for n in range(senders)]  # fmt: skip
        for sender in self._senders:
            sender.start()
        self._thread = threading.Thread(target=self._look, daemon=True, name="narrator-callbacks")
        self._thread.start()

    def _look(self) -> None:
        trouble = Backoff("callbacks")
        while not self._stop.wait(POLL):
            if not trouble.ready():
                continue
            with self._lock:
                try:
                    pending = self.store.pending_callbacks()
                except Exception as exc:
                    trouble.failed(exc)
                    continue
                trouble.succeeded()
                for job_id, url in pending.items():
                    if job_id in self._taken or not self._free.acquire(blocking=False):
                        continue
                    self._taken.add(job_id)
                    self._todo.put((job_id, url))

    def _send(self) -> None:
        while (todo := self._todo.get()) is not None:
            job_id, url = todo
            try:
                if self._stop.is_set():
                    continue  # left in the store for the next start
                job = self.store.get(job_id)
                if job is not None:
                    notify(url, job, self.settings)
                with self._lock:
                    if not self._stop.is_set():
                        self.store.delivered(job_id)
                    self._taken.discard(job_id)
            except Exception as exc:  # the store failed: it stays pending, and is tried again
                log.warning("job %s: callback: %s", job_id, exc)
            finally:
                with self._lock:
                    self._taken.discard(job_id)
                self._free.release()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for _ in self._senders:  # a sender waiting for an answer ends once it has it
            self._todo.put(None)
