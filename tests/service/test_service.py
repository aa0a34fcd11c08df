"""The HTTP service on a real uvicorn server: auth, jobs, episodes, webhooks, validation,
escaping, and refusing to fetch private addresses."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import (
    Client,
    NoQueue,
    editor_session,
    hook_server,
    post_form,
    raw,
    raw_request,
    signed_in,
    start_uvicorn,
)

from narrator.service.app import create_app
from narrator.service.jobs import Job, notify
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "tok-1-very-secret"


def _article(title: str, body: str = "The council met on Monday and agreed to repair the old bridge.") -> str:
    return f"# {title}\n\n{body}\n"


@contextlib.contextmanager
def _serving(settings, workers: int):
    """The service on a real uvicorn server with its own workers, stopped afterwards."""
    queue = EmbeddedQueue(settings, workers=workers)
    url, stop = start_uvicorn(create_app(settings, queue))
    try:
        yield {"url": url, "client": Client(url, TOKEN), "out": Path(settings.out), "settings": settings}
    finally:
        stop()
        queue.close()


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("service")
    settings = load_settings(
        {"out": tmp / "out", "voice": "tone", "api_tokens": f"{TOKEN},tok-2", "cache_dir": tmp / "cache",
         "webhook_secret": "hook-key", "max_body_bytes": 200_000},
        environ={}, cwd=tmp,
    )  # fmt: skip
    with _serving(settings, workers=2) as running:
        yield running


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


@pytest.fixture(scope="module")
def intranet(tmp_path_factory):
    """A service for an intranet CMS: private and loopback addresses allowed."""
    tmp = tmp_path_factory.mktemp("intranet")
    settings = load_settings(
        {"out": tmp / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp / "cache",
         "webhook_secret": "hook-key", "allow_private_urls": True},
        environ={}, cwd=tmp,
    )  # fmt: skip
    with _serving(settings, workers=1) as running:
        yield running


def test_webhook_is_signed(intranet):
    hook, received = hook_server()
    try:
        client = intranet["client"]
        callback = f"http://127.0.0.1:{hook.server_address[1]}/done"
        _, job = client.call(
            "POST", "/v1/narrations", {"markdown": _article("Webhook story"), "callback_url": callback}
        )
        client.wait(job["id"])
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
    opener, csrf = signed_in(service["url"], TOKEN)
    text = "Old town plan\nThe mayor says <script>alert(1)</script> nothing will change on Monday in the old town."
    form = urllib.parse.urlencode({"text": "", "url": "javascript:alert(1)", "csrf": csrf}).encode()
    try:
        opener.open(service["url"] + "/editor/preview", data=form)
    except urllib.error.HTTPError as exc:
        html = exc.read().decode()
    assert "javascript:alert(1)" in html and "<script>alert" not in html
    form = urllib.parse.urlencode({"text": text, "csrf": csrf}).encode()
    page = opener.open(service["url"] + "/editor/preview", data=form).read().decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_loopback_urls_are_refused_by_default(service, http_server):
    client = service["client"]
    _, job = client.call("POST", "/v1/narrations", {"url": f"{http_server}/library-hours.html"})
    done = client.wait(job["id"])
    assert done["status"] == "failed" and "refused" in done["error"] and "loopback" in done["error"]


def test_jobs_also_publish_to_s3_when_configured(tmp_path, bucket, moto_endpoint):
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp_path / "cache",
         "publish_to": f"s3://{bucket}/svc", "s3_endpoint_url": moto_endpoint, "s3_acl": "public-read",
         "public_base_url": "https://audio.example.org/svc/", "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    with _serving(settings, workers=1) as running:
        client = running["client"]
        _, job = client.call("POST", "/v1/narrations", {"markdown": _article("Store story on the quay")})
        slug = client.wait(job["id"])["result"]["slug"]
        feed_url = f"{moto_endpoint}/{bucket}/svc/feed.xml"
        assert "Store story on the quay" in urllib.request.urlopen(feed_url).read().decode()
        assert client.call("DELETE", f"/v1/episodes/{slug}")[0] == 200
        assert "Store story on the quay" not in urllib.request.urlopen(feed_url).read().decode()


# -- the web's defences ---------------------------------------------------------------------
def test_a_body_is_never_read_before_the_token_is_checked(service):
    # A chunked body, 64 KiB announced, one KiB sent, no token: the answer comes at once.
    head = (b"POST /v1/narrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n10000\r\n")  # fmt: skip
    status, _, _ = raw(service["url"], head + b"x" * 1024)
    assert status == 401


def test_chunked_bodies_over_the_limit_are_refused(service):
    body = json.dumps({"text": "x" * 300_000}).encode()
    parts = [body[i : i + 16_384] for i in range(0, len(body), 16_384)]
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"
    head = (b"POST /v1/narrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    status, _, answer = raw(service["url"], head + chunked)
    assert status == 413 and b"over 200000 bytes" in answer


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/episodes/../publish"),
        ("POST", "/v1/episodes/%2e%2e/publish"),
        ("POST", "/v1/episodes/%2E%2E/publish"),
        ("DELETE", "/v1/episodes/.."),
        ("DELETE", "/v1/episodes/%2e%2e"),
        ("POST", "/editor/episodes/../retract"),
        ("POST", "/editor/episodes/%2e%2e/publish"),
        ("GET", "/editor/episodes/%2e%2e/retract"),
        ("POST", "/v1/episodes/" + "a" * 5000 + "/publish"),
        ("GET", "/v1/narrations/..%2f..%2fepisode"),
    ],
)
def test_no_route_reaches_outside_the_output_folder(service, method, path):
    outside = service["out"].parent / "episode.json"
    status, _, _ = raw(service["url"], raw_request(method, path, {"Authorization": f"Bearer {TOKEN}"}))
    assert status == 404
    assert not outside.exists()


def test_hidden_files_in_the_output_folder_are_never_served(service):
    (service["out"] / ".private").write_text("job records live in dotted folders")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/files/.private", "/files/.jobs/jobs.sqlite3", "/files/.slugs/", "/files/x/../.private"):
        assert raw(service["url"], raw_request("GET", path, auth))[0] == 404, path


@pytest.mark.parametrize(
    "header",
    [b"Bearer caf\xc3\xa9", b"Bearer caf\xe9", b"Bearer \xff\xfe\xfd", b"Bearer", b"Bearer ", b"Basic dG9rOjE=",
     b"Bearer " + TOKEN.encode() + b"\xc3\xa9", b"bearer  "],
)  # fmt: skip
def test_malformed_tokens_get_401_not_500(service, header):
    status, headers, _ = raw(service["url"], raw_request("GET", "/v1/episodes", {"Authorization": header}))
    assert status == 401 and headers["www-authenticate"] == "Bearer"


def test_a_non_ascii_cookie_or_sign_in_token_gets_401_not_500(service):
    cookie = {"Cookie": b"narrator_token=caf\xc3\xa9; narrator_session=caf\xc3\xa9"}
    assert raw(service["url"], raw_request("GET", "/v1/episodes", cookie))[0] == 401
    form = urllib.parse.urlencode({"token": "café"}).encode()
    kind = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, page = raw(service["url"], raw_request("POST", "/editor/login", kind, form))
    assert status == 401 and b"That token is not valid." in page


@pytest.mark.parametrize(
    "body",
    [b'{"text": "\\ud800 a lone surrogate"}', b'{"markdown": "# Title \\udfff"}', b'{"text": "caf\xe9 in Latin-1"}',
     b'{"text": "ok", "voice": "\\ud83d"}'],
)  # fmt: skip
def test_undecodable_bodies_get_422_not_500(service, body):
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    status, _, answer = raw(service["url"], raw_request("POST", "/v1/narrations", headers, body))
    assert status == 422, answer
    assert json.loads(answer)["detail"]


@pytest.mark.parametrize("voice", ["tone.toml", "..", "voices.tone", "heart.toml"])
def test_voices_are_chosen_by_name_only(service, voice):
    status, body = service["client"].call("POST", "/v1/narrations", {"text": "Some text to read.", "voice": voice})
    assert status == 422 and "unknown voice" in json.dumps(body)


def test_the_editor_takes_voices_by_name_only(service):
    opener, csrf = signed_in(service["url"], TOKEN)
    form = urllib.parse.urlencode({"text": "Ferry news\nThe ferry runs again from May.", "voice": "/etc/hostname",
                                   "csrf": csrf}).encode()  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as info:
        opener.open(service["url"] + "/editor/preview", data=form)
    page = info.value.read().decode()
    assert info.value.code == 422 and "Choose a voice from the list." in page
    assert "/etc/hostname" not in page.split("<main", 1)[1].split("</form>", 1)[0].replace('value="/etc/hostname"', "")


def test_forms_from_another_site_are_refused(service):
    client = service["client"]
    _, job = client.call("POST", "/v1/narrations", {"markdown": _article("Tram depot opens")})
    slug = client.wait(job["id"])["result"]["slug"]
    cookie, csrf = editor_session(service["url"], TOKEN)
    url = service["url"]
    port = url.rsplit(":", 1)[1]
    for origin in ("http://evil.example", f"http://127.0.0.1:{int(port) + 1}", f"http://sub.127.0.0.1:{port}",
                   "null"):  # fmt: skip
        assert post_form(url, f"/editor/episodes/{slug}/retract", {"csrf": csrf, "confirm": "yes"}, cookie,
                          origin)[0] == 403  # fmt: skip
        assert post_form(url, "/editor/narrate", {"csrf": csrf, "text": "Evil text\nPlanted story."}, cookie,
                          origin)[0] == 403  # fmt: skip
        assert post_form(url, "/editor/login", {"token": TOKEN}, None, origin)[0] == 403
    assert "Tram depot opens" in (service["out"] / "feed.xml").read_text()
    # From the service's own page, but without the form token: refused too.
    assert post_form(url, f"/editor/episodes/{slug}/retract", {"confirm": "yes"}, cookie, url)[0] == 403
    # The cookie alone never changes anything through the JSON API.
    status, _, _ = raw(url, raw_request("DELETE", f"/v1/episodes/{slug}", {"Cookie": cookie}))
    assert status == 401
    assert "Tram depot opens" in (service["out"] / "feed.xml").read_text()
    # With both, from the service's own origin: done.
    status, _, _ = post_form(url, f"/editor/episodes/{slug}/retract", {"csrf": csrf, "confirm": "yes"}, cookie, url)
    assert status == 303 and "Tram depot opens" not in (service["out"] / "feed.xml").read_text()


def test_every_answer_says_nosniff_and_refuses_framing(service):
    client = service["client"]
    _, job = client.call("POST", "/v1/narrations", {"markdown": _article("Harbour lights switched on")})
    slug = client.wait(job["id"])["result"]["slug"]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for path, headers in [("/editor/login", {}), ("/v1/episodes", auth), (f"/files/{slug}/index.html", auth),
                          ("/openapi.json", {}), ("/v1/episodes", {})]:  # fmt: skip
        status, answer, _ = raw(service["url"], raw_request("GET", path, headers))
        assert status in (200, 401), path
        assert answer["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in answer["content-security-policy"], path
    _, answer, page = raw(service["url"], raw_request("GET", "/editor/login"))
    policy = answer["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "nonce-" not in policy
    assert "script-src 'self'" in policy and b'<script src="/editor/static/editor.js"' in page
    status, answer, _ = raw(service["url"], raw_request("GET", "/editor/static/editor.css"))  # signed out too
    assert status == 200 and answer["content-type"].startswith("text/css")


def test_sign_ins_are_rate_limited(service):
    # An app of its own, so its count of failures doesn't lock the other tests out.
    url, stop = start_uvicorn(create_app(service["settings"], NoQueue()))
    try:
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        statuses = [raw(url, raw_request("POST", "/editor/login", form, b"token=guess-%d" % n))[0] for n in range(12)]
        assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]
        status, headers, _ = raw(url, raw_request("POST", "/editor/login", form, f"token={TOKEN}".encode()))
        assert status == 429 and int(headers["retry-after"]) > 0  # not even the right token, for now
    finally:
        stop()


@pytest.mark.parametrize("host", ["127.0.0.1", "0x7f000001", "2130706433", "localhost", "[::1]", "10.0.0.8"])
def test_callbacks_to_private_addresses_are_refused(service, host):
    hook, received = hook_server()
    try:
        port = hook.server_address[1]
        status, body = service["client"].call(
            "POST", "/v1/narrations", {"markdown": _article(f"Callback to {host}"), "callback_url": f"http://{host}:{port}/h"}
        )
    finally:
        hook.shutdown()
    assert status == 422 and "callback_url: refused" in body["detail"]
    assert received == []


def _job() -> Job:
    return Job(id="0" * 32, key="k", request={}, status="done", progress=1.0)


def test_a_callback_is_checked_again_when_it_is_sent(tmp_path):
    # The name may have pointed elsewhere when the job was posted (DNS rebinding).
    hook, received = hook_server()
    settings = load_settings({"out": tmp_path, "callback_timeout": 2}, environ={}, cwd=tmp_path)
    try:
        assert notify(f"http://127.0.0.1:{hook.server_address[1]}/h", _job(), settings) is False
    finally:
        hook.shutdown()
    assert received == []


def test_a_callback_that_never_answers_is_given_up_at_its_deadline(tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections are accepted by the kernel and never answered
    settings = load_settings({"out": tmp_path, "callback_timeout": 1, "allow_private_urls": True}, environ={},
                             cwd=tmp_path)  # fmt: skip
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(
        notify(f"http://127.0.0.1:{silent.getsockname()[1]}/h", _job(), settings)), daemon=True)  # fmt: skip
    worker.start()
    worker.join(20)
    silent.close()
    assert not worker.is_alive(), "the callback held its worker past the deadline"
    assert outcome == [False]


def test_a_retracted_article_can_be_narrated_again(service):
    client = service["client"]
    article = {"markdown": _article("Pier closes for the winter")}
    _, job = client.call("POST", "/v1/narrations", article)
    slug = client.wait(job["id"])["result"]["slug"]
    assert client.call("DELETE", f"/v1/episodes/{slug}")[0] == 200
    status, again = client.call("POST", "/v1/narrations", article)
    assert status == 202 and again["id"] != job["id"]  # not the finished job of an episode that is gone
    assert client.wait(again["id"])["result"]["slug"] == slug
    assert "Pier closes for the winter" in (service["out"] / "feed.xml").read_text()


def test_two_untitled_texts_posted_at_once_make_two_episodes(service):
    client = service["client"]
    texts = [
        "the tide tables for the week are out, and the harbour master warns of high water on friday.",
        "the lifeboat crew was called out twice on sunday, both times to walkers cut off by the tide.",
    ]
    ids = [client.call("POST", "/v1/narrations", {"text": text})[1]["id"] for text in texts]
    slugs = [client.wait(job_id)["result"]["slug"] for job_id in ids]
    assert len(set(slugs)) == 2
    titles = {e["slug"] for e in client.call("GET", "/v1/episodes")[1]["episodes"]}
    assert set(slugs) <= titles
