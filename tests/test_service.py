"""The HTTP service on a real uvicorn server: auth, jobs, episodes, webhooks, validation,
escaping, and refusing to fetch private addresses."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import logging
import threading

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from conftest import Client, start_uvicorn

from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "tok-1-very-secret"


def _article(title: str, body: str = "The council met on Monday and agreed to repair the old bridge.") -> str:
    return f"# {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("service")
    settings = load_settings(
        {"out": tmp / "out", "voice": "tone", "api_tokens": f"{TOKEN},tok-2", "cache_dir": tmp / "cache",
         "webhook_secret": "hook-key", "max_body_bytes": 200_000},
        environ={}, cwd=tmp,
    )  # fmt: skip
    queue = EmbeddedQueue(settings, workers=2)
    url, stop = start_uvicorn(create_app(settings, queue))
    yield {"url": url, "client": Client(url, TOKEN), "out": tmp / "out", "settings": settings}
    stop()
    queue.close()


def test_the_spec_is_public_and_everything_else_needs_a_token(service):
    client = service["client"]
    status, spec = client.call("GET", "/openapi.json", token=None)
    assert status == 200 and "/v1/narrations" in spec["paths"]
    for method, path in [("GET", "/v1/episodes"), ("POST", "/v1/narrations"), ("GET", "/v1/narrations/x"),
                         ("DELETE", "/v1/episodes/x"), ("GET", "/files/feed.xml")]:  # fmt: skip
        assert client.call(method, path, body={} if method == "POST" else None, token=None)[0] == 401
        assert client.call(method, path, body={} if method == "POST" else None, token="wrong")[0] == 401


def test_narrate_list_dedupe_and_retract(service):
    client = service["client"]
    status, job = client.call("POST", "/v1/narrations", {"markdown": _article("Harbour crane repaired")})
    assert status == 202 and set(job) == {"id", "status", "progress", "result", "error"}
    done = client.wait(job["id"])
    assert done["status"] == "done" and done["progress"] == 1.0
    slug = done["result"]["slug"]
    assert slug == "harbour-crane-repaired"
    again_status, again = client.call("POST", "/v1/narrations", {"markdown": _article("Harbour crane repaired")})
    assert again_status == 200 and again["id"] == job["id"]
    episodes = client.call("GET", "/v1/episodes")[1]["episodes"]
    assert [e["slug"] for e in episodes].count(slug) == 1
    assert "<guid" in (service["out"] / "feed.xml").read_text()
    assert client.call("DELETE", f"/v1/episodes/{slug}")[0] == 200
    assert slug not in [e["slug"] for e in client.call("GET", "/v1/episodes")[1]["episodes"]]
    assert client.call("DELETE", f"/v1/episodes/{slug}")[0] == 404


def test_a_draft_waits_outside_the_feed_until_published(service):
    client = service["client"]
    _, job = client.call("POST", "/v1/narrations", {"markdown": _article("Draft about ferries"), "publish": False})
    slug = client.wait(job["id"])["result"]["slug"]
    assert "Draft about ferries" not in (service["out"] / "feed.xml").read_text()
    assert {e["slug"]: e["status"] for e in client.call("GET", "/v1/episodes")[1]["episodes"]}[slug] == "draft"
    assert client.call("POST", f"/v1/episodes/{slug}/publish")[0] == 200
    assert "Draft about ferries" in (service["out"] / "feed.xml").read_text()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"text": "a", "markdown": "b"}, 422),
        ({"text": "a", "colour": "red"}, 422),
        ({"text": "a", "voice": "../etc"}, 422),
        ({"url": "ftp://example.org/x"}, 422),
        ({"text": "x" * 300_000}, 413),
    ],
)
def test_bad_requests_get_clear_4xx_errors(service, body, status):
    assert service["client"].call("POST", "/v1/narrations", body)[0] == status


def test_a_failed_job_says_why(service):
    client = service["client"]
    _, job = client.call("POST", "/v1/narrations", {"text": "Share"})
    done = client.wait(job["id"])
    assert done["status"] == "failed" and "no article text found" in done["error"]


def test_webhook_is_signed(service):
    received = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["X-Narrator-Signature"], body))
            self.send_response(204)
            self.end_headers()

    hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    try:
        client = service["client"]
        callback = f"http://127.0.0.1:{hook.server_address[1]}/done"
        _, job = client.call(
            "POST", "/v1/narrations", {"markdown": _article("Webhook story"), "callback_url": callback}
        )
        client.wait(job["id"])
        import time

        end = time.monotonic() + 10
        while not received and time.monotonic() < end:
            time.sleep(0.05)
    finally:
        hook.shutdown()
    signature, body = received[0]
    assert signature == "sha256=" + hmac.new(b"hook-key", body, hashlib.sha256).hexdigest()
    assert json.loads(body)["status"] == "done"


def test_tokens_never_reach_the_logs(service, caplog):
    caplog.set_level(logging.DEBUG)
    service["client"].call("POST", "/v1/narrations", {"markdown": _article("Log check")})
    assert TOKEN not in caplog.text


def test_the_editor_escapes_what_it_echoes(service):
    import urllib.parse
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.parse.urlencode({"token": TOKEN}).encode()
    opener.open(service["url"] + "/editor/login", data=login)
    text = "Old town plan\nThe mayor says <script>alert(1)</script> nothing will change on Monday in the old town."
    form = urllib.parse.urlencode({"text": "", "url": "javascript:alert(1)"}).encode()
    try:
        opener.open(service["url"] + "/editor/preview", data=form)
    except urllib.error.HTTPError as exc:
        html = exc.read().decode()
    assert "javascript:alert(1)" in html and "<script>alert" not in html
    form = urllib.parse.urlencode({"text": text}).encode()
    page = opener.open(service["url"] + "/editor/preview", data=form).read().decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_loopback_urls_are_refused_by_default(service, http_server):
    client = service["client"]
    _, job = client.call("POST", "/v1/narrations", {"url": f"{http_server}/library-hours.html"})
    done = client.wait(job["id"])
    assert done["status"] == "failed" and "refused" in done["error"] and "loopback" in done["error"]


def test_jobs_also_publish_to_s3_when_configured(tmp_path, bucket, moto_endpoint):
    import urllib.request

    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp_path / "cache",
         "publish_to": f"s3://{bucket}/svc", "s3_endpoint_url": moto_endpoint, "s3_acl": "public-read",
         "public_base_url": "https://audio.example.org/svc/", "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    queue = EmbeddedQueue(settings, workers=1)
    url, stop = start_uvicorn(create_app(settings, queue))
    try:
        client = Client(url, TOKEN)
        _, job = client.call("POST", "/v1/narrations", {"markdown": _article("Store story on the quay")})
        slug = client.wait(job["id"])["result"]["slug"]
        feed_url = f"{moto_endpoint}/{bucket}/svc/feed.xml"
        assert "Store story on the quay" in urllib.request.urlopen(feed_url).read().decode()
        assert client.call("DELETE", f"/v1/episodes/{slug}")[0] == 200
        assert "Store story on the quay" not in urllib.request.urlopen(feed_url).read().decode()
    finally:
        stop()
        queue.close()
