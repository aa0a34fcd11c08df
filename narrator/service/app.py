"""The HTTP service (FastAPI): the JSON API under /v1 (:mod:`.api_routes`, the followed
sources in :mod:`.source_routes`, CMS webhooks in :mod:`.hook_routes`), the editor pages
under /editor (:mod:`.editor_routes`, :mod:`.editor_sources`), and the episodes
themselves as static files, all behind one front door (:mod:`.guard`); and the scheduler
that polls the followed sources (:mod:`.scheduler`). Every route but the spec, the
sign-in page and the webhooks (signed by the CMS) needs a token."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

from fastapi import FastAPI
from fastapi import Request as HTTPRequest
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..settings import Settings
from .api_routes import router as api_router
from .context import Service
from .editor_routes import error_page
from .editor_routes import router as editor_router
from .editor_sources import router as sources_page_router
from .guard import Guard
from .hook_routes import router as hook_router
from .pronunciation_routes import router as pronunciation_router
from .queues import Queue
from .scheduler import Scheduler
from .source_routes import router as source_router
from .stats_routes import router as stats_router


def create_app(settings: Settings, queue: Queue) -> FastAPI:
    out = Path(settings.out)
    out.mkdir(parents=True, exist_ok=True)
    tokens = [t.strip() for t in (settings.service.api_tokens or "").split(",") if t.strip()]

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        scheduler.start()
        yield
        # On SIGTERM uvicorn runs this, then ends the process by the same signal: polling
        # stops (an article's claim handed back, its job left queued), then the workers
        # stop and their jobs go back to the queue before it does.
        await asyncio.to_thread(scheduler.close)
        await asyncio.to_thread(queue.close)

    # No /docs page: it would load its scripts from a CDN. The spec is at /openapi.json.
    app = FastAPI(title="narrator", version="0.1.0", description="Narrate news articles and publish them as a podcast.",
                  docs_url=None, redoc_url=None, lifespan=lifespan)  # fmt: skip
    service = Service(settings=settings, queue=queue, tokens=tokens)
    # Started with the server (the lifespan), so an app made only to be tested polls nothing.
    scheduler = service.scheduler = Scheduler(service)
    app.state.service = service
    app.state.scheduler = scheduler
    app.include_router(api_router)
    app.include_router(source_router)
    app.include_router(hook_router)
    app.include_router(editor_router)
    app.include_router(sources_page_router)
    app.include_router(pronunciation_router)
    app.include_router(stats_router)
    app.mount("/files", StaticFiles(directory=str(out)), name="files")
    app.add_middleware(Guard, service=service)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    return app


def _json(status: int, detail: object) -> Response:
    # ASCII-escaped, so even text that can't be UTF-8 (a lone surrogate) can be answered
    return Response(json.dumps({"detail": detail}), status, media_type="application/json")


async def _invalid(request: HTTPRequest, exc: RequestValidationError) -> Response:
    """422, saying where and why, without echoing the input (megabytes of article)."""
    if request.url.path.startswith("/editor"):
        return error_page(request, 422, "The form didn't come as this page sends it; open the page again.")
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    return _json(422, errors)


async def _http_error(request: HTTPRequest, exc: HTTPException) -> Response:
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        return _json(422, "the body is not valid UTF-8")  # FastAPI's 400 for bytes it can't decode
    if request.url.path.startswith("/editor") and exc.status_code < 500:
        return error_page(request, exc.status_code, str(exc.detail))
    return await http_exception_handler(request, exc)
