"""CMS webhooks: Ghost's post.published and post.published.edited payloads, signed as
Ghost signs them, and WordPress posts in the documented shape, signed with
X-Narrator-Signature. Good, bad, missing and stale signatures; a post narrated from the
HTML it carries; an edited post (a corrected title) narrated again into its episode."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import Client, start_uvicorn

from narrator import api
from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "hooks-token-1"
GHOST = "ghost-secret-0123456789"
WORDPRESS = "wordpress-secret-9876543210"
# The post lives on a host nothing serves: narrated from the hook's HTML, nothing is fetched.
URL = "https://courier.example/quarry-lake-reopens-for-swimmers/"
BODY = ("<p>The quarry lake will open for swimming again on Saturday after two summers closed for repairs.</p>"
        "<p>Lifeguards will be on duty every afternoon, and the car park has been doubled in size.</p>")  # fmt: skip


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hooks")
    settings = load_settings({"out": tmp / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp / "clips",
                              "follow_ghost_secret": GHOST, "follow_wordpress_secret": WORDPRESS},
                             environ={}, cwd=tmp)  # fmt: skip
    queue = EmbeddedQueue(settings, workers=1)
    url, stop = start_uvicorn(create_app(settings, queue))
    yield Client(url, TOKEN), settings
    stop()
    queue.close()


def ghost_post(title: str, body: str = BODY, url: str = URL, **more) -> dict:
    current = {"id": "67a1f0c2e4b0", "uuid": "0f6c7e4a-1c2b-4d5e-8f90-a1b2c3d4e5f6", "title": title, "url": url,
               "html": body, "status": "published", "published_at": "2025-06-02T07:30:00.000Z",
               "updated_at": "2025-06-02T07:30:00.000Z", "authors": [{"name": "Ona Reyes"}],
               "tags": [{"name": "Leisure"}], **more}  # fmt: skip
    return {"post": {"current": current, "previous": {}}}


def ghost_signature(body: bytes, secret: str = GHOST, when: float | None = None) -> str:
    stamp = str(int((time.time() if when is None else when) * 1000))
    return f"sha256={hmac.new(secret.encode(), body + stamp.encode(), hashlib.sha256).hexdigest()}, t={stamp}"


def wp_signature(body: bytes, secret: str = WORDPRESS) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(client: Client, path: str, payload: dict | bytes, headers: dict | None = None):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.call("POST", path, body, token=None, headers=headers or {})


def test_ghost_posts_are_narrated_and_an_edit_updates_the_same_episode(service):
    client, settings = service
    payload = json.dumps(ghost_post("Quarry lake reopens for swimmers")).encode()
    status, job = post(client, "/v1/hooks/ghost", payload, {"X-Ghost-Signature": ghost_signature(payload)})
    assert status == 202, job
    assert job["url"] == URL
    done = client.wait(job["id"])
    assert done["status"] == "done", done
    slug = done["result"]["slug"]
    record = api.find_episode(slug, settings)
    assert record.title == "Quarry lake reopens for swimmers" and record.author == "Ona Reyes"
    assert record.status == "published" and record.url == URL

    # Ghost retries a delivery it didn't hear back from: the same post is the same job.
    status, again = post(client, "/v1/hooks/ghost", payload, {"X-Ghost-Signature": ghost_signature(payload)})
    assert status == 200 and again["id"] == job["id"]

    # post.published.edited: a corrected title and a new paragraph, the same episode.
    edited = ghost_post("Quarry lake reopens to swimmers on Saturday", BODY + "<p>Entry stays free.</p>")
    edited["post"]["previous"] = {"title": "Quarry lake reopens for swimmers"}
    payload = json.dumps(edited).encode()
    status, job = post(client, "/v1/hooks/ghost", payload, {"X-Ghost-Signature": ghost_signature(payload)})
    assert status == 202, job
    done = client.wait(job["id"])
    assert done["status"] == "done" and done["result"]["slug"] == slug
    record = api.find_episode(slug, settings)
    assert record.title == "Quarry lake reopens to swimmers on Saturday"
    assert [r.slug for r in api.list_episodes(settings) if r.url == URL] == [slug]
    assert "Entry stays free" in (Path(settings.out) / slug / record.files.transcript).read_text()


def test_ghost_signatures_are_checked(service):
    client, settings = service
    before = len(api.list_episodes(settings))
    payload = json.dumps(ghost_post("Bakery wins the county bread prize", url="https://courier.example/bread/")).encode()
    for headers, says in [
        ({}, "missing"),
        ({"X-Ghost-Signature": ghost_signature(payload, secret="not-the-secret")}, "does not match"),
        ({"X-Ghost-Signature": ghost_signature(payload + b" ")}, "does not match"),
        ({"X-Ghost-Signature": ghost_signature(payload, when=time.time() - 3600)}, "seconds old"),
        ({"X-Ghost-Signature": "sha256=abc"}, "must be"),
    ]:  # fmt: skip
        status, answer = post(client, "/v1/hooks/ghost", payload, headers)
        assert status == 401 and says in answer["detail"], (headers, answer)
    # A body changed on the way no longer matches the signature made for it.
    other = json.dumps(ghost_post("Bakery loses the county bread prize")).encode()
    status, _ = post(client, "/v1/hooks/ghost", other, {"X-Ghost-Signature": ghost_signature(payload)})
    assert status == 401
    # A bearer token is no way around the signature.
    status, _ = client.call("POST", "/v1/hooks/ghost", payload, token=TOKEN)
    assert status == 401
    assert len(api.list_episodes(settings)) == before


def test_ghost_posts_not_published_and_bodies_not_json_are_not_narrated(service):
    client, _ = service
    draft = json.dumps(ghost_post("Draft about the dam", status="draft")).encode()
    status, answer = post(client, "/v1/hooks/ghost", draft, {"X-Ghost-Signature": ghost_signature(draft)})
    assert status == 200 and "draft" in answer["ignored"]
    deleted = json.dumps({"post": {"current": {}, "previous": {"id": "1"}}}).encode()
    status, answer = post(client, "/v1/hooks/ghost", deleted, {"X-Ghost-Signature": ghost_signature(deleted)})
    assert status == 200 and "deleted" in answer["ignored"]
    for body in (b"not json", b"[]", b'{"post": 3}'):
        assert post(client, "/v1/hooks/ghost", body, {"X-Ghost-Signature": ghost_signature(body)})[0] == 422
    bad_url = json.dumps(ghost_post("Where?", url="javascript:alert(1)")).encode()
    status, answer = post(client, "/v1/hooks/ghost", bad_url, {"X-Ghost-Signature": ghost_signature(bad_url)})
    assert status == 422 and "URL" in answer["detail"]


def test_wordpress_posts_are_narrated_with_a_shared_secret(service):
    client, settings = service
    link = "https://courier.example/2025/06/02/market-hall-roof/"
    shape = {"post": {"id": 4411, "guid": {"rendered": "https://courier.example/?p=4411"}, "link": link,
                      "title": {"rendered": "Market hall gets a new roof"},
                      "content": {"rendered": "<p>The market hall roof will be replaced over the summer, the "
                                              "council said, and the traders will move to the square.</p>"},
                      "date_gmt": "2025-06-02T09:00:00", "modified_gmt": "2025-06-02T09:00:00",
                      "author": {"name": "Kit Varno"}, "status": "publish"}}  # fmt: skip
    payload = json.dumps(shape).encode()
    for headers in ({}, {"X-Narrator-Signature": wp_signature(payload, "wrong")}, {"X-Narrator-Signature": "abc"}):
        status, answer = post(client, "/v1/hooks/wordpress", payload, headers)
        assert status == 401, answer
    # Ghost's signature is not WordPress's.
    assert post(client, "/v1/hooks/wordpress", payload, {"X-Ghost-Signature": ghost_signature(payload)})[0] == 401

    status, job = post(client, "/v1/hooks/wordpress", payload, {"X-Narrator-Signature": wp_signature(payload)})
    assert status == 202, job
    done = client.wait(job["id"])
    assert done["status"] == "done", done
    record = api.find_episode(done["result"]["slug"], settings)
    assert (record.title, record.author, record.url) == ("Market hall gets a new roof", "Kit Varno", link)

    # Retracted to draft by an editor, then edited in WordPress: narrated again, still a draft.
    api.set_status(record.slug, "draft", settings)
    shape["post"]["title"] = "Market hall gets a new roof by August"
    payload = json.dumps(shape).encode()
    status, job = post(client, "/v1/hooks/wordpress", payload, {"X-Narrator-Signature": wp_signature(payload)})
    done = client.wait(job["id"])
    assert done["result"]["slug"] == record.slug
    again = api.find_episode(record.slug, settings)
    assert again.title == "Market hall gets a new roof by August" and again.status == "draft"

    shape["post"]["status"] = "private"
    payload = json.dumps(shape).encode()
    status, answer = post(client, "/v1/hooks/wordpress", payload, {"X-Narrator-Signature": wp_signature(payload)})
    assert status == 200 and "private" in answer["ignored"]


def test_hooks_are_off_until_their_secret_is_set(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN}, environ={},
                             cwd=tmp_path)  # fmt: skip
    queue = EmbeddedQueue(settings, workers=1)
    url, stop = start_uvicorn(create_app(settings, queue))
    try:
        client = Client(url, TOKEN)
        payload = json.dumps(ghost_post("Anything")).encode()
        status, answer = post(client, "/v1/hooks/ghost", payload, {"X-Ghost-Signature": ghost_signature(payload)})
        assert status == 404 and "follow_ghost_secret" in answer["detail"]
        status, answer = post(client, "/v1/hooks/wordpress", payload, {"X-Narrator-Signature": wp_signature(payload)})
        assert status == 404 and "follow_wordpress_secret" in answer["detail"]
    finally:
        stop()
        queue.close()
    assert "********" in str(load_settings({"follow_ghost_secret": GHOST}, environ={}).items())
