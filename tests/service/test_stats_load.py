"""The listening events' endpoint under load, through ``narrator serve-api`` in a process
of its own on loopback: 10,000 beacons, with repeats, bursts and malformed ones mixed in,
from hundreds of listeners behind the loopback proxy (X-Forwarded-For) and one client
that floods. The counts come out exact, the flood is refused, and the server's memory
stays flat. No timings are asserted."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.stats_service import TOKEN, Beacons, event, narrated
from helpers.waiting import until

from narrator.stats import StatsStore

pytestmark = [pytest.mark.slow, pytest.mark.network]
TOTAL = 10_000
FLOODER = "203.0.113.66"


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stats-load")
    _, slugs = narrated(tmp, ("tram", "ferry"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NARRATOR_API_TOKENS": TOKEN, "NARRATOR_CACHE_DIR": str(tmp / "clips")}
    proc = subprocess.Popen([sys.executable, "-m", "narrator", "serve-api", "--port", str(port), "--out",
                             str(tmp / "out")], cwd=tmp, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip

    def answers() -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    until(answers, "narrator serve-api to listen", seconds=60)
    yield {"url": f"http://127.0.0.1:{port}", "pid": proc.pid, "out": tmp / "out", "slugs": list(slugs.values())}
    proc.terminate()
    proc.wait(30)


def _plan(slugs: list[str], rng: random.Random):
    """The beacons to send, in order, as (what, client, body, headers), and what the store
    must count from the listeners' well-formed ones: per episode, plays, completes and
    views reaching each tenth."""
    expected = {s: {"plays": 0, "completes": 0, "reach": Counter(), "speeds": Counter()} for s in slugs}
    good: list[tuple[str, dict]] = []
    for n in range(700):
        slug, view, client = rng.choice(slugs), f"view-{n:05d}-{rng.getrandbits(32):08x}", f"10.1.{n // 200}.{n % 200}"
        tenths = rng.choice([0, 1, 2, 3, 5, 8, 10, 10, 10])
        events = [event(slug, "play", view=view)] + [
            event(slug, "progress", 10 * k, view) for k in range(1, tenths + 1)
        ]
        if tenths == 10:
            events.append(event(slug, "complete", view=view))
        if rng.random() < 0.3:
            speed = rng.choice([1.25, 1.5, 2])
            events.append(event(slug, "speed", speed, view))
            expected[slug]["speeds"][float(speed)] += 1
        expected[slug]["plays"] += 1
        expected[slug]["completes"] += tenths == 10
        for k in range(1, tenths + 1):
            expected[slug]["reach"][10 * k] += 1
        good += [(client, e) for e in events]
    repeats = [rng.choice(good) for _ in range(1500)]  # beacons a browser sent twice
    bad_bodies = [
        (b"not json", {}),
        (json.dumps(event(slugs[0], view="short")).encode(), {}),
        (json.dumps(event("no-such-episode")).encode(), {}),
        (json.dumps(event(slugs[1], "progress", 15)).encode(), {}),
        (json.dumps({**event(slugs[0]), "ip": "10.9.9.9"}).encode(), {}),
        (b'{"episode": "' + b"x" * 2000 + b'"}', {}),
        (json.dumps(event(slugs[0])).encode(), {"Content-Type": "text/html"}),
    ]
    bad = []
    for n in range(900):
        body, headers = bad_bodies[n % len(bad_bodies)]
        bad.append(("bad", f"10.2.{n // 200}.{n % 200}", body, headers))
    mixed = [("good", c, e, {}) for c, e in good] + [("good", c, e, {}) for c, e in repeats] + bad
    rng.shuffle(mixed)
    flood_size = TOTAL - len(mixed)
    assert flood_size >= 1000, flood_size
    # The flooding client's bursts of plays, each of a page view never seen, between the rest.
    flood = [("flood", FLOODER, event(slugs[n % 2], view=f"flood-{n:06d}"), {}) for n in range(flood_size)]
    plan, at = [], 0
    for start in range(0, flood_size, 250):
        step = rng.randrange(200, 800)
        plan += mixed[at : at + step] + flood[start : start + 250]
        at += step
    plan += mixed[at:]
    assert len(plan) == TOTAL
    return plan, expected


def test_ten_thousand_beacons_count_exactly_and_a_flood_is_refused(server):
    slugs = server["slugs"]
    plan, expected = _plan(slugs, random.Random(25))
    beacons = Beacons(server["url"])
    outcome: Counter = Counter()
    flood_counted = Counter()
    rss = []
    for n, (what, client, body, headers) in enumerate(plan):
        status, answer, _ = beacons.send(body, client=client, headers=headers)
        assert "set-cookie" not in answer
        outcome[what, status] += 1
        if what == "flood" and status == 204:
            flood_counted[body["episode"]] += 1
        if n in (2_000, TOTAL - 1):
            rss.append(_rss_kb(server["pid"]))
    beacons.close()

    # The listeners were never refused; everything malformed was, and most of the flood.
    assert {status for (what, status) in outcome if what == "good"} == {204}, outcome
    assert 204 not in {status for (what, status) in outcome if what == "bad"}, outcome
    assert outcome["flood", 429] > 0.5 * sum(n for (what, _), n in outcome.items() if what == "flood"), outcome
    assert {status for (what, status) in outcome if what == "bad"} == {404, 413, 415, 422}

    store = StatsStore.for_output(server["out"])
    today = dt.datetime.now(dt.UTC).date()
    for slug in slugs:
        # Two days, should the run cross midnight (UTC).
        figures = store.figures(slug, days=2, today=today).episodes[0]
        want = expected[slug]
        assert figures.plays == want["plays"] + flood_counted[slug]
        assert figures.completes == want["completes"]
        assert dict(figures.speeds) == dict(want["speeds"])
        reach = [round(share * figures.plays) for share in figures.curve]
        assert reach == [want["reach"][10 * k] for k in range(1, 11)]
        assert sum(d.plays for d in figures.days) == figures.plays
    # 8,000 beacons after the first 2,000, from hundreds more clients: the server's
    # memory hardly grows (its rate limit's table and the episodes it knows are bounded).
    assert rss[1] - rss[0] < 16_000, rss
