"""Fetching URLs safely: private addresses refused at every redirect, the checked address
pinned against DNS rebinding, and a size limit. Real HTTP servers on loopback."""

from __future__ import annotations

import http.server
import threading

import pytest

from narrator.errors import FetchError
from narrator.ingest.fetch import fetch


class _Site(http.server.BaseHTTPRequestHandler):
    redirect_to: str | None = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
            return
        body = b"<html><body><article><h1>Hi</h1><p>Hello there, this is an article.</p></article></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _site(host: str, redirect_to: str | None = None):
    handler = type("Site", (_Site,), {"redirect_to": redirect_to})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _only(allowed: str):
    """A policy that treats one loopback address as the public internet."""
    return lambda ip: None if str(ip) == allowed else "a private address"


def test_a_redirect_to_a_private_address_is_refused():
    inner = _site("127.0.0.2")
    outer = _site("127.0.0.1", redirect_to=f"http://intranet.example:{inner.server_address[1]}/secret")
    names = {"news.example": "127.0.0.1", "intranet.example": "127.0.0.2"}
    try:
        with pytest.raises(FetchError, match=r"refused: intranet\.example is a private address"):
            fetch(f"http://news.example:{outer.server_address[1]}/story", timeout=5, max_bytes=10_000,
                  user_agent="t", policy=_only("127.0.0.1"), resolver=lambda host, port: [names[host]])  # fmt: skip
    finally:
        inner.shutdown()
        outer.shutdown()


def test_dns_rebinding_cannot_switch_the_address_after_the_check():
    good = _site("127.0.0.1")
    answers = iter(["127.0.0.1", "127.0.0.2"])  # a second lookup would point inside
    calls = []

    def resolver(host, port):
        calls.append(host)
        return [next(answers)]

    try:
        body, _, _, _ = fetch(f"http://news.example:{good.server_address[1]}/story", timeout=5, max_bytes=10_000,
                              user_agent="t", policy=_only("127.0.0.1"), resolver=resolver)  # fmt: skip
    finally:
        good.shutdown()
    assert b"Hello there" in body and calls == ["news.example"]


def test_pages_over_the_size_limit_are_refused():
    site = _site("127.0.0.1")
    try:
        with pytest.raises(FetchError, match="larger than 10 bytes"):
            fetch(f"http://127.0.0.1:{site.server_address[1]}/", timeout=5, max_bytes=10, user_agent="t",
                  policy=lambda ip: None)  # fmt: skip
    finally:
        site.shutdown()
