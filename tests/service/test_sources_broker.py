"""The follow scheduler with a broker: serve-api polls the sources and each article is a
Celery job, narrated by a ``narrator worker`` on a real Redis (polling itself stays in
serve-api: there is no Celery beat schedule)."""

from __future__ import annotations

import os
import signal

import pytest

pytest.importorskip("celery", reason="needs narrator[service]")

from helpers.newsroom import NewsSite
from helpers.servers import Client, start_uvicorn
from helpers.sources import TOKEN, make_settings, narrated
from helpers.workers import start_worker

from narrator import api
from narrator.service.app import create_app
from narrator.service.queues import CeleryQueue


def test_followed_articles_are_celery_jobs_with_a_broker(redis_url, tmp_path):
    site = NewsSite(count=2)
    settings = make_settings(tmp_path, broker=redis_url, visibility_timeout=30)
    queue = CeleryQueue(settings)
    url, stop = start_uvicorn(create_app(settings, queue), lifespan=True)
    log = (tmp_path / "worker.log").open("w")
    worker = start_worker(redis_url, log)
    try:
        client = Client(url, TOKEN)
        status, added = client.call("POST", "/v1/sources", {"url": site.url("/rss.xml")})
        assert status == 201, added
        articles = narrated(client, added["id"], 2)
        for article in articles:
            episode = api.find_episode(article["episode"]["slug"], settings)
            assert episode is not None and episode.url == article["url"]
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(20)
        log.close()
        stop()
        site.close()
    assert sorted(e.title for e in api.list_episodes(settings)) == [
        "Harbour ferry returns after winter repairs", "Library extends opening hours for exam season"]  # fmt: skip
