"""`narrator follow` and the service's followed sources, measured against a small newsroom
on loopback, in one run.

    python benchmarks/follow.py                   # 5 articles of about 300 words, an RSS feed
    python benchmarks/follow.py --articles 8 --words 600 --feed atom
    python benchmarks/follow.py --skip-service    # the command line only

The newsroom is tests/follow/newsroom.py's server; its articles are made here from
benchmarks/articles.py's templates. Everything runs with the default settings and voice
(heart), in fresh output folders, with inherited NARRATOR_* variables dropped, but for
allow_private_urls (the newsroom is on loopback). Each narration cache starts with the
voice's own data and none of the articles' clips, as on a machine that has narrated
before (benchmarks/run.py's priming). Each part has a newsroom of its own with the same
articles, unedited.

The command line is measured twice: at the default pace (follow_requests_per_minute 30,
so two seconds between requests to the newsroom, which with a quick voice is most of a
poll) and at the highest (6000, no pace to speak of), where narrator's own work shows.

  baseline   `narrator narrate URL` on each article, one process after another
  first      `narrator follow FEED --backfill N` into an empty folder: wall time, requests
             to each host (counted at the server, with their statuses), seconds per
             article / the baseline's
  unchanged  the same command again: requests (one feed request answered 304 is the bar;
             robots.txt is kept a day) and wall time
  edit       one word of one paragraph of one article changed and the feed's updated time
             bumped: from the command's start to its episode.json holding a new version,
             the characters synthesised and taken from the cache (the episode record), and
             / that article's own baseline narration
  title      a corrected title on another article: the same measures, and whether the
             episode kept its slug and guid
  service    `narrator serve-api` as a real process with follow_every 10 s (at the default
             pace), following the feed through POST /v1/sources: the first poll (POST to
             every episode written), then an edit of the newest article made as soon as
             that poll is seen to end: from the edit to its episode.json holding a new
             version, split at the service's next request for the feed (up to 10 s later)

Seconds drift with the machine's load (printed at the start and the end); the ratios much less.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
from articles import article, edit_one_paragraph  # noqa: E402
from helpers.newsroom import NewsSite, Story  # noqa: E402
from run import NARRATOR, _voice_data, prime  # noqa: E402

TITLES = [
    "Bridge repairs close the east road for a month", "Town hall votes on the library budget",
    "Flood defences finished ahead of the winter", "Market square plan goes back to the council",
    "Tram extension reaches the last public inquiry", "Bus drivers agree a new timetable",
    "School roof fund runs short by a third", "Harbour dredging starts after a long delay",
]  # fmt: skip
FEEDS = {"rss": "/rss.xml", "atom": "/atom.xml", "json": "/feed.json", "sitemap": "/news-sitemap.xml"}
TOKEN = "follow-benchmark"
SERVICE_EVERY = 10  # seconds: follow_every for the service
DEADLINE = 1800.0  # seconds any one wait may last


def paragraphs(words: int, seed: int) -> list[str]:
    """The body of benchmarks/articles.py's article, one paragraph a line."""
    text = article(words, seed=seed).split("---", 2)[2]
    return [line for line in text.split("\n") if line.strip() and not line.startswith("#")]


def edited(paragraphs_: list[str]) -> list[str]:
    """One word changed in one paragraph, as after a correction."""
    return edit_one_paragraph("\n".join(paragraphs_)).split("\n")


def _until(check, what: str, every: float = 0.05, deadline: float = DEADLINE):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise SystemExit(f"waited {deadline:.0f} s for {what}")


def _version(folder: Path) -> str | None:
    try:
        return json.loads((folder / "episode.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _record(folder: Path) -> dict:
    return json.loads((folder / "episode.json").read_text())


ORDER = {"robots": 0, "feed": 1, "article": 2}


def requests_made(site: NewsSite, feed: str, since: float = 0.0, until: float = float("inf")) -> str:
    """What the site answered between two moments (time.monotonic()), by host:
    robots.txt, the feed and articles, with their statuses."""
    with site.lock:
        answered = [a for a in site.answered if since <= a[0] <= until]
    hosts: dict[str, Counter] = {}
    for _, host, path, status in answered:
        kind = "robots" if path == "/robots.txt" else "feed" if path == feed else "article"
        hosts.setdefault(host, Counter())[(kind, status)] += 1
    parts = []
    for host, counts in hosts.items():
        ranked = sorted(counts.items(), key=lambda c: (ORDER[c[0][0]], c[0][1]))
        said = ", ".join(f"{kind} {status}" + (f" ×{n}" if n > 1 else "") for (kind, status), n in ranked)
        parts.append(f"{sum(counts.values())}" + (f" to {host}" if len(hosts) > 1 else "") + f": {said}")
    return "; ".join(parts) or "none"


def paced(site: NewsSite, feed: str, since: float = 0.0) -> float | None:
    """Seconds from the feed's answer to the next request (an article's): the pace a host
    is asked at."""
    with site.lock:
        times = [(t, path) for t, _, path, _ in site.answered if t >= since]
    for (asked, path), (next_asked, _) in pairwise(times):
        if path == feed:
            return next_asked - asked
    return None


def narrate_each(site: NewsSite, folder: Path, env: dict[str, str]) -> dict[str, float]:
    """The baseline: `narrator narrate URL` for each article, one process after another."""
    _voice_data(folder.parent / "prime-heart", folder / "cache")
    env = {**env, "NARRATOR_CACHE_DIR": str(folder / "cache")}
    seconds = {}
    for story in site.stories:
        start = time.perf_counter()
        done = subprocess.run([*NARRATOR, "narrate", site.url(story), "--out", str(folder / "out")], env=env,
                              cwd=folder, capture_output=True, text=True)  # fmt: skip
        if done.returncode:
            raise SystemExit(f"narrate {site.url(story)} failed: {done.stderr[-2000:]}")
        seconds[story.slug] = time.perf_counter() - start
    return seconds


def poll(feed_url: str, out: Path, env: dict[str, str], work: Path, *extra: str,
         watch: Path | None = None) -> dict:  # fmt: skip
    """One `narrator follow --json` poll: its wall time and result, and, with ``watch``
    (an episode folder), the seconds from its start until that episode.json holds a new
    version."""
    before = _version(watch) if watch else None
    changed: list[float] = []
    start = time.perf_counter()
    proc = subprocess.Popen([*NARRATOR, "follow", feed_url, "--out", str(out), "--json", *extra], env=env, cwd=work,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    done = threading.Event()

    def look() -> None:
        while not done.is_set() and not changed:
            if _version(watch) not in (None, before):
                changed.append(time.perf_counter() - start)
            time.sleep(0.02)

    watcher = threading.Thread(target=look, daemon=True)
    if watch is not None:
        watcher.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    if watch is not None:
        watcher.join()
    if proc.returncode:
        raise SystemExit(f"narrator follow failed: {stderr[-2000:]}")
    (result,) = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    articles = [a for s in result["sources"] for a in s["articles"]]
    return {"wall": wall, "updated": changed[0] if changed else None, "articles": articles,
            "status": result["sources"][0]["status"]}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(port: int, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {TOKEN}",
                                              "Content-Type": "application/json"})  # fmt: skip
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
    with opener.open(request, timeout=30) as answer:
        return json.loads(answer.read())


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _story(site: NewsSite, slug: str) -> Story:
    return next(s for s in site.stories if s.slug == slug)


def service(site: NewsSite, feed: str, slug: str, work: Path, env: dict[str, str]) -> dict:
    """serve-api following the feed: its first poll, then an edit of the article ``slug``."""
    folder = work / "service"
    _voice_data(work / "prime-heart", folder / "cache")
    port = _free_port()
    env = {**env, "NARRATOR_CACHE_DIR": str(folder / "cache"), "NARRATOR_API_TOKENS": TOKEN,
           "NARRATOR_FOLLOW_EVERY": str(SERVICE_EVERY)}  # fmt: skip
    with (work / "service.log").open("w") as log:
        proc = subprocess.Popen([*NARRATOR, "serve-api", "--out", str(folder / "out"), "--port", str(port)], env=env,
                                cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        _until(lambda: _answers(port) or proc.poll() is not None, "serve-api to start", deadline=120)
        if proc.poll() is not None:
            raise SystemExit(f"serve-api failed: {(work / 'service.log').read_text()[-2000:]}")
        count = len(site.stories)
        posted = time.monotonic()
        source = _call(port, "POST", "/v1/sources", {"url": site.url(feed), "backfill": count})

        def all_written() -> bool:
            shown = _call(port, "GET", f"/v1/sources/{source['id']}")
            return sum(1 for a in shown["articles"] if a["episode"]) == count

        _until(all_written, "the service's first poll", every=0.25)
        polled = time.monotonic()
        first = polled - posted
        target = _story(site, slug)
        shown = _call(port, "GET", f"/v1/sources/{source['id']}")
        episode = folder / "out" / next(a["episode"]["slug"] for a in shown["articles"] if a["url"] == site.url(target))
        before = _version(episode)
        edit_at = time.monotonic()
        site.edit(target, paragraphs=edited(target.paragraphs))
        _until(lambda: _version(episode) not in (None, before), "the service to narrate the edit", every=0.02)
        updated = time.monotonic() - edit_at
        with site.lock:
            asked = min(t for t, _, path, _ in site.answered if path == feed and t >= edit_at)
        return {"first": first, "updated": updated, "waited": asked - edit_at, "record": _record(episode),
                "first_requests": requests_made(site, feed, posted, polled),
                "edit_requests": requests_made(site, feed, edit_at, edit_at + updated),
                "paced": paced(site, feed, asked)}  # fmt: skip
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the group this benchmark started
                proc.wait()


def stories(count: int, words: int) -> list[tuple[str, list[str]]]:
    """``count`` articles of about ``words`` words: (title, paragraphs)."""
    return [(TITLES[i % len(TITLES)] + (f", part {i // len(TITLES) + 1}" if i >= len(TITLES) else ""),
             paragraphs(words, seed=100 + i)) for i in range(count)]  # fmt: skip


@contextlib.contextmanager
def newsroom(count: int, words: int) -> Iterator[NewsSite]:
    """The newsroom on loopback with :func:`stories`, an hour apart, while in use."""
    site = NewsSite(count=0)
    try:
        for title, body in stories(count, words):
            site.add(title, body, author="Benchmark Desk", categories=("Local",))
        yield site
    finally:
        site.close()


def merged(runs: list[list[dict]]) -> list[dict]:
    """Each step's median seconds and ratio over the runs, with the ratios' spread; the
    rest as the first run had it."""
    rows = []
    for same in zip(*runs, strict=True):
        row = {**same[0], "seconds": statistics.median(r["seconds"] for r in same)}
        if "ratio" in row:
            ratios = [r["ratio"] for r in same]
            row["ratio"] = statistics.median(ratios)
            if len(same) > 1:
                row["note"] += f"; ratio {min(ratios):.2f}-{max(ratios):.2f} over {len(same)} runs"
        rows.append(row)
    return rows


def command_line(site: NewsSite, feed: str, folder: Path, env: dict[str, str], cold: dict[str, float],
                 pace: int | None) -> list[dict]:  # fmt: skip
    """`narrator follow` on a fresh folder: the first poll, an unchanged one, an edit and
    a corrected title; ``pace`` in requests a minute to a host (None: the default)."""
    count, baseline = len(site.stories), sum(cold.values()) / len(cold)
    _voice_data(folder.parent / "prime-heart", folder / "cache")
    env = {**env, "NARRATOR_CACHE_DIR": str(folder / "cache")}
    if pace is not None:
        env["NARRATOR_FOLLOW_REQUESTS_PER_MINUTE"] = str(pace)
    paced_at = f"{pace or 30}/min"
    out, feed_url = folder / "out", site.url(feed)
    site.forget_requests()
    first = poll(feed_url, out, env, folder, "--backfill", str(count))
    narrated = {a["url"]: a["slug"] for a in first["articles"] if a["action"] == "narrated"}
    if len(narrated) != count:
        raise SystemExit(f"the first poll narrated {len(narrated)} of {count} articles: {first['articles']}")
    rows = [{"step": f"first poll, {paced_at}", "seconds": first["wall"], "ratio": first["wall"] / count / baseline,
             "requests": requests_made(site, feed), "note": f"{first['wall'] / count:.1f} s an article"}]  # fmt: skip
    site.forget_requests()
    again = poll(feed_url, out, env, folder)
    rows.append({"step": f"unchanged poll, {paced_at}", "seconds": again["wall"], "requests": requests_made(site, feed),
                 "note": f"source {again['status']}, {len(again['articles'])} articles touched"})  # fmt: skip
    slugs = [s.slug for s in sorted(site.stories, key=lambda s: s.published)]
    for label, slug, change in (
        ("paragraph edited", slugs[count // 2], lambda s: {"paragraphs": edited(s.paragraphs)}),
        ("title corrected", slugs[0], lambda s: {"title": s.title + " this week"}),
    ):
        story = _story(site, slug)
        episode = out / narrated[site.url(story)]
        was = _record(episode)
        site.forget_requests()
        site.edit(story, **change(story))
        result = poll(feed_url, out, env, folder, watch=episode)
        if result["updated"] is None:
            raise SystemExit(f"{label}: the episode was not narrated again: {result['articles']}")
        now = _record(episode)
        same = (now["slug"], now["guid"]) == (was["slug"], was["guid"])
        rows.append({"step": f"{label}, {paced_at}", "seconds": result["updated"],
                     "ratio": result["updated"] / cold[slug],
                     "chars": f"{now['characters_synthesised']}/{now['characters_from_cache']}",
                     "requests": requests_made(site, feed),
                     "note": f"{'same' if same else 'A NEW'} slug and guid; the command {result['wall']:.1f} s, "
                             f"{paced(site, feed) or 0:.1f} s from the feed to the article"})  # fmt: skip
    return rows


def service_rows(site: NewsSite, feed: str, work: Path, env: dict[str, str], cold: dict[str, float]) -> list[dict]:
    count, baseline = len(site.stories), sum(cold.values()) / len(cold)
    slug = max(site.stories, key=lambda s: s.published).slug
    served = service(site, feed, slug, work, env)
    record, waited, updated = served["record"], served["waited"], served["updated"]
    return [{"step": "service: first poll", "seconds": served["first"], "ratio": served["first"] / count / baseline,
             "requests": served["first_requests"],
             "note": f"POST to {count} episodes, {served['first'] / count:.1f} s an article"},
            {"step": "service: edit", "seconds": updated, "ratio": updated / cold[slug],
             "chars": f"{record['characters_synthesised']}/{record['characters_from_cache']}",
             "requests": served["edit_requests"],
             "note": f"{waited:.1f} s to the next poll, then {updated - waited:.1f} s "
                     f"({(updated - waited) / cold[slug]:.2f} of cold), {served['paced'] or 0:.1f} s of it from "
                     "the feed to the article"}]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5, help="articles in the feed (default: 5)")
    parser.add_argument("--words", type=int, default=300, help="words in each article, about (default: 300)")
    parser.add_argument("--feed", choices=sorted(FEEDS), default="rss", help="the kind of source (default: rss)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of the baseline and the command line, medians printed (default: 1)")  # fmt: skip
    parser.add_argument("--skip-service", action="store_true", help="don't measure serve-api")
    options = parser.parse_args()
    count, feed = max(1, options.articles), FEEDS[options.feed]
    import narrator

    compileall.compile_dir(Path(narrator.__file__).parent, quiet=1)  # as installing a wheel does (see run.py)
    work = Path(tempfile.mkdtemp(prefix="narrator-follow-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NARRATOR_")}
    env.update(PYTHONWARNINGS="ignore", NARRATOR_ALLOW_PRIVATE_URLS="true")
    load = os.getloadavg()[0]
    busy = " (busy: read the ratios, not the seconds)" if load > 1 else ""
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load average {load:.1f} at the start{busy}")  # fmt: skip
    prime("heart", work, env)

    # A newsroom for each part, the same articles in each: every part starts from them unedited.
    words = sum(len(" ".join(body).split()) for _, body in stories(count, options.words))
    print(f"{count} articles, {words} words in all, in {options.feed}; voice heart")
    colds, runs = [], []
    for attempt in range(max(1, options.repeat)):
        with newsroom(count, options.words) as site:
            colds.append(narrate_each(site, work / f"narrate-{attempt}", env))
        rows = []
        for part, pace in (("follow", None), ("follow-unpaced", 6000)):
            with newsroom(count, options.words) as site:
                rows += command_line(site, feed, work / f"{part}-{attempt}", env, colds[-1], pace)
        runs.append(rows)
    cold = {slug: statistics.median(c[slug] for c in colds) for slug in colds[0]}
    rows = merged(runs)
    if not options.skip_service:
        with newsroom(count, options.words) as site:
            rows += service_rows(site, feed, work, env, cold)

    baseline = sum(cold.values()) / count
    runs_said = f", medians of {len(colds)} runs (the notes are the first run's)" if len(colds) > 1 else ""
    print(f"\nbaseline: narrator narrate URL, one process an article, {baseline:.1f} s an article "
          f"({' '.join(f'{s:.1f}' for s in cold.values())}){runs_said}")  # fmt: skip
    print("ratio: a first poll's seconds an article / the baseline's; an update's seconds / that article's own")
    print("in the baseline. An update is timed from the poll's start (the edit's, for the service) to the new")
    print("episode.json. chars: synthesised/from the cache, from the episode record. requests: counted at the")
    print("newsroom. 30/min is follow_requests_per_minute's default, 6000/min its highest (no pace to speak of);")
    print(f"the service runs at the default, polling every {SERVICE_EVERY} s\n")
    step, asked = max(len(r["step"]) for r in rows), max(len(r["requests"]) for r in rows)
    print(f"{'step':<{step}} {'seconds':>8} {'ratio':>6} {'chars':>9}  {'requests':<{asked}}  notes")
    for row in rows:
        ratio = f"{row['ratio']:>6.2f}" if "ratio" in row else f"{'':>6}"
        print(f"{row['step']:<{step}} {row['seconds']:>7.1f}s {ratio} {row.get('chars', ''):>9}  "
              f"{row['requests']:<{asked}}  {row['note']}")  # fmt: skip
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end; work files in {work}")


if __name__ == "__main__":
    main()
