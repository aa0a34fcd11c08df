"""The HTTP service (FastAPI): the JSON API under /v1, the editor pages under /editor,
and the episodes themselves as static files. Every route but the spec needs a token."""

import contextlib
import hmac
import json
import logging
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import NarratorError
from ..settings import Settings
from ..templates import environment
from .jobs import SOURCES, Request, new_job
from .queues import Queue

log = logging.getLogger("narrator.service")
COOKIE = "narrator_token"


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


def create_app(settings: Settings, queue: Queue) -> FastAPI:
    out = Path(settings.out)
    out.mkdir(parents=True, exist_ok=True)
    tokens = [t.strip() for t in (settings.api_tokens or "").split(",") if t.strip()]
    env = environment(settings.templates_dir)

    app = FastAPI(title="narrator", version="0.1.0", description="Narrate news articles and publish them as a podcast.")

    def _valid(token: str | None) -> bool:
        return bool(token) and any(hmac.compare_digest(token, t) for t in tokens)

    def _token(request: HTTPRequest) -> str | None:
        """The bearer token, or the editor's sign-in cookie."""
        header = request.headers.get("Authorization", "")
        return header[7:] if header.startswith("Bearer ") else request.cookies.get(COOKIE)

    def bearer(request: HTTPRequest) -> None:
        if not _valid(_token(request)):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @app.middleware("http")
    async def limit_body(request: HTTPRequest, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_body_bytes:
            return JSONResponse({"detail": f"request body is over {settings.max_body_bytes} bytes"}, 413)
        return await call_next(request)

    def _submit(payload: Request) -> tuple[dict[str, Any], bool]:
        job = new_job(payload)
        stored = queue.store.create(job)
        if stored.id == job.id:
            queue.submit(job.id)
            log.info("job %s queued (%s)", job.id, payload.kind)
            return stored.public(), True
        return stored.public(), False

    auth = [Depends(bearer)]

    @app.post("/v1/narrations", status_code=202, response_model=JobOut, dependencies=auth)
    def create_narration(body: NarrationIn):
        """Queue an article for narration. Posting the same article and voice again
        returns the existing job instead of doing the work twice."""
        kind = next(k for k in SOURCES if getattr(body, k))
        job, created = _submit(Request(kind=kind, content=getattr(body, kind), voice=body.voice,
                                       publish=body.publish, callback_url=body.callback_url))  # fmt: skip
        return JSONResponse(job, status_code=202 if created else 200)

    @app.get("/v1/narrations/{job_id}", response_model=JobOut, dependencies=auth)
    def get_narration(job_id: str):
        job = queue.store.get(job_id)
        if job is None:
            raise HTTPException(404, "no such job")
        return job.public()

    def _episodes() -> list[dict[str, Any]]:
        from ..episodes.write import read_metadata, sort_newest_first

        found = []
        for path in out.glob("*/episode.json"):
            meta = read_metadata(path)
            if meta:
                status = (
                    "held"
                    if meta.get("held") and not (meta.get("check") or {}).get("draft")
                    else ("draft" if meta.get("held") else "published")
                )
                found.append({"slug": meta["slug"], "title": meta["title"], "author": meta.get("author"),
                              "published": meta.get("published"), "duration": meta["duration"], "status": status,
                              "audio": f"/files/{meta['slug']}/{meta['files']['audio']}",
                              "page": f"/files/{meta['slug']}/index.html"})  # fmt: skip
        return sort_newest_first(found)

    @app.get("/v1/episodes", dependencies=auth)
    def list_episodes():
        return {"episodes": _episodes()}

    def _set_published(slug: str, published: bool) -> None:
        from ..episodes.write import METADATA
        from ..output import write_atomic
        from ..publish.local import LocalPublisher

        path = out / slug / METADATA
        if "/" in slug or not path.is_file():
            raise HTTPException(404, "no such episode")
        meta = json.loads(path.read_text())
        if published:
            meta.pop("held", None)
            meta.pop("check", None)
        else:
            meta["held"], meta["check"] = True, {"draft": True}
        write_atomic(path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        LocalPublisher().publish(out, settings)
        _publish_remote()

    def _publish_remote() -> None:
        if settings.publish_to:
            from ..publish import load_publisher

            try:
                load_publisher(settings.publish_to).publish(out, settings)
            except NarratorError as exc:
                raise HTTPException(502, f"published locally, but not to {settings.publish_to}: {exc}") from None

    @app.delete("/v1/episodes/{slug}", dependencies=auth)
    def retract_episode(slug: str):
        """Retract an episode: remove it and rebuild the feed without it."""
        from ..publish.local import LocalPublisher

        try:
            LocalPublisher().unpublish(slug, out, settings)
        except NarratorError:
            raise HTTPException(404, "no such episode") from None
        if settings.publish_to:
            from ..publish import load_publisher

            with contextlib.suppress(NarratorError):  # it may never have reached the store
                load_publisher(settings.publish_to).unpublish(slug, out, settings)
        return {"retracted": slug}

    @app.post("/v1/episodes/{slug}/publish", dependencies=auth)
    def publish_episode(slug: str):
        _set_published(slug, True)
        return {"published": slug}

    # -- the editor page --------------------------------------------------------------------
    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        defaults = {"error": None, "url": "", "text": "", "voice": "", "script": None, "findings": None}
        html = env.get_template(name).render(**{**defaults, **context})
        return HTMLResponse(html, status_code=status)

    def signed_in(request: HTTPRequest) -> bool:
        return _valid(request.cookies.get(COOKIE))

    @app.get("/", include_in_schema=False)
    def root():
        return RedirectResponse("/editor", 303)

    @app.get("/editor", include_in_schema=False)
    def editor(request: HTTPRequest):
        if not signed_in(request):
            return page("editor/login.html.j2")
        return page("editor/new.html.j2", voices=_voice_names())

    @app.post("/editor/login", include_in_schema=False)
    def login(token: Annotated[str, Form(max_length=500)]):
        if not _valid(token):
            return page("editor/login.html.j2", status=401, error="That token is not valid.")
        response = RedirectResponse("/editor", 303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

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

    @app.post("/editor/preview", include_in_schema=False, dependencies=auth)
    def preview(url: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
                voice: Annotated[str, Form()] = ""):  # fmt: skip
        from dataclasses import replace

        from ..api import lexicon_for, make_script, voice_and_engine
        from ..lint import lint_script

        try:
            req = _form_request(url, text, voice, True)
        except HTTPException as exc:
            return page("editor/new.html.j2", status=exc.status_code, error=exc.detail, url=url, text=text,
                        voices=_voice_names())  # fmt: skip
        run = replace(settings, voice=voice or settings.voice)
        try:
            data = None if req.kind == "url" else req.content.encode()
            script = make_script(req.content if req.kind == "url" else "-", run, data=data,
                                 fmt=None if req.kind == "url" else req.kind)  # fmt: skip
            profile, _ = voice_and_engine(run)
            findings = lint_script(script, lexicon_for(profile, run))
        except NarratorError as exc:
            return page("editor/new.html.j2", status=422, error=str(exc), url=url, text=text, voices=_voice_names())
        return page("editor/new.html.j2", url=url, text=text, voice=voice, script=script, findings=findings,
                    voices=_voice_names())  # fmt: skip

    @app.post("/editor/narrate", include_in_schema=False, dependencies=auth)
    def narrate_form(url: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
                     voice: Annotated[str, Form()] = "", publish: Annotated[str, Form()] = ""):  # fmt: skip
        try:
            req = _form_request(url, text, voice, publish == "yes")
        except HTTPException as exc:
            return page("editor/new.html.j2", status=exc.status_code, error=exc.detail, url=url, text=text,
                        voices=_voice_names())  # fmt: skip
        job, _ = _submit(req)
        return RedirectResponse(f"/editor/jobs/{job['id']}", 303)

    @app.get("/editor/jobs/{job_id}", include_in_schema=False, dependencies=auth)
    def job_page(job_id: str):
        job = queue.store.get(job_id)
        if job is None:
            raise HTTPException(404, "no such job")
        episode = None
        if job.result:
            episode = next((e for e in _episodes() if e["slug"] == job.result["slug"]), None)
        return page("editor/job.html.j2", job=job.public(), episode=episode)

    @app.get("/editor/episodes", include_in_schema=False, dependencies=auth)
    def episodes_page():
        return page("editor/episodes.html.j2", episodes=_episodes())

    @app.post("/editor/episodes/{slug}/publish", include_in_schema=False, dependencies=auth)
    def publish_form(slug: str):
        _set_published(slug, True)
        return RedirectResponse("/editor/episodes", 303)

    @app.post("/editor/episodes/{slug}/retract", include_in_schema=False, dependencies=auth)
    def retract_form(slug: str):
        _set_published(slug, False)
        return RedirectResponse("/editor/episodes", 303)

    def _voice_names() -> list[str]:
        from ..synth.voices import list_profiles

        return [p.name for p in list_profiles(settings.voices_dir)]

    app.mount("/files", StaticFiles(directory=str(out)), name="files")

    @app.middleware("http")
    async def protect_files(request: HTTPRequest, call_next):
        if request.url.path.startswith("/files/") and not _valid(_token(request)):
            return JSONResponse({"detail": "a valid bearer token is required"}, 401)
        return await call_next(request)

    return app
