"""Commands that run the service: the HTTP API with the editor, and job workers."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConfigError
from .common import settings_from


@click.command("serve-api")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: output).")
@click.option("--broker", help="Send jobs to Celery workers through this Redis URL (default: run them here).")
@click.option("--store", help="Keep episodes in this object store, s3://bucket/prefix, shared with the workers.")
@click.pass_context
def serve_api(ctx, host, port, out, broker, store):
    """Run the HTTP API and the editor page (needs narrator[service]).

    Tokens come from NARRATOR_API_TOKENS or api_tokens in narrator.toml.
    """
    try:
        import uvicorn

        from ..service.app import create_app
        from ..service.queues import make_queue
    except ImportError:
        raise ConfigError("serve-api needs the service extra: pip install 'narrator[service]'") from None
    settings = settings_from(ctx, out=out, broker=broker, store=store)
    if not settings.service.api_tokens:
        raise ConfigError("serve-api: set NARRATOR_API_TOKENS (or api_tokens); there are no anonymous requests")
    queue = make_queue(settings)
    try:
        uvicorn.run(create_app(settings, queue), host=host, port=port, log_level="info")
    finally:
        queue.close()


@click.command()
@click.option("--broker", help="Redis URL the service sends jobs to (default: the broker setting).")
@click.option("--store", help="Put episodes in this object store, s3://bucket/prefix, not in a shared folder.")
@click.option("--cache", "cache_url", help="Share the clip cache through this object store, s3://bucket/prefix.")
@click.option("--concurrency", default=1, show_default=True, type=int, help="Jobs this worker runs at once.")
@click.pass_context
def worker(ctx, broker, store, cache_url, concurrency):
    """Run a Celery worker that narrates jobs from the service (needs narrator[service]).

    With --store (and --cache), the machine needs no folder shared with the service.
    """
    try:
        from ..service.queues import celery_app
    except ImportError:
        raise ConfigError("worker needs the service extra: pip install 'narrator[service]'") from None
    settings = settings_from(ctx, broker=broker, store=store, cache_url=cache_url)
    if not settings.service.broker:
        raise ConfigError("worker: give --broker redis://... (or set NARRATOR_BROKER)")
    app = celery_app(settings.service.broker, settings.service.visibility_timeout, local=settings)
    app.worker_main(["worker", "--loglevel=INFO", f"--concurrency={concurrency}", "-Q", "narrator",
                     "--without-gossip", "--without-mingle"])  # fmt: skip
