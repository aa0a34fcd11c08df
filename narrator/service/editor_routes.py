"""The editor's pages under /editor: sign in, preview and lint, narrate, follow a job,
and publish or retract episodes. Rendered on the server; every form carries a token
made from the editor's session, and the front door (:mod:`.guard`) checks its origin."""

from __future__ import annotations

import hmac
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import api
from ..errors import NarratorError
from ..support.templates import environment, static_file
from .api_routes import episode_slug, set_published
from .context import COOKIE, as_bytes, bearer, service_of
from .jobs import Request

router = APIRouter()
auth = [Depends(bearer)]
FormText = Annotated[str, Form()]
#: The editor's style and script, files of their own so its pages run nothing inline.
ASSETS = {"editor.css": "text/css; charset=utf-8", "editor.js": "text/javascript; charset=utf-8"}


class FormError(Exception):
    """A form the editor must correct: the message and the fields it concerns."""

    def __init__(self, message: str, *fields: str) -> None:
        super().__init__(message)
        self.fields = fields


def page(request: HTTPRequest, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    service = service_of(request)
    cookie = request.cookies.get(COOKIE) if getattr(request.state, "auth", None) == "session" else None
    defaults = {"error": None, "invalid": (), "url": "", "text": "", "voice": service.settings.voice, "voices": [],
                "script": None, "findings": None, "notice": None, "next": "",
                "signed_in": getattr(request.state, "auth", None) in ("session", "bearer"),
                "csrf": service.csrf_for(cookie) if cookie else ""}  # fmt: skip
    env = environment(service.settings.templates_dir)
    html = env.get_template(name).render(**{**defaults, **context})
    return HTMLResponse(html, status_code=status)


def error_page(request: HTTPRequest, status: int, message: str) -> HTMLResponse:
    """An editor's error as a page, not JSON: what happened and where to go next."""
    heading = {403: "Not allowed", 404: "Not found"}.get(status, "Something went wrong")
    return page(request, "editor/error.html.j2", status=status, heading=heading, message=message)


def _check_form(request: HTTPRequest, csrf: str) -> None:
    """A form posted with the session cookie must carry the session's form token."""
    if getattr(request.state, "auth", None) != "session":
        return  # a bearer token can't be sent by another site's page
    expected = service_of(request).csrf_for(request.cookies.get(COOKIE, ""))
    given = as_bytes(csrf) or b""
    if not hmac.compare_digest(given, expected.encode()):
        raise HTTPException(403, "This form has expired or came from another site; open the page again.")


def _voices(request: HTTPRequest) -> list[str]:
    return api.voice_names(service_of(request).settings)


def _form_request(request: HTTPRequest, url: str, text: str, voice: str, publish: bool) -> Request:
    if voice and voice not in _voices(request):
        raise FormError("Choose a voice from the list.", "voice")
    for field, value in (("url", url), ("text", text)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise FormError("The text holds characters that aren't valid Unicode.", field) from None
    if url.strip() and text.strip():
        raise FormError("Give a URL or paste the article, not both.", "url", "text")
    if url.strip():
        if not url.strip().startswith(("http://", "https://")):
            raise FormError("The URL must start with http:// or https://.", "url")
        return Request(kind="url", content=url.strip(), voice=voice or None, publish=publish)
    if not text.strip():
        raise FormError("Give a URL or paste the article.", "url", "text")
    kind = "html" if text.lstrip().startswith("<") else "text"
    return Request(kind=kind, content=text, voice=voice or None, publish=publish)


def _form_page(request: HTTPRequest, error: FormError, url: str, text: str, voice: str) -> HTMLResponse:
    return page(request, "editor/new.html.j2", status=422, error=str(error), invalid=error.fields, url=url, text=text,
                voice=voice, voices=_voices(request))  # fmt: skip


def _next(target: str) -> str:
    """Where to go after signing in: one of the service's own pages, never elsewhere."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith(("/editor", "/files/")) or "\\" in target:
        return "/editor"
    return target


@router.get("/", include_in_schema=False)
def root():
    return RedirectResponse("/editor", 303)


@router.get("/editor", include_in_schema=False)
def editor(request: HTTPRequest):
    if getattr(request.state, "auth", None) is None:
        return RedirectResponse("/editor/login", 303)
    return page(request, "editor/new.html.j2", voices=_voices(request))


@router.get("/editor/static/{name}", include_in_schema=False)
def asset(request: HTTPRequest, name: str):
    if name not in ASSETS:
        raise HTTPException(404, "no such file")
    text = static_file(environment(service_of(request).settings.templates_dir), name)
    return Response(text, media_type=ASSETS[name], headers={"cache-control": "no-cache"})


@router.get("/editor/login", include_in_schema=False)
def login_page(request: HTTPRequest, next: str = "/editor"):
    if getattr(request.state, "auth", None) is not None:
        return RedirectResponse(_next(next), 303)
    return page(request, "editor/login.html.j2", next=_next(next))


@router.post("/editor/login", include_in_schema=False)
def login(request: HTTPRequest, token: Annotated[str, Form(max_length=500)] = "", next: FormText = "/editor"):
    service = service_of(request)
    raw = as_bytes(token)
    if not service.valid(raw):
        service.attempts.failed(request.client.host if request.client else "?")
        message = "That token is not valid." if token else "Enter your API token."
        return page(request, "editor/login.html.j2", status=401, error=message, invalid=("token",), next=_next(next))
    response = RedirectResponse(_next(next), 303)
    response.set_cookie(COOKIE, service.session_for(raw), httponly=True, samesite="strict",  # type: ignore[arg-type]
                        secure=request.url.scheme == "https")  # fmt: skip
    return response


@router.post("/editor/logout", include_in_schema=False, dependencies=auth)
def logout(request: HTTPRequest, csrf: FormText = ""):
    _check_form(request, csrf)
    response = RedirectResponse("/editor/login", 303)
    response.delete_cookie(COOKIE)
    return response


@router.post("/editor/preview", include_in_schema=False, dependencies=auth)
def preview(request: HTTPRequest, url: FormText = "", text: FormText = "", voice: FormText = "", csrf: FormText = ""):
    _check_form(request, csrf)
    try:
        req = _form_request(request, url, text, voice, True)
    except FormError as exc:
        return _form_page(request, exc, url, text, voice)
    settings = service_of(request).settings
    run = replace(settings, voice=voice or settings.voice)
    try:
        data = None if req.kind == "url" else req.content.encode()
        script, findings = api.lint(req.content if req.kind == "url" else "-", run, data=data,
                                    fmt=None if req.kind == "url" else req.kind)  # fmt: skip
    except NarratorError as exc:
        return _form_page(request, FormError(str(exc), "url" if req.kind == "url" else "text"), url, text, voice)
    return page(request, "editor/new.html.j2", url=url, text=text, voice=voice or settings.voice, script=script,
                findings=findings, voices=_voices(request))  # fmt: skip


@router.post("/editor/narrate", include_in_schema=False, dependencies=auth)
def narrate_form(request: HTTPRequest, url: FormText = "", text: FormText = "", voice: FormText = "",
                 publish: FormText = "", csrf: FormText = ""):  # fmt: skip
    _check_form(request, csrf)
    try:
        req = _form_request(request, url, text, voice, publish == "yes")
        job, _ = service_of(request).submit(req)
    except FormError as exc:
        return _form_page(request, exc, url, text, voice)
    except HTTPException as exc:
        return _form_page(request, FormError(str(exc.detail), "text"), url, text, voice)
    return RedirectResponse(f"/editor/jobs/{job['id']}", 303)


@router.get("/editor/jobs/{job_id}", include_in_schema=False, dependencies=auth)
def job_page(request: HTTPRequest, job_id: str):
    service = service_of(request)
    job = service.job(job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    episode = None
    if job.result:
        episode = next((e for e in service.episodes() if e["slug"] == job.result["slug"]), None)
    return page(request, "editor/job.html.j2", job=job.public(), episode=episode)


@router.get("/editor/episodes", include_in_schema=False, dependencies=auth)
def episodes_page(request: HTTPRequest, published: str = "", retracted: str = ""):
    episodes = service_of(request).episodes()
    titles = {e["slug"]: e["title"] for e in episodes}
    notice = None
    if published in titles:
        notice = f"Published: {titles[published]}. It is in the feed."
    elif retracted in titles:
        notice = f"Retracted: {titles[retracted]}. It is out of the feed, kept as a draft."
    return page(request, "editor/episodes.html.j2", episodes=episodes, notice=notice)


@router.post("/editor/episodes/{slug}/publish", include_in_schema=False, dependencies=auth)
def publish_form(request: HTTPRequest, slug: str, csrf: FormText = ""):
    _check_form(request, csrf)
    set_published(request, slug, True)
    return RedirectResponse(f"/editor/episodes?published={slug}", 303)


@router.get("/editor/episodes/{slug}/retract", include_in_schema=False, dependencies=auth)
def retract_confirm(request: HTTPRequest, slug: str):
    record = api.find_episode(episode_slug(slug), service_of(request).settings)
    if record is None:
        raise HTTPException(404, "no such episode")
    return page(request, "editor/retract.html.j2", episode={"slug": record.slug, "title": record.title})


@router.post("/editor/episodes/{slug}/retract", include_in_schema=False, dependencies=auth)
def retract_form(request: HTTPRequest, slug: str, csrf: FormText = "", confirm: FormText = ""):
    _check_form(request, csrf)
    if confirm != "yes":
        return retract_confirm(request, slug)
    set_published(request, slug, False)
    return RedirectResponse(f"/editor/episodes?retracted={slug}", 303)
