"""The JSON API for followed sources under /v1/sources: follow one (with the options of
``narrator follow``), list them with their polls and articles, pause, resume, and stop
following one (its episodes stay). The service's scheduler (:mod:`.scheduler`) polls them."""

from __future__ import annotations

import re
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import api
from ..errors import NarratorError
from .api_routes import unicode_text
from .context import Service, bearer, service_of

router = APIRouter(prefix="/v1", dependencies=[Depends(bearer)])
SOURCE_ID = re.compile(r"^[0-9a-f]{16}$")
Patterns = list[str]


class SourceIn(BaseModel):
    """A source to follow: a feed, news sitemap or list of article URLs on the web, and
    what to narrate from it. The keys are those of a ``[[source]]`` in a sources file,
    but ``out`` (the service narrates into its own folder), with ``every`` added."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(max_length=2000, pattern=r"^https?://")
    kind: Literal["rss", "atom", "json", "feed", "sitemap", "urls"] | None = None
    categories: Patterns = Field(default_factory=list, max_length=100)
    exclude_categories: Patterns = Field(default_factory=list, max_length=100)
    urls: Patterns = Field(default_factory=list, max_length=100)
    exclude_urls: Patterns = Field(default_factory=list, max_length=100)
    voice: str | None = Field(None, max_length=100, pattern=r"^[\w.-]+$")
    draft: bool = False
    retract_removed: bool = False
    retract_gone: bool = False
    backfill: int | None = Field(None, ge=0, le=10_000)
    max_age_days: float | None = Field(None, ge=0, le=36_500)
    every: float | None = Field(None, ge=10, le=7 * 86400, description="seconds between polls; none: follow_every")

    _unicode = field_validator("url", "voice")(unicode_text)

    @field_validator("categories", "exclude_categories", "urls", "exclude_urls")
    @classmethod
    def _texts(cls, values: list[str]) -> list[str]:
        for value in values:
            unicode_text(value)
            if not value.strip() or len(value) > 500:
                raise ValueError("each must be text of 1 to 500 characters")
        return [v.strip() for v in values]


class SourceChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paused: bool | None = None
    every: float | None = Field(None, ge=10, le=7 * 86400)


def follow_source(service: Service, body: SourceIn) -> tuple[dict[str, Any], bool]:
    """Follow ``body``'s source, or take its new options; 422 with one line saying why
    it can't be (an address refused, an unknown voice)."""
    if body.voice is not None and body.voice not in api.voice_names(service.settings):
        known = ", ".join(api.voice_names(service.settings))
        raise HTTPException(422, f"{body.voice}: unknown voice (known voices: {known})")
    options = body.model_dump(exclude={"every"}, exclude_defaults=True)
    options["url"] = body.url.strip()
    try:
        shown, new = api.add_source(options, service.settings, every=body.every)
    except NarratorError as exc:
        raise HTTPException(422, str(exc)) from None
    if service.scheduler is not None:
        service.scheduler.wake()  # a new source is polled now, not at the next look
    return shown, new


def source_of(service: Service, source_id: str) -> dict[str, Any]:
    found = api.followed_source(source_id, service.settings) if SOURCE_ID.match(source_id) else None
    if found is None:
        raise HTTPException(404, "no such source")
    return found


def set_paused(service: Service, source_id: str, paused: bool) -> dict[str, Any]:
    source_of(service, source_id)
    changed = api.pause_source(source_id, paused, service.settings)
    if changed is None:
        raise HTTPException(404, "no such source")
    if not paused and service.scheduler is not None:
        service.scheduler.wake()
    return changed


def forget(service: Service, source_id: str) -> dict[str, Any]:
    found = source_of(service, source_id)
    api.forget_source(found["url"], service.settings)
    return found


@router.post("/sources", status_code=201)
def create_source(body: SourceIn, request: HTTPRequest):
    """Follow a source (201), or change the options of one followed already (200). Its
    first poll starts at once."""
    shown, new = follow_source(service_of(request), body)
    return JSONResponse(shown, status_code=201 if new else 200)


@router.get("/sources")
def list_sources(request: HTTPRequest):
    """Every source followed: its options, last and next poll, last error, and its
    articles with their episodes."""
    return {"sources": api.followed_sources(service_of(request).settings)}


@router.get("/sources/{source_id}")
def get_source(source_id: str, request: HTTPRequest):
    return source_of(service_of(request), source_id)


@router.post("/sources/{source_id}/pause")
def pause(source_id: str, request: HTTPRequest):
    return set_paused(service_of(request), source_id, True)


@router.post("/sources/{source_id}/resume")
def resume(source_id: str, request: HTTPRequest):
    return set_paused(service_of(request), source_id, False)


@router.patch("/sources/{source_id}")
def change_source(source_id: str, body: SourceChange, request: HTTPRequest):
    """Pause or resume a source (``paused``), or set how often it is polled (``every``)."""
    service = service_of(request)
    found = source_of(service, source_id)
    if body.every is not None:
        api.add_source({"url": found["url"], **found["options"]}, service.settings, every=body.every)
    if body.paused is not None:
        return set_paused(service, source_id, body.paused)
    return source_of(service, source_id)


@router.delete("/sources/{source_id}")
def delete_source(source_id: str, request: HTTPRequest):
    """Stop following a source; its episodes stay."""
    return {"forgotten": forget(service_of(request), source_id)["url"]}
