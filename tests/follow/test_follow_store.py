"""The service following sources with an object store (``store = s3://bucket/prefix``,
moto's S3 server on loopback): each article is narrated as a job of the queue, and the
episode recorded for it is the store's."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.s3_fixtures import stored_urls
from helpers.waiting import until

pytestmark = pytest.mark.network
#: What a feed in the object store needs to be published.
PODCAST = {"public_base_url": "https://audio.example.org/news/", "podcast_owner_email": "audio@example.org"}


@pytest.fixture
def store(bucket):
    return f"s3://{bucket}/news"


# -- the service's scheduler ------------------------------------------------------------------
def test_the_service_following_a_feed_with_a_store_records_the_stores_episodes(
    site, moto_endpoint, bucket, store, tmp_path
):
    pytest.importorskip("fastapi", reason="needs narrator[service]")
    from helpers.servers import Client, start_uvicorn
    from helpers.sources import TOKEN, make_settings, narrated

    from narrator.service.app import create_app
    from narrator.service.queues import EmbeddedQueue

    settings = make_settings(tmp_path, store=store, s3_endpoint_url=moto_endpoint, **PODCAST)
    url, stop = start_uvicorn(create_app(settings, EmbeddedQueue(settings, workers=1)), lifespan=True)
    try:
        client = Client(url, TOKEN)
        status, added = client.call("POST", "/v1/sources", {"url": site.url("/rss.xml")})
        assert status == 201, added
        articles = narrated(client, added["id"], 3)
        assert all(a["state"] == "done" and a["episode"]["status"] == "published" for a in articles)
        _, shown = client.call("GET", f"/v1/sources/{added['id']}")
        assert shown["error"] is None
    finally:
        stop()
    assert stored_urls(moto_endpoint, bucket) == sorted(site.url(s) for s in site.stories)
    assert not list(Path(settings.out).rglob("episode.json"))  # the episodes are the store's, not the disk's


def test_two_services_sharing_a_store_follow_a_source_once_whichever_it_was_added_to(
    site, moto_endpoint, bucket, store, tmp_path, monkeypatch
):
    pytest.importorskip("fastapi", reason="needs narrator[service]")
    from helpers.servers import Client, start_uvicorn
    from helpers.sources import TOKEN, make_settings, narrated, source

    from narrator.service import scheduler
    from narrator.service.app import create_app
    from narrator.service.queues import EmbeddedQueue

    # The follower looks for sources added on the other machine every second, not every minute.
    monkeypatch.setattr(scheduler, "LOOK_EVERY", 1.0)
    services = []
    try:
        for name in ("a", "b"):
            settings = make_settings(tmp_path / name, store=store, s3_endpoint_url=moto_endpoint, **PODCAST)
            services.append(start_uvicorn(create_app(settings, EmbeddedQueue(settings, workers=1)), lifespan=True))
        first, second = (Client(url, TOKEN) for url, _ in services)
        status, added = first.call("POST", "/v1/sources", {"url": site.url("/rss.xml")})
        assert status == 201, added
        articles = narrated(first, added["id"], 3)
        assert sorted(a["url"] for a in articles) == sorted(site.url(s) for s in site.stories)
        seen = until(lambda: len([a for a in source(second, added["id"])["articles"] if a["episode"]]) == 3 or None,
                     "the other service to show the episodes")  # fmt: skip
        assert seen
    finally:
        for _, stop in services:
            stop()
    assert stored_urls(moto_endpoint, bucket) == sorted(site.url(s) for s in site.stories)
    assert all(sum(1 for p, _ in site.requests if p == s.path) == 1 for s in site.stories)  # each narrated once
