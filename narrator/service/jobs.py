"""Narration jobs: what to narrate, where the job stands, and the work itself.

A job's record lives in a store every process can see (:mod:`.stores`): SQLite in the
output folder for the service's own workers, Redis when Celery workers share the work.
The work is idempotent: narrating the same article again writes the same episode
folder, atomically, so a job redone after a worker died leaves one episode, not two.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from .. import api
from ..errors import NarratorError
from ..models import EpisodeRecord
from ..settings import Settings

SOURCES = ("url", "html", "markdown", "text")
STATUSES = ("queued", "running", "done", "failed")
log = logging.getLogger("narrator.service")


@dataclass(frozen=True)
class Request:
    """What a client asked for: exactly one source, and options."""

    kind: str
    content: str
    voice: str | None = None
    publish: bool = True
    callback_url: str | None = None
    #: The article's own URL when its page came with the request (a followed source's
    #: article, a CMS webhook's post): the episode is the one of that URL, and nothing is fetched.
    url: str | None = None

    def key(self) -> str:
        """Same article and voice, same key: posting it again finds the same job."""
        parts = [self.kind, self.content, self.voice] + ([self.url] if self.url else [])
        blob = json.dumps(parts, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


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
    heartbeat: float | None = None  # when that process last said it is alive
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)

    def public(self) -> dict[str, Any]:
        """The job as the API shows it."""
        return {"id": self.id, "status": self.status, "progress": round(self.progress, 3), "result": self.result,
                "error": self.error}  # fmt: skip


class JobRecords(Protocol):
    """What running a job needs of the job store (:class:`.stores.JobStore`, which
    imports this module's Job: naming it here would make the two a cycle)."""

    def get(self, job_id: str) -> Job | None: ...

    def update(self, job_id: str, *, owner: str | None = None, **changes: Any) -> Job | None: ...

    def finish(self, job_id: str, *, owner: str | None, callback_url: str | None, **changes: Any) -> Job | None: ...


def new_job(request: Request) -> Job:
    return Job(id=uuid.uuid4().hex, key=request.key(), request=asdict(request))


def worker_name() -> str:
    """This process, as a job records who runs it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def notify(url: str, job: Job, settings: Settings) -> bool:
    """POST the job to ``url``, signed, through the same guarded client (and address
    rules) as article URLs, retrying with backoff until ``callback_timeout`` is spent.
    True if it was delivered."""
    refused = api.callback_refusal(url, settings)
    if refused:
        log.warning("job %s: callback not sent: %s: refused: %s", job.id, url, refused)
        return False
    body = json.dumps(job.public()).encode()
    headers = {"Content-Type": "application/json"}
    if settings.service.webhook_secret:
        headers["X-Narrator-Signature"] = sign(body, settings.service.webhook_secret)
    end = time.monotonic() + settings.service.callback_timeout
    problem = ""
    for attempt in range(100):
        left = end - time.monotonic()
        if left <= 0:
            break
        try:
            status = api.send_callback(url, body, headers, settings, timeout=min(left, 10.0))
        except NarratorError as exc:
            problem = str(exc)
        else:
            if 200 <= status < 300:
                return True
            problem = f"{url}: HTTP {status}"
            if 400 <= status < 500 and status not in (408, 429):
                break  # asking again won't change the answer
        time.sleep(max(0.0, min(30.0, 0.5 * 2**attempt, end - time.monotonic())))
    log.warning("job %s: callback not delivered: %s", job.id, problem or f"{url}: out of time")
    return False


def file_urls(record: EpisodeRecord, settings: Settings | None = None) -> dict[str, str]:
    """Where a listener fetches each of ``record``'s files, by kind (``audio``, ``page``...).
    With an object store: the store's public URL as its feed has them (``public_base_url``,
    else the bucket's own) and the file's key, and ``episode`` for its record; otherwise
    under the service's ``/files/``."""
    from urllib.parse import quote

    from ..api.episodes import _shared

    shared = _shared(settings) if settings is not None and settings.store else None
    if settings is None or shared is None or not record.keys:
        urls = {kind: f"/files/{record.slug}/{name}" for kind, name in record.files.items()}
        return {**urls, "page": f"/files/{record.slug}/index.html"}
    base = shared.publisher.public_base(settings)
    keys = {**record.keys, "episode": shared._record_key(record.slug)}
    return {kind: base + quote(key.removeprefix(shared.prefix)) for kind, key in keys.items()}


def _urls(result: dict[str, Any], settings: Settings) -> dict[str, str | None]:
    """Where a listener fetches each file a job's ``result`` names. With an object store
    its paths are in this worker's own folder, gone once the job ends: the links are the
    store's public URLs, from the record it holds."""
    named = ("audio", "transcript", "chapters", "episode", "page")
    if not settings.store:
        return {kind: f"/files/{result[kind]}" if result[kind] else None for kind in named}
    record = api.find_episode(result["slug"], settings)
    urls = file_urls(record, settings) if record is not None else {}
    return {kind: urls.get(kind) if result[kind] else None for kind in named}


def run_job(job: Job, store: JobRecords, settings: Settings) -> Job | None:
    """Do a job its worker has claimed (``job.worker``): narrate, publish if asked, and
    leave the callback to be sent. Safe to run twice. Changes are written only while the job is
    still this worker's, so a worker that lost it can't overwrite its new run."""
    request = Request(**job.request)
    owner = job.worker
    shown = [0]

    def progress(done: int, total: int) -> None:
        percent = min(95, 100 * done // max(1, total))
        if percent != shown[0]:  # at most a hundred writes, however long the article
            shown[0] = percent
            try:
                store.update(job.id, owner=owner, progress=percent / 100)
            except Exception as exc:  # a busy or full store misses a step, not the narration
                log.debug("job %s: progress not recorded: %s", job.id, exc)

    run_settings = replace(settings, voice=request.voice or settings.voice)
    source = request.content if request.kind == "url" else request.url or f"{request.kind}-input"
    data = None if request.kind == "url" else request.content.encode("utf-8")
    fmt = None if request.kind == "url" else request.kind
    try:
        episode = api.narrate(source, run_settings, data=data, fmt=fmt, progress=progress, draft=not request.publish)
        result = episode.as_dict(relative_to=run_settings.out)  # paths as served under /files/
        result["urls"] = _urls(result, run_settings)
        changes = {"status": "done", "progress": 1.0, "result": result, "error": None}
    except NarratorError as exc:
        changes = {"status": "failed", "error": str(exc)}
    # The callback is left in the store with the job's end, for the service to send: a
    # CMS that is slow to answer holds a delivery, never this worker.
    finished = store.finish(job.id, owner=owner, callback_url=request.callback_url, **changes)
    if finished is None:
        return store.get(job.id)  # taken from this worker meanwhile: its new run reports
    return finished
