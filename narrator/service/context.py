"""What the service's routes share: the settings, the job queue and the tokens, and
how a request proves it may use them."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import HTTPException
from fastapi import Request as HTTPRequest

from .. import api
from ..models import EpisodeRecord
from ..settings import Settings
from .jobs import Request, new_job
from .queues import Queue

COOKIE = "narrator_token"


@dataclass
class Service:
    """What the routes share: the settings, the job queue and the accepted tokens."""

    settings: Settings
    queue: Queue
    tokens: list[str]

    @property
    def out(self) -> Path:
        return Path(self.settings.out)

    def valid(self, token: str | None) -> bool:
        return bool(token) and any(hmac.compare_digest(token, t) for t in self.tokens)  # type: ignore[arg-type]

    def submit(self, payload: Request) -> tuple[dict[str, Any], bool]:
        """Queue ``payload`` unless the same article and voice is already a job; returns
        the job as the API shows it and whether it is new."""
        import logging

        job = new_job(payload)
        stored = self.queue.store.create(job)
        if stored.id == job.id:
            self.queue.submit(job.id)
            logging.getLogger("narrator.service").info("job %s queued (%s)", job.id, payload.kind)
            return stored.public(), True
        return stored.public(), False

    def episodes(self) -> list[dict[str, Any]]:
        """Every episode in the output folder, as the API and the editor list them."""
        return [episode_summary(r) for r in api.list_episodes(self.settings)]


def episode_summary(record: EpisodeRecord) -> dict[str, Any]:
    return {"slug": record.slug, "title": record.title, "author": record.author,
            "published": record.published.isoformat() if record.published else None,
            "duration": record.duration, "status": record.status,
            "audio": f"/files/{record.slug}/{record.files.audio}",
            "page": f"/files/{record.slug}/index.html"}  # fmt: skip


def token_of(request: HTTPRequest) -> str | None:
    """The bearer token, or the editor's sign-in cookie."""
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else request.cookies.get(COOKIE)


def service_of(request: HTTPRequest) -> Service:
    return request.app.state.service


def bearer(request: HTTPRequest) -> None:
    """A dependency: refuse a request without a valid token."""
    if not service_of(request).valid(token_of(request)):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
