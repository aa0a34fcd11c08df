"""The editor's Sources page (/editor/sources): the sources followed, each with its last
and next poll, its problem if it has one and the articles narrated from it; a form to
follow another; and pause, resume and stop-following buttons. Forms carry the session's
form token, as every editor form does, and go through the same routes' rules as
/v1/sources (:mod:`.source_routes`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from .context import bearer, service_of
from .editor_routes import FormError, _check_form, page
from .source_routes import SourceIn, follow_source, forget, set_paused, source_of

router = APIRouter(prefix="/editor/sources", dependencies=[Depends(bearer)], include_in_schema=False)
FormText = Annotated[str, Form()]
KINDS = {"": "Whatever it is", "feed": "A feed (RSS, Atom or JSON Feed)", "sitemap": "A news sitemap or index",
         "urls": "A list of article URLs"}  # fmt: skip
#: What the page says after each action, of the source's URL.
DONE = {"added": "Following {}. Its first poll has started; check again in a moment.",
        "updated": "Updated the options of {}.", "paused": "Paused {}. It won't be polled until you resume it.",
        "resumed": "Resumed {}. It is polled again when its next poll is due.",
        "forgotten": "Stopped following {}. Its episodes stay."}  # fmt: skip
FIELDS = ("url", "kind", "categories", "exclude_categories", "urls", "exclude_urls", "voice")


def _shown(when: str | None) -> str:
    if not when:
        return ""
    stamp = dt.datetime.fromisoformat(when)
    return f"{stamp:%-d %b %Y, %H:%M} UTC"


def _sources(request: HTTPRequest) -> list[dict[str, Any]]:
    from .. import api

    sources = api.followed_sources(service_of(request).settings)
    for source in sources:
        source["last_shown"] = _shown(source["last_poll"]) or "Not yet"
        source["next_shown"] = "Paused" if source["paused"] else (_shown(source["next_poll"]) or "Now")
    return sources


def _page(request: HTTPRequest, status: int = 200, *, error: FormError | None = None, notice: str | None = None,
          form: dict[str, str] | None = None):  # fmt: skip
    from .. import api

    settings = service_of(request).settings
    form = {name: "" for name in (*FIELDS, "draft", "retract_gone")} | (form or {})
    return page(request, "editor/sources.html.j2", status=status, sources=_sources(request), notice=notice,
                error=str(error) if error else None, invalid=error.fields if error else (), form=form,
                kinds=KINDS, voices=api.voice_names(settings), voice=form["voice"],
                every=f"{settings.follow.every / 60:g}")  # fmt: skip


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


@router.get("")
def sources_page(request: HTTPRequest, done: str = "", source: str = ""):
    notice = None
    if done in DONE and source:
        shown = done == "forgotten" and source.startswith(("http://", "https://"))
        try:
            url = source if shown else source_of(service_of(request), source)["url"]
        except HTTPException:
            url = None
        notice = DONE[done].format(url) if url else None
    return _page(request, notice=notice)


@router.post("")
def add_source(request: HTTPRequest, url: FormText = "", kind: FormText = "", categories: FormText = "",
               exclude_categories: FormText = "", urls: FormText = "", exclude_urls: FormText = "",
               voice: FormText = "", draft: FormText = "", retract_gone: FormText = "",
               csrf: FormText = ""):  # fmt: skip
    _check_form(request, csrf)
    form = {"url": url, "kind": kind, "categories": categories, "exclude_categories": exclude_categories,
            "urls": urls, "exclude_urls": exclude_urls, "voice": voice, "draft": draft,
            "retract_gone": retract_gone}  # fmt: skip
    try:
        if not url.strip():
            raise FormError("Enter the URL of a feed, a news sitemap or a list of article URLs.", "url")
        if not url.strip().lower().startswith(("http://", "https://")):
            raise FormError("The URL must start with http:// or https://.", "url")
        if kind not in KINDS:
            raise FormError("Choose what the source is from the list.", "kind")
        try:
            body = SourceIn(url=url.strip(), kind=kind or None, categories=_list(categories),
                            exclude_categories=_list(exclude_categories), urls=_list(urls),
                            exclude_urls=_list(exclude_urls), voice=voice or None, draft=draft == "yes",
                            retract_gone=retract_gone == "yes")  # fmt: skip
        except ValidationError as exc:
            where = next((str(e["loc"][0]) for e in exc.errors() if e.get("loc")), "url")
            field = where if where in FIELDS else "url"
            raise FormError(f"Check this field: {exc.errors()[0]['msg']}.", field) from None
        try:
            shown, new = follow_source(service_of(request), body)
        except HTTPException as exc:
            raise FormError(str(exc.detail), "voice" if "voice" in str(exc.detail) else "url") from None
    except FormError as exc:
        return _page(request, 422, error=exc, form=form)
    return RedirectResponse(f"/editor/sources?done={'added' if new else 'updated'}&source={shown['id']}", 303)


@router.post("/{source_id}/pause")
def pause_form(request: HTTPRequest, source_id: str, csrf: FormText = ""):
    _check_form(request, csrf)
    set_paused(service_of(request), source_id, True)
    return RedirectResponse(f"/editor/sources?done=paused&source={source_id}", 303)


@router.post("/{source_id}/resume")
def resume_form(request: HTTPRequest, source_id: str, csrf: FormText = ""):
    _check_form(request, csrf)
    set_paused(service_of(request), source_id, False)
    return RedirectResponse(f"/editor/sources?done=resumed&source={source_id}", 303)


@router.post("/{source_id}/delete")
def delete_form(request: HTTPRequest, source_id: str, csrf: FormText = ""):
    _check_form(request, csrf)
    found = forget(service_of(request), source_id)
    from urllib.parse import quote

    return RedirectResponse(f"/editor/sources?done=forgotten&source={quote(found['url'], safe='')}", 303)
