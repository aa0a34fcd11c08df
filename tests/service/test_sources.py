"""Followed sources in the HTTP service: /v1/sources, and the scheduler inside the
service polling them from the loopback newsroom, each article narrated as a job of the
queue; a source that fails, a restart mid-poll, and a clean stop."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.newsroom import Answer, NewsSite
from helpers.servers import Client, editor_session, post_form, raw, raw_request, start_uvicorn
from helpers.sources import TOKEN, make_settings, narrated, source
from helpers.waiting import until

from narrator import api
from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.service.stores import SqliteJobStore
from narrator.settings import load_settings


class HeldQueue:
    """A queue whose jobs wait in the job store and are never run: a service stopped
    while a followed article's job waits for a worker."""

    def __init__(self, settings) -> None:
        self.store = SqliteJobStore(Path(settings.out))

    def submit(self, job_id: str) -> None:
        pass

    def close(self) -> None:
        self.store.close()


@contextlib.contextmanager
def running(settings, queue=None):
    queue = queue or EmbeddedQueue(settings, workers=1)
    app = create_app(settings, queue)
    url, stop = start_uvicorn(app, lifespan=True)  # the shutdown closes the queue
    try:
        yield Client(url, TOKEN), app
    finally:
        stop()


@pytest.fixture
def site():
    made = NewsSite()
    yield made
    made.close()


def test_a_source_is_followed_polled_paused_and_forgotten(site, tmp_path):
    settings = make_settings(tmp_path)
    with running(settings) as (client, app):
        status, added = client.call("POST", "/v1/sources", {"url": site.url("/rss.xml"), "exclude_categories":
                                                            ["Education"], "every": 600})  # fmt: skip
        assert status == 201, added
        assert added["url"] == site.url("/rss.xml") and added["paused"] is False and added["every"] == 600
        assert added["options"] == {"exclude_categories": ["Education"]}

        articles = narrated(client, added["id"], 2)
        shown = source(client, added["id"])
        assert shown["last_poll"] and shown["next_poll"] and shown["error"] is None
        titles = sorted(a["episode"]["title"] for a in articles)
        assert titles == ["Council approves new cycle lanes on the river road",
                          "Harbour ferry returns after winter repairs"]  # fmt: skip
        assert all(a["episode"]["status"] == "published" for a in articles)
        assert "Library extends" not in str(articles)  # left out by its category
        # Each article was a job of the queue, as if posted to /v1/narrations.
        assert app.state.service.queue.store.count("done") == 2
        assert "Harbour ferry returns" in (Path(settings.out) / "feed.xml").read_text()

        status, listed = client.call("GET", "/v1/sources")
        assert status == 200 and [s["id"] for s in listed["sources"]] == [added["id"]]

        # Posting it again changes its options and keeps what it has done.
        status, again = client.call("POST", "/v1/sources", {"url": site.url("/rss.xml"), "draft": True})
        assert status == 200 and again["options"] == {"draft": True} and again["every"] is None
        assert len([a for a in again["articles"] if a["episode"]]) == 2

        status, paused = client.call("POST", f"/v1/sources/{added['id']}/pause")
        assert status == 200 and paused["paused"] is True and paused["next_poll"] is None
        assert api.SourcePolling(settings).due(now=time.time() + 10**6)[0] == []
        assert next(api.follow([], settings)).sources == ()  # nor does `narrator follow` poll it
        status, resumed = client.call("PATCH", f"/v1/sources/{added['id']}", {"paused": False, "every": 30})
        assert status == 200 and resumed["paused"] is False and resumed["every"] == 30
        assert api.SourcePolling(settings).due(now=time.time() + 10**6)[0] == [site.url("/rss.xml")]

        status, gone = client.call("DELETE", f"/v1/sources/{added['id']}")
        assert status == 200 and gone == {"forgotten": site.url("/rss.xml")}
        assert client.call("GET", f"/v1/sources/{added['id']}")[0] == 404
        assert client.call("GET", "/v1/sources")[1] == {"sources": []}
        assert len(api.list_episodes(settings)) == 2  # its episodes stay


def test_a_failing_source_records_its_error_and_the_others_go_on(site, tmp_path):
    site.answers["/broken.xml"] = Answer(500, {"Content-Type": "text/plain"}, b"down")
    settings = make_settings(tmp_path, follow_backfill=1)
    with running(settings) as (client, _):
        _, broken = client.call("POST", "/v1/sources", {"url": site.url("/broken.xml")})
        _, good = client.call("POST", "/v1/sources", {"url": site.url("/atom.xml")})
        narrated(client, good["id"], 1)
        failed = until(lambda: source(client, broken["id"])["error"], "the failure was not recorded", seconds=120.0)
        assert "HTTP 500" in failed
        assert source(client, broken["id"])["failures"] >= 1


def test_sources_are_checked_before_they_are_followed(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN}, environ={}, cwd=tmp_path)
    with running(settings) as (client, _):
        for body, says in [
            ({"url": "ftp://example.org/feed.xml"}, "url"),
            ({"url": "http://127.0.0.1:9/feed.xml"}, "refused"),
            ({"url": "http://10.1.2.3/feed.xml"}, "refused"),
            ({"url": "https://example.org/feed.xml", "voice": "nobody"}, "unknown voice"),
            ({"url": "https://example.org/feed.xml", "out": "/etc"}, "out"),
            ({"url": "https://example.org/feed.xml", "kind": "podcast"}, "kind"),
            ({"url": "https://example.org/feed.xml", "every": 1}, "every"),
        ]:  # fmt: skip
            status, answer = client.call("POST", "/v1/sources", body)
            assert status == 422 and says in str(answer["detail"]), (body, answer)
        assert client.call("GET", "/v1/sources")[1] == {"sources": []}
        assert client.call("POST", "/v1/sources", {"url": "https://example.org/f"}, token=None)[0] == 401
        for method, path in [("GET", "/v1/sources/0123456789abcdef"), ("POST", "/v1/sources/../pause"),
                             ("DELETE", "/v1/sources/nope")]:  # fmt: skip
            assert client.call(method, path)[0] == 404


def test_a_restart_mid_poll_narrates_nothing_twice_and_the_scheduler_stops_cleanly(site, tmp_path):
    settings = make_settings(tmp_path, follow_backfill=1)
    held = HeldQueue(settings)
    with running(settings, held) as (client, app):
        _, added = client.call("POST", "/v1/sources", {"url": site.url("/feed.json")})
        until(lambda: held.store.count("queued") == 1, "the article's job was not queued", seconds=120.0)
        scheduler = app.state.scheduler
        assert scheduler.running
    # The service stopped while the scheduler waited for the job: the thread ended, the
    # article's claim went back, the job stayed queued, and nothing was narrated.
    assert not scheduler.running
    rows = api.followed_source(added["id"], settings)["articles"]
    assert [(r["state"], r["episode"]) for r in rows] == [("new", None)]
    assert api.list_episodes(settings) == []

    with running(settings) as (client, app):
        narrated(client, added["id"], 1)
        store = app.state.service.queue.store
        assert store.count("done") == 1 and store.count("queued") == 0 and store.count("failed") == 0
    episodes = api.list_episodes(settings)
    assert [e.title for e in episodes] == ["Council approves new cycle lanes on the river road"]


def test_the_sources_forms_need_the_form_token_and_the_services_own_origin(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN}, environ={}, cwd=tmp_path)
    queue = HeldQueue(settings)
    url, stop = start_uvicorn(create_app(settings, queue))  # no lifespan: nothing is polled
    try:
        client = Client(url, TOKEN)
        status, added = client.call("POST", "/v1/sources", {"url": "https://news.example/feed.xml"})
        assert status == 201
        cookie, csrf = editor_session(url, TOKEN)
        for action in ("pause", "delete"):
            path = f"/editor/sources/{added['id']}/{action}"
            assert post_form(url, path, {"csrf": csrf}, cookie, "http://evil.example")[0] == 403
            assert post_form(url, path, {}, cookie, url)[0] == 403
        assert post_form(url, "/editor/sources", {"csrf": csrf, "url": "https://evil.example/feed.xml"}, cookie,
                          "http://evil.example")[0] == 403  # fmt: skip
        # The cookie reads the JSON API, and changes nothing through it.
        assert raw(url, raw_request("GET", "/v1/sources", {"Cookie": cookie}))[0] == 200
        assert raw(url, raw_request("DELETE", f"/v1/sources/{added['id']}", {"Cookie": cookie}))[0] == 401
        assert raw(url, raw_request("POST", f"/v1/sources/{added['id']}/pause", {"Cookie": cookie}))[0] == 401
        assert [(s["url"], s["paused"]) for s in api.followed_sources(settings)] == [
            ("https://news.example/feed.xml", False)]  # fmt: skip
        status, headers, _ = post_form(url, f"/editor/sources/{added['id']}/delete", {"csrf": csrf}, cookie, url)
        assert status == 303 and "done=forgotten" in headers["location"]
        assert api.followed_sources(settings) == []
    finally:
        stop()
        queue.close()
