"""`narrator follow` as a real process: killed with SIGKILL mid-poll and started again, it
loses no article and makes no episode twice; a 10,000-URL news sitemap is read in a
process that stays under 200 MB and narrates only the backfill; --every stops cleanly on
SIGTERM; --json prints each poll."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers.newsroom import BASE_DATE
from helpers.waiting import until

from narrator import api
from narrator.settings import load_settings

NARRATOR = str(Path(sys.executable).parent / "narrator")


def _environ(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "NARRATOR_VOICE": "tone", "NARRATOR_ALLOW_PRIVATE_URLS": "true",
            "NARRATOR_FOLLOW_REQUESTS_PER_MINUTE": "6000", "NARRATOR_CACHE_DIR": str(tmp_path / "clips")}  # fmt: skip


def _states(out: Path) -> dict[str, str]:
    with sqlite3.connect(out / ".jobs" / "follow.sqlite3") as db:
        return dict(db.execute("SELECT url, state FROM articles").fetchall())


def _follow(out: Path, source: str, tmp_path: Path, *extra: str) -> subprocess.Popen:
    args = [NARRATOR, "follow", source, "--out", str(out), "--json", *extra]
    return subprocess.Popen(args, env=_environ(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# Five kill points, one run each: the bar is no duplicate and no lost article in 5 of 5.
# While fetching, the article's request is held by the site, so the kill lands while the
# process waits for it; once an episode is in place, it lands wherever the process is
# then (recording the episode, rebuilding the feed, or asking for the next article).
KILL_POINTS = [("fetching", 1), ("fetching", 2), ("written", 1), ("written", 2), ("written", 3)]


@pytest.mark.network
@pytest.mark.parametrize(("when", "ordinal"), KILL_POINTS,
                         ids=["while fetching the 1st article", "while fetching the 2nd article",
                              "once the 1st episode is in place", "once the 2nd episode is in place",
                              "once the last episode is in place"])  # fmt: skip
def test_sigkill_mid_poll_then_a_restart_loses_nothing_and_narrates_nothing_twice(site, tmp_path, when, ordinal):
    out = tmp_path / "out"
    slugs = {s.slug for s in site.stories}
    target = sorted(site.stories, key=lambda s: s.published)[ordinal - 1]
    if when == "fetching":
        site.holds[target.path] = threading.Event()
    process = _follow(out, site.url("/rss.xml"), tmp_path)
    try:
        if when == "fetching":
            until(lambda: target.path in site.asked(), f"the request for {target.path}", seconds=60.0, every=0.01)
        else:
            until(lambda: (out / target.slug).is_dir(), f"{target.slug} in place", seconds=60.0, every=0.01)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        if target.path in site.holds:
            site.holds.pop(target.path).set()
    written_before = {p.name for p in out.iterdir() if p.name in slugs}

    restart = _follow(out, site.url("/rss.xml"), tmp_path)
    stdout, stderr = restart.communicate(timeout=120)
    assert restart.returncode == 0, stderr
    (poll,) = [json.loads(line) for line in stdout.splitlines()]
    narrated_again = {a["slug"] for s in poll["sources"] for a in s["articles"] if a["action"] == "narrated"}
    # Every article has one episode, under its own name (no second one with a suffix),
    # in the feed; what was written before the kill was not narrated again.
    settings = load_settings({"out": out}, environ={})
    assert {r.slug for r in api.list_episodes(settings)} == slugs
    assert {p.name for p in out.iterdir() if not p.name.startswith(".") and p.is_dir()} == slugs
    assert narrated_again == slugs - written_before
    assert set(_states(out).values()) == {"done"}
    feed = (out / "feed.xml").read_text()
    assert all(f"/{slug}/" in feed for slug in slugs)


@pytest.mark.network
def test_a_news_sitemap_of_10000_urls_is_read_in_under_200_mb_and_only_the_backfill_narrated(site, tmp_path):
    stories = site.newest_first()

    def entry(url: str, when: dt.datetime, title: str) -> str:
        return (f"<url><loc>{url}</loc><news:news><news:publication_date>{when.isoformat()}</news:publication_date>"
                f"<news:title>{title}</news:title></news:news></url>")  # fmt: skip

    archive = [entry(f"{site.base}/archive/{i}.html", BASE_DATE - dt.timedelta(hours=i + 1), f"Archive story {i}")
               for i in range(10_000 - len(stories))]  # fmt: skip
    urls = archive + [entry(site.url(s), s.published, s.title) for s in stories]
    site.documents["/sitemap-news.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(urls) + "</urlset>"
    ).encode()
    out = tmp_path / "out"
    args = [NARRATOR, "follow", site.url("/sitemap-news.xml"), "--out", str(out), "--json", "--backfill", "2"]
    # Started and waited for by a small launcher, which then prints the peak resident memory
    # of its children (narrator follow, and the ffmpeg it waited for). A child forked from
    # this test process would start its count at this process's size, which a long test
    # run makes large.
    launcher = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
                "sys.exit(done.returncode)")  # fmt: skip
    with (tmp_path / "stdout").open("w") as stdout:
        launched = subprocess.run([sys.executable, "-c", launcher, *args], env=_environ(tmp_path), stdout=stdout,
                                  stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert launched.returncode == 0, launched.stderr
    maxrss = launched.stderr.splitlines()[-1]
    (poll,) = [json.loads(line) for line in (tmp_path / "stdout").read_text().splitlines()]
    (source,) = poll["sources"]
    assert (source["kind"], source["listed"], source["new"]) == ("sitemap", 10_000, 2)
    assert {a["url"] for a in source["articles"] if a["action"] == "narrated"} == {site.url(s) for s in stories[:2]}
    assert not site.asked("/archive/")
    peak = int(maxrss) * 1024  # kilobytes on Linux
    assert peak < 200 * 1024 * 1024, f"peak resident memory {peak / 2**20:.0f} MB"


@pytest.mark.network
def test_every_polls_until_sigterm_stops_it_cleanly(site, tmp_path):
    site.stories = site.stories[:1]
    out = tmp_path / "out"
    process = _follow(out, site.url("/atom.xml"), tmp_path, "--every", "1s")
    try:
        first = json.loads(process.stdout.readline())
        assert [a["action"] for s in first["sources"] for a in s["articles"]] == ["narrated"]
        second = json.loads(process.stdout.readline())
        assert second["sources"][0]["status"] == "unchanged"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert set(_states(out).values()) == {"done"}
