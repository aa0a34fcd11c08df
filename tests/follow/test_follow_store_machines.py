"""Machines that share no disk following one newsroom through one object store (moto's
S3 server on loopback), each with an empty output folder of its own: the follow state
and its lease live in the store, so each article is narrated once, a fresh machine
carries on where another left off (an unchanged feed is one 304, robots.txt is not
asked again), and a machine killed holding the lease is taken over once it expires."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers.s3_fixtures import stored_urls
from helpers.waiting import until

from narrator import api
from narrator.settings import with_overrides

pytestmark = pytest.mark.network
#: What a feed in the object store needs to be published.
PODCAST = {"public_base_url": "https://audio.example.org/news/", "podcast_owner_email": "audio@example.org"}


@pytest.fixture
def store(bucket):
    return f"s3://{bucket}/news"


def machine(follow_settings, tmp_path: Path, name: str, store: str, endpoint: str):
    """Settings of one "machine": an empty output folder and clip cache of its own, and
    the shared object store."""
    return with_overrides(follow_settings, out=str(tmp_path / name / "out"), cache_dir=str(tmp_path / name / "clips"),
                          store=store, s3_endpoint_url=endpoint, **PODCAST)  # fmt: skip


def poll(sources, settings):
    (result,) = list(api.follow(sources, settings))
    return result


def actions(result) -> dict[str, str]:
    return {a.url: a.action for s in result.sources for a in s.articles}


def fetches(site, path: str) -> int:
    return sum(1 for p, _ in list(site.requests) if p == path)


def test_two_machines_following_one_feed_through_one_store_narrate_each_article_once(
    site, follow_settings, tmp_path, store, moto_endpoint, bucket
):
    feed = site.url("/rss.xml")
    machines = [machine(follow_settings, tmp_path, name, store, moto_endpoint) for name in ("a", "b")]
    start = threading.Barrier(2)
    results: dict[int, object] = {}
    errors: list[BaseException] = []

    def follow(index: int) -> None:
        try:
            start.wait(10)
            results[index] = poll([feed], machines[index])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=follow, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    narrated = [url for r in results.values() for url, action in actions(r).items() if action == "narrated"]
    urls = sorted(site.url(s) for s in site.stories)
    assert sorted(narrated) == urls  # each article by one machine or the other, never both
    assert all(fetches(site, s.path) == 1 for s in site.stories)
    assert stored_urls(moto_endpoint, bucket) == urls
    # The one that didn't follow says so (unless the other had finished and handed the
    # lease back before it looked: then it found everything done).
    for result in results.values():
        for source in result.sources:
            assert source.status in ("read", "unchanged", "elsewhere")
            if source.status == "elsewhere":
                assert "another machine follows" in source.error and not source.articles


def test_a_fresh_machine_carries_on_from_the_store_with_a_304_and_narrates_only_what_is_new(
    site, follow_settings, tmp_path, store, moto_endpoint, bucket
):
    feed = site.url("/rss.xml")
    first = poll([feed], machine(follow_settings, tmp_path, "a", store, moto_endpoint))
    assert sorted(actions(first).values()) == ["narrated"] * 3
    site.requests.clear()

    # A new machine with an empty disk, given no source: it follows what the store follows.
    fresh = machine(follow_settings, tmp_path, "b", store, moto_endpoint)
    assert not Path(fresh.out).exists()
    again = poll([], fresh)
    assert [s.status for s in again.sources] == ["unchanged"] and actions(again) == {}
    assert [p for p, _ in site.requests] == ["/rss.xml"]  # robots.txt kept, the feed asked conditionally
    assert site.requests[0][1].get("If-None-Match")
    assert [code for _, _, path, code in site.answered if path == "/rss.xml"][-1] == 304

    story = site.add("Bridge reopens to cyclists", ["The old bridge reopened to cyclists on Saturday."])
    third = poll([], machine(follow_settings, tmp_path, "c", store, moto_endpoint))
    assert actions(third) == {site.url(story): "narrated"}
    assert stored_urls(moto_endpoint, bucket) == sorted(site.url(s) for s in site.stories)
    assert all(fetches(site, s.path) == (1 if s is story else 0) for s in site.stories)


_KILLED_MACHINE = """
import json, sys
from pathlib import Path
import narrator.follow.shared as shared
shared.LEASE_SECONDS = 3.0  # a short lease, so the test needn't wait for a real one to run out
from narrator import api
from narrator.settings import load_settings
values, feed = json.loads(sys.argv[1]), sys.argv[2]
for result in api.follow([feed], load_settings(values, environ={}, cwd=Path.cwd())):
    pass
"""


def test_a_machine_killed_holding_the_lease_is_taken_over_once_it_expires_and_nothing_is_narrated_twice(
    site, follow_settings, tmp_path, store, moto_endpoint, bucket
):
    feed = site.url("/rss.xml")
    last = site.stories[-1]  # the newest: narrated last
    site.holds[last.path] = threading.Event()
    (tmp_path / "a").mkdir()
    values = {"out": str(tmp_path / "a" / "out"), "voice": "tone", "allow_private_urls": True,
              "follow_requests_per_minute": 6000, "cache_dir": str(tmp_path / "a" / "clips"), "fetch_timeout": 10,
              "store": store, "s3_endpoint_url": moto_endpoint, **PODCAST}  # fmt: skip
    killed = subprocess.Popen([sys.executable, "-c", _KILLED_MACHINE, json.dumps(values), feed], cwd=tmp_path / "a",
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip
    try:
        until(lambda: fetches(site, last.path) or killed.poll() is not None, "the first machine to reach the last "
              "article", seconds=120)  # fmt: skip
        assert killed.poll() is None, killed.stderr.read().decode()
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(10)
    finally:
        if killed.poll() is None:
            os.killpg(killed.pid, signal.SIGKILL)
            killed.wait(10)
        site.holds[last.path].set()
    assert len(stored_urls(moto_endpoint, bucket)) == 2  # it narrated the first two, and held the lease

    other = machine(follow_settings, tmp_path, "b", store, moto_endpoint)
    result = until(lambda: (r := poll([], other)).sources[0].status != "elsewhere" and r,
                   "the lease to run out", seconds=30, every=0.2)  # fmt: skip
    assert actions(result) == {site.url(last): "narrated"}
    assert stored_urls(moto_endpoint, bucket) == sorted(site.url(s) for s in site.stories)
    assert [fetches(site, s.path) for s in site.stories] == [1, 1, 2]  # only the article it died on, again


def test_the_lease_is_kept_while_its_holder_works_longer_than_the_lease_and_free_once_handed_back(
    follow_settings, tmp_path, store, moto_endpoint
):
    import time

    from narrator.follow.shared import SharedState
    from narrator.follow.state import FollowState

    def holder(name: str) -> SharedState:
        settings = machine(follow_settings, tmp_path, name, store, moto_endpoint)
        state = FollowState(Path(settings.out))
        state.shared = SharedState(settings, state, lease_seconds=3.0)
        return state.shared

    busy, other = holder("a"), holder("b")
    try:
        assert busy.take()
        # For longer than the lease, busy makes no change (a long narration): it keeps the lease.
        end = time.monotonic() + 5.0
        while time.monotonic() < end:
            assert not other.take() and other.elsewhere and not busy.lost
            time.sleep(0.2)
        busy.release()
        assert other.take()  # at once, not when the lease would have run out
    finally:
        busy.release()  # or their threads would go on renewing it for the rest of the session
        other.release()
