"""What the service's routes share: the settings, the job queue and the tokens, how a
request proves it may use them, and what it may ask for."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import sqlite3
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException
from fastapi import Request as HTTPRequest

from .. import api
from ..models import EpisodeRecord
from ..settings import Settings
from .jobs import Job, Request, file_urls, new_job
from .queues import Queue

COOKIE = "narrator_session"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")
log = logging.getLogger("narrator.service")


def as_bytes(value: str | bytes | None, *, header: bool = False) -> bytes | None:
    """A credential as bytes: a header's exactly as sent (Starlette decodes headers as
    Latin-1), anything else as UTF-8. None when it can't be one (a lone surrogate)."""
    if value is None or isinstance(value, bytes):
        return value
    try:
        return value.encode("latin-1") if header else value.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _derive(token: bytes, purpose: bytes) -> str:
    return hmac.new(token, purpose, hashlib.sha256).hexdigest()


class Attempts:
    """Failed sign-ins per client address: after ``limit`` within ``window`` seconds the
    address must wait until the oldest of them is ``window`` seconds old."""

    def __init__(self, limit: int = 10, window: float = 60.0, addresses: int = 10_000) -> None:
        self.limit, self.window, self.addresses = limit, window, addresses
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, address: str) -> float:
        """Seconds ``address`` must wait before it may try again (0: it may now)."""
        with self._lock:
            times = self._failures.get(address)
            if not times:
                return 0.0
            now = time.monotonic()
            while times and times[0] < now - self.window:
                times.popleft()
            if len(times) < self.limit:
                return 0.0
            return max(0.1, times[0] + self.window - now)

    def failed(self, address: str) -> None:
        with self._lock:
            if address not in self._failures and len(self._failures) >= self.addresses:
                self._failures.pop(next(iter(self._failures)))  # the oldest address
            self._failures.setdefault(address, deque(maxlen=self.limit)).append(time.monotonic())


@dataclass
class Service:
    """What the routes share: the settings, the job queue and the accepted tokens."""

    settings: Settings
    queue: Queue
    tokens: list[str]
    attempts: Attempts = field(default_factory=Attempts)
    #: The follow scheduler (:class:`.scheduler.Scheduler`), woken when a source is added.
    scheduler: Any = None

    def __post_init__(self) -> None:
        self._tokens = [t.encode("utf-8") for t in self.tokens]
        self._sessions = [_derive(t, b"narrator editor session") for t in self._tokens]

    @property
    def out(self) -> Path:
        return Path(self.settings.out)

    def valid(self, token: bytes | None) -> bool:
        """True for one of the configured tokens, compared as bytes in constant time."""
        if not token:
            return False
        return any([hmac.compare_digest(token, t) for t in self._tokens])  # every one, always

    def session_for(self, token: bytes) -> str:
        """The editor's sign-in cookie for ``token``: derived from it, never the token."""
        return _derive(token, b"narrator editor session")

    def valid_session(self, cookie: str | None) -> bool:
        raw = as_bytes(cookie)
        return bool(raw) and any([hmac.compare_digest(raw, s.encode()) for s in self._sessions])  # type: ignore[arg-type]

    def csrf_for(self, cookie: str) -> str:
        """The token the editor's forms carry: made from the session, so another site
        can't know it."""
        return _derive(cookie.encode(), b"narrator editor form")

    def check_request(self, payload: Request) -> None:
        """Refuse what the service won't do, before any job exists: voices other than
        known profile names (never a path), and callbacks to forbidden addresses."""
        if payload.voice is not None and payload.voice not in api.voice_names(self.settings):
            known = ", ".join(api.voice_names(self.settings))
            raise HTTPException(422, f"{payload.voice[:100]}: unknown voice (known voices: {known})")
        if payload.callback_url:
            refused = api.callback_refusal(payload.callback_url, self.settings)
            if refused:
                raise HTTPException(422, f"callback_url: refused: {refused}")

    def submit(self, payload: Request) -> tuple[dict[str, Any], bool]:
        """Queue ``payload`` unless the same article and voice is already a job that is
        queued, running, or done with its episode still there; returns the job as the
        API shows it and whether it is new."""
        self.check_request(payload)

        def reuse(existing: Job) -> bool:
            if existing.status != "done":
                return True  # queued or running: the queue finishes it, even after a restart
            slug = (existing.result or {}).get("slug")
            return bool(slug) and api.find_episode(slug, self.settings) is not None

        job = new_job(payload)
        try:
            stored = self.queue.store.create(job, reuse)
        except sqlite3.Error as exc:  # a full disk: say so, and take no work that can't be kept
            log.warning("job not queued: the job store can't be written: %s", exc)
            raise HTTPException(503, f"the job store can't be written: {exc}; try again later",
                                headers={"Retry-After": "60"}) from None  # fmt: skip
        if stored.id != job.id:
            return stored.public(), False
        self.queue.submit(job.id)
        log.info("job %s queued (%s)", job.id, payload.kind)
        return stored.public(), True

    def job(self, job_id: str) -> Job | None:
        return self.queue.store.get(job_id) if JOB_ID.match(job_id) else None

    def episodes(self) -> list[dict[str, Any]]:
        """Every episode in the output folder, as the API and the editor list them."""
        return [episode_summary(r, self.settings) for r in api.list_episodes(self.settings)]


def episode_summary(record: EpisodeRecord, settings: Settings | None = None) -> dict[str, Any]:
    """An episode as the API and the editor list it; its links are where listeners fetch
    its audio and page (see :func:`file_urls`)."""
    urls = file_urls(record, settings)
    return {"slug": record.slug, "title": record.title, "author": record.author,
            "published": record.published.isoformat() if record.published else None,
            "duration": record.duration, "status": record.status,
            "audio": urls["audio"], "page": urls.get("page")}  # fmt: skip


def service_of(request: HTTPRequest) -> Service:
    return request.app.state.service


def bearer(request: HTTPRequest) -> None:
    """A dependency: refuse a request the guard (:mod:`.guard`) did not let in with a
    token or a session. The guard has already answered most; this is the second lock."""
    if getattr(request.state, "auth", None) not in ("bearer", "session"):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
