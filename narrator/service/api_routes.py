"""The JSON API under /v1: narrations (jobs) and episodes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .. import api
from ..errors import NarratorError
from .context import bearer, service_of
from .jobs import SOURCES, Request

router = APIRouter(prefix="/v1", dependencies=[Depends(bearer)])


def unicode_text(value: str | None) -> str | None:
    """``value`` if it can be written as UTF-8; JSON lets a lone surrogate through."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("is not valid Unicode text (it holds a lone surrogate)") from None
    return value


class NarrationIn(BaseModel):
    """One article to narrate: exactly one of url, html, markdown or text."""

    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    html: str | None = None
    markdown: str | None = None
    text: str | None = None
    voice: str | None = Field(None, max_length=100, pattern=r"^[\w.-]+$")
    publish: bool = True
    callback_url: str | None = Field(None, max_length=2000, pattern=r"^https?://")

    _unicode = field_validator("url", "html", "markdown", "text", "voice", "callback_url")(unicode_text)

    @model_validator(mode="after")
    def one_source(self):
        given = [k for k in SOURCES if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of url, html, markdown or text")
        return self


class JobOut(BaseModel):
    id: str
    status: str
    progress: float
    result: dict[str, Any] | None = None
    error: str | None = None


def episode_slug(slug: str) -> str:
    """``slug`` if narrator could have made it; 404 for anything else (``..``, ``%2e``,
    a 5,000-character name), before it reaches any file."""
    if not api.is_episode_slug(slug):
        raise HTTPException(404, "no such episode")
    return slug


@router.post("/narrations", status_code=202, response_model=JobOut)
def create_narration(body: NarrationIn, request: HTTPRequest):
    """Queue an article for narration. Posting the same article and voice again
    returns the existing job instead of doing the work twice."""
    kind = next(k for k in SOURCES if getattr(body, k))
    payload = Request(kind=kind, content=getattr(body, kind), voice=body.voice, publish=body.publish,
                      callback_url=body.callback_url)  # fmt: skip
    job, created = service_of(request).submit(payload)
    return JSONResponse(job, status_code=202 if created else 200)


@router.get("/narrations/{job_id}", response_model=JobOut)
def get_narration(job_id: str, request: HTTPRequest):
    job = service_of(request).job(job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    return job.public()


@router.get("/episodes")
def list_episodes(request: HTTPRequest):
    return {"episodes": service_of(request).episodes()}


def set_published(request: HTTPRequest, slug: str, published: bool) -> str:
    """Publish an episode or take it back to draft, here and at ``publish_to``; returns
    its title."""
    settings = service_of(request).settings
    record = api.find_episode(episode_slug(slug), settings)
    if record is None:
        raise HTTPException(404, "no such episode")
    try:
        api.set_status(slug, "published" if published else "draft", settings)
    except NarratorError as exc:
        raise HTTPException(502, f"published locally, but not to {settings.publish_to}: {exc}") from None
    return record.title


@router.delete("/episodes/{slug}")
def retract_episode(slug: str, request: HTTPRequest):
    """Retract an episode: remove it and rebuild the feed without it."""
    try:
        api.retract(episode_slug(slug), service_of(request).settings)
    except NarratorError:
        raise HTTPException(404, "no such episode") from None
    return {"retracted": slug}


@router.post("/episodes/{slug}/publish")
def publish_episode(slug: str, request: HTTPRequest):
    set_published(request, slug, True)
    return {"published": slug}
