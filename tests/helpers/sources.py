"""Followed sources in the service, as the tests drive them: settings that may fetch
from the loopback newsroom, and a source's state as /v1/sources tells it."""

from __future__ import annotations

from pathlib import Path

from helpers.servers import Client
from helpers.waiting import until
from narrator.settings import load_settings

TOKEN = "sources-token-1"


def make_settings(tmp: Path, **more):
    values = {"out": tmp / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp / "clips",
              "allow_private_urls": True, "follow_requests_per_minute": 6000, "fetch_timeout": 10, **more}  # fmt: skip
    return load_settings(values, environ={}, cwd=tmp)


def source(client: Client, source_id: str) -> dict:
    status, body = client.call("GET", f"/v1/sources/{source_id}")
    assert status == 200, body
    return body


def narrated(client: Client, source_id: str, count: int) -> list[dict]:
    """Wait for ``count`` articles of the source to have their episodes."""

    def done():
        articles = [a for a in source(client, source_id)["articles"] if a["episode"]]
        return articles if len(articles) >= count else None

    return until(done, f"{count} articles were not narrated", seconds=120.0)
