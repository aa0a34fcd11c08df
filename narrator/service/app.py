"""The HTTP service (FastAPI): the JSON API under /v1 (:mod:`.api_routes`), the editor
pages under /editor (:mod:`.editor_routes`), and the episodes themselves as static
files. Every route but the spec needs a token."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi import Request as HTTPRequest
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..settings import Settings
from .api_routes import router as api_router
from .context import Service, service_of, token_of
from .editor_routes import router as editor_router
from .queues import Queue


def create_app(settings: Settings, queue: Queue) -> FastAPI:
    out = Path(settings.out)
    out.mkdir(parents=True, exist_ok=True)
    tokens = [t.strip() for t in (settings.service.api_tokens or "").split(",") if t.strip()]
    app = FastAPI(title="narrator", version="0.1.0", description="Narrate news articles and publish them as a podcast.")
    app.state.service = Service(settings=settings, queue=queue, tokens=tokens)
    limit = settings.service.max_body_bytes

    @app.middleware("http")
    async def limit_body(request: HTTPRequest, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            return JSONResponse({"detail": f"request body is over {limit} bytes"}, 413)
        return await call_next(request)

    app.include_router(api_router)
    app.include_router(editor_router)
    app.mount("/files", StaticFiles(directory=str(out)), name="files")

    @app.middleware("http")
    async def protect_files(request: HTTPRequest, call_next):
        if request.url.path.startswith("/files/") and not service_of(request).valid(token_of(request)):
            return JSONResponse({"detail": "a valid bearer token is required"}, 401)
        return await call_next(request)

    return app
