"""The service with real episodes in its output folder, for the listening figures' tests:
short articles narrated with the default voice, then the app on a real uvicorn."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

from helpers.servers import NoQueue, start_uvicorn
from narrator.api import narrate
from narrator.settings import load_settings

TOKEN = "stats-token-123"
ARTICLES = {
    "tram": "# Tram stop reopens\n\nThe tram stop by the harbour reopens on Monday, the council said.\n",
    "ferry": "# Ferry leaves earlier\n\nThe island ferry leaves ten minutes earlier from March.\n",
    "bus": "# Night bus returns\n\nThe night bus to the airport runs again from Friday.\n",
}


def narrated(tmp: Path, names=("tram",), **extra) -> tuple[object, dict[str, str]]:
    """Settings for an output folder in ``tmp`` holding the articles ``names`` narrated;
    returns the settings and each name's episode slug."""
    settings = load_settings({"out": tmp / "out", "api_tokens": TOKEN, "cache_dir": tmp / "clips", **extra},
                             environ={}, cwd=tmp)  # fmt: skip
    slugs = {}
    for name in names:
        (tmp / f"{name}.md").write_text(ARTICLES[name])
        slugs[name] = narrate(tmp / f"{name}.md", settings).slug
    return settings, slugs


def serve(settings):
    """The service for ``settings`` on loopback (no job queue): its URL and how to stop it."""
    from narrator.service.app import create_app

    return start_uvicorn(create_app(settings, NoQueue()))


def event(episode: str, kind: str = "play", value=None, view: str = "0123456789abcdef") -> dict:
    body = {"episode": episode, "view": view, "kind": kind}
    if value is not None:
        body["value"] = value
    return body


class Beacons:
    """Events posted as the player's sendBeacon posts them (text/plain JSON), over one
    kept-alive connection, optionally as a given client behind the loopback proxy
    (``X-Forwarded-For``, which uvicorn takes from 127.0.0.1)."""

    def __init__(self, url: str) -> None:
        host, port = url.rsplit("/", 1)[-1].split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=30)

    def send(self, body: dict | bytes | str, client: str | None = None, headers: dict[str, str] | None = None,
             path: str = "/events") -> tuple[int, dict[str, str], bytes]:  # fmt: skip
        data = body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode()
        sent = {"Content-Type": "text/plain;charset=UTF-8", **(headers or {})}
        if client:
            sent["X-Forwarded-For"] = client
        self.connection.request("POST", path, body=data, headers=sent)
        response = self.connection.getresponse()
        answer = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, answer

    def close(self) -> None:
        self.connection.close()
