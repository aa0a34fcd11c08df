"""The editor's pages under /editor: sign in, preview and lint, narrate, follow a job,
and publish or retract episodes. Rendered on the server."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import HTMLResponse, RedirectResponse

from .. import api
from ..errors import NarratorError
from ..templates import environment
from .api_routes import set_published
from .context import COOKIE, bearer, service_of
from .jobs import Request

router = APIRouter()
auth = [Depends(bearer)]


def page(request: HTTPRequest, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    defaults = {"error": None, "url": "", "text": "", "voice": "", "script": None, "findings": None}
    env = environment(service_of(request).settings.templates_dir)
    html = env.get_template(name).render(**{**defaults, **context})
    return HTMLResponse(html, status_code=status)


def _voice_names(request: HTTPRequest) -> list[str]:
    return [v.profile.name for v in api.voices(service_of(request).settings)]


def _form_request(url: str, text: str, voice: str, publish: bool) -> Request:
    if url.strip() and text.strip():
        raise HTTPException(422, "Give a URL or paste the article, not both.")
    if url.strip():
        if not url.strip().startswith(("http://", "https://")):
            raise HTTPException(422, "The URL must start with http:// or https://.")
        return Request(kind="url", content=url.strip(), voice=voice or None, publish=publish)
    if not text.strip():
        raise HTTPException(422, "Give a URL or paste the article.")
    kind = "html" if text.lstrip().startswith("<") else "text"
    return Request(kind=kind, content=text, voice=voice or None, publish=publish)


@router.get("/", include_in_schema=False)
def root():
    return RedirectResponse("/editor", 303)


@router.get("/editor", include_in_schema=False)
def editor(request: HTTPRequest):
    if not service_of(request).valid(request.cookies.get(COOKIE)):
        return page(request, "editor/login.html.j2")
    return page(request, "editor/new.html.j2", voices=_voice_names(request))


@router.post("/editor/login", include_in_schema=False)
def login(request: HTTPRequest, token: Annotated[str, Form(max_length=500)]):
    if not service_of(request).valid(token):
        return page(request, "editor/login.html.j2", status=401, error="That token is not valid.")
    response = RedirectResponse("/editor", 303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


@router.post("/editor/preview", include_in_schema=False, dependencies=auth)
def preview(request: HTTPRequest, url: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
            voice: Annotated[str, Form()] = ""):  # fmt: skip
    voices = _voice_names(request)
    try:
        req = _form_request(url, text, voice, True)
    except HTTPException as exc:
        return page(request, "editor/new.html.j2", status=exc.status_code, error=exc.detail, url=url, text=text,
                    voices=voices)  # fmt: skip
    settings = service_of(request).settings
    run = replace(settings, voice=voice or settings.voice)
    try:
        data = None if req.kind == "url" else req.content.encode()
        script, findings = api.lint(req.content if req.kind == "url" else "-", run, data=data,
                                    fmt=None if req.kind == "url" else req.kind)  # fmt: skip
    except NarratorError as exc:
        return page(request, "editor/new.html.j2", status=422, error=str(exc), url=url, text=text, voices=voices)
    return page(request, "editor/new.html.j2", url=url, text=text, voice=voice, script=script, findings=findings,
                voices=voices)  # fmt: skip


@router.post("/editor/narrate", include_in_schema=False, dependencies=auth)
def narrate_form(request: HTTPRequest, url: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
                 voice: Annotated[str, Form()] = "", publish: Annotated[str, Form()] = ""):  # fmt: skip
    try:
        req = _form_request(url, text, voice, publish == "yes")
    except HTTPException as exc:
        return page(request, "editor/new.html.j2", status=exc.status_code, error=exc.detail, url=url, text=text,
                    voices=_voice_names(request))  # fmt: skip
    job, _ = service_of(request).submit(req)
    return RedirectResponse(f"/editor/jobs/{job['id']}", 303)


@router.get("/editor/jobs/{job_id}", include_in_schema=False, dependencies=auth)
def job_page(request: HTTPRequest, job_id: str):
    service = service_of(request)
    job = service.queue.store.get(job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    episode = None
    if job.result:
        episode = next((e for e in service.episodes() if e["slug"] == job.result["slug"]), None)
    return page(request, "editor/job.html.j2", job=job.public(), episode=episode)


@router.get("/editor/episodes", include_in_schema=False, dependencies=auth)
def episodes_page(request: HTTPRequest):
    return page(request, "editor/episodes.html.j2", episodes=service_of(request).episodes())


@router.post("/editor/episodes/{slug}/publish", include_in_schema=False, dependencies=auth)
def publish_form(request: HTTPRequest, slug: str):
    set_published(request, slug, True)
    return RedirectResponse("/editor/episodes", 303)


@router.post("/editor/episodes/{slug}/retract", include_in_schema=False, dependencies=auth)
def retract_form(request: HTTPRequest, slug: str):
    set_published(request, slug, False)
    return RedirectResponse("/editor/episodes", 303)
