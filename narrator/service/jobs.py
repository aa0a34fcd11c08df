"""Narration jobs: what to narrate, where the job stands, and the work itself.

A job's record lives in a store that every process can see: JSON files in the output
folder for the embedded runner, Redis when Celery workers share the work. The work is
idempotent: narrating the same article again writes the same episode folder, atomically,
so a job redone after a worker died leaves one episode, not two.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import time
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import NarratorError
from ..output import write_atomic
from ..settings import Settings

SOURCES = ("url", "html", "markdown", "text")
STATUSES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class Request:
    """What a client asked for: exactly one source, and options."""

    kind: str
    content: str
    voice: str | None = None
    publish: bool = True
    callback_url: str | None = None

    def key(self) -> str:
        """Same article and voice, same key: posting it again finds the same job."""
        blob = json.dumps([self.kind, self.content, self.voice], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class Job:
    id: str
    key: str
    request: dict[str, Any]
    status: str = "queued"
    progress: float = 0.0
    result: dict[str, Any] | None = None
    error: str | None = None
    attempts: int = 0
    worker: str | None = None  # host:pid of the process running it
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)

    def public(self) -> dict[str, Any]:
        """The job as the API shows it."""
        return {"id": self.id, "status": self.status, "progress": round(self.progress, 3), "result": self.result,
                "error": self.error}  # fmt: skip


class JobStore(Protocol):
    def create(self, job: Job) -> Job:
        """Store ``job`` unless a job with its key exists; return the stored one."""

    def get(self, job_id: str) -> Job | None: ...

    def update(self, job_id: str, **changes: Any) -> Job | None: ...

    def forget_key(self, key: str) -> None: ...


def _changed(job: Job | None, changes: dict[str, Any]) -> Job | None:
    if job is None:
        return None
    for name, value in changes.items():
        setattr(job, name, value)
    job.updated = time.time()
    return job


class FileJobStore:
    """Jobs as JSON files under ``OUT/.jobs``: shared by the service's worker processes."""

    def __init__(self, out: Path) -> None:
        self.folder = Path(out) / ".jobs"
        (self.folder / "keys").mkdir(parents=True, exist_ok=True)

    def _path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def create(self, job: Job) -> Job:
        key_path = self.folder / "keys" / job.key
        try:
            fd = os.open(key_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            existing = self.get(key_path.read_text().strip())
            if existing is not None:
                return existing
            key_path.unlink(missing_ok=True)
            return self.create(job)
        with os.fdopen(fd, "w") as fh:
            fh.write(job.id)
        write_atomic(self._path(job.id), json.dumps(asdict(job)))
        return job

    def get(self, job_id: str) -> Job | None:
        if not job_id.isalnum():
            return None
        try:
            return Job(**json.loads(self._path(job_id).read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def update(self, job_id: str, **changes: Any) -> Job | None:
        job = _changed(self.get(job_id), changes)
        if job is not None:
            write_atomic(self._path(job_id), json.dumps(asdict(job)))
        return job

    def forget_key(self, key: str) -> None:
        (self.folder / "keys" / key).unlink(missing_ok=True)


class RedisJobStore:
    """Jobs in Redis, where the Celery workers on other machines can see them."""

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def create(self, job: Job) -> Job:
        if self.redis.set(f"narrator:key:{job.key}", job.id, nx=True):
            self.redis.set(f"narrator:job:{job.id}", json.dumps(asdict(job)))
            return job
        existing = self.get(self.redis.get(f"narrator:key:{job.key}").decode())
        if existing is not None:
            return existing
        self.redis.delete(f"narrator:key:{job.key}")
        return self.create(job)

    def get(self, job_id: str) -> Job | None:
        raw = self.redis.get(f"narrator:job:{job_id}")
        return Job(**json.loads(raw)) if raw else None

    def update(self, job_id: str, **changes: Any) -> Job | None:
        job = _changed(self.get(job_id), changes)
        if job is not None:
            self.redis.set(f"narrator:job:{job_id}", json.dumps(asdict(job)))
        return job

    def forget_key(self, key: str) -> None:
        self.redis.delete(f"narrator:key:{key}")


def new_job(request: Request) -> Job:
    return Job(id=uuid.uuid4().hex, key=request.key(), request=asdict(request))


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def notify(url: str, job: Job, settings: Settings, attempts: int = 5) -> bool:
    """POST the job to ``url``, signed, retrying with backoff. True if it was delivered."""
    body = json.dumps(job.public()).encode()
    headers = {"Content-Type": "application/json", "User-Agent": settings.fetch.user_agent}
    if settings.service.webhook_secret:
        headers["X-Narrator-Signature"] = sign(body, settings.service.webhook_secret)
    for attempt in range(attempts):
        try:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=10) as response:
                if 200 <= response.status < 300:
                    return True
        except OSError:
            pass
        time.sleep(min(30.0, 0.5 * 2**attempt))
    return False


def run_job(job_id: str, store: JobStore, settings: Settings) -> Job | None:
    """Do one job: narrate, publish if asked, and tell the callback. Safe to run twice."""
    import socket
    from dataclasses import replace

    from .. import api

    job = store.get(job_id)
    if job is None or job.status == "done":
        return job
    request = Request(**job.request)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    store.update(job_id, status="running", progress=0.0, attempts=job.attempts + 1, worker=worker)
    total = [0, 0]

    def progress(n: int) -> None:
        if total[0] == 0:
            total[0] = max(1, n)
            return
        total[1] += n
        store.update(job_id, progress=min(0.95, total[1] / total[0]))

    run_settings = replace(settings, voice=request.voice or settings.voice)
    source = request.content if request.kind == "url" else f"{request.kind}-input"
    data = None if request.kind == "url" else request.content.encode("utf-8")
    fmt = {"html": "html", "markdown": "markdown", "text": "text"}.get(request.kind)
    try:
        episode = api.narrate(source, run_settings, data=data, fmt=fmt, progress=progress, draft=not request.publish)
        result = {
            "slug": episode.slug,
            "title": episode.title,
            "duration": round(episode.duration, 3),
            "published": request.publish,
            "audio": f"{episode.slug}/{episode.audio.name}",
            "page": f"{episode.slug}/index.html",
            "episode": f"{episode.slug}/episode.json",
        }
        job = store.update(job_id, status="done", progress=1.0, result=result, error=None)
    except NarratorError as exc:
        job = store.update(job_id, status="failed", error=str(exc))
        store.forget_key(request.key())  # a failed article may be posted again
    if job is not None and request.callback_url:
        with contextlib.suppress(Exception):
            notify(request.callback_url, job, settings)
    return job
