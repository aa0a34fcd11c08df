"""The listening events' endpoint (POST /events) on a real uvicorn: what it counts, what it
refuses, what it never keeps or sets, and its rate limit; and the editor's Stats pages."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import raw, raw_request, signed_in
from helpers.stats_service import TOKEN, Beacons, event, narrated, serve

from narrator import api
from narrator.service.stats_routes import Limiter
from narrator.stats import StatsStore

pytestmark = [pytest.mark.slow, pytest.mark.network]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stats-events")
    settings, slugs = narrated(tmp, ("tram", "ferry", "bus"))
    api.set_status(slugs["bus"], "draft", settings)  # not published yet
    url, stop = serve(settings)
    beacons = Beacons(url)
    yield {"url": url, "out": tmp / "out", "slugs": slugs, "beacons": beacons, "settings": settings}
    beacons.close()
    stop()


def _figures(service, slug):
    return StatsStore.for_output(service["out"]).figures(slug).episodes[0]


def test_an_event_is_counted_without_a_token_a_cookie_or_the_address(service):
    slug = service["slugs"]["tram"]
    before = _figures(service, slug).plays  # the module's other tests may have played it
    status, headers, body = service["beacons"].send(event(slug, view="view-counted-once"))
    assert (status, body) == (204, b"")
    assert "set-cookie" not in headers
    assert headers["access-control-allow-origin"] == "*"  # an article page on another origin may send it
    assert _figures(service, slug).plays == before + 1
    # The same event again (a resent beacon) is not a second play.
    assert service["beacons"].send(event(slug, view="view-counted-once"))[0] == 204
    assert _figures(service, slug).plays == before + 1
    # Nothing in the store names the client: not its address, not its browser.
    database = service["out"] / ".stats" / "stats.sqlite3"
    with sqlite3.connect(database) as db:
        dump = "\n".join(db.iterdump())
    assert "127.0.0.1" not in dump and "Python-urllib" not in dump and "view-counted-once" in dump


def test_a_draft_is_answered_as_no_episode_and_never_counted(service):
    draft = service["slugs"]["bus"]
    missing = service["beacons"].send(event("no-such-episode", view="draft-prober"))
    status, _, body = service["beacons"].send(event(draft, view="draft-prober"))
    # The same answer as for a name that isn't there: outside, a draft's name stays unknown.
    assert (status, body) == (missing[0], missing[2]) and status == 404
    assert sum(e.plays for e in StatsStore.for_output(service["out"]).figures(draft).episodes) == 0


def test_do_not_track_and_global_privacy_control_are_honoured(service):
    slug = service["slugs"]["ferry"]
    before = _figures(service, slug).plays  # the module's other tests may have played it
    for header in ({"DNT": "1"}, {"Sec-GPC": "1"}):
        status, _, _ = service["beacons"].send(event(slug, view="private-listener"), headers=header)
        assert status == 204
    assert _figures(service, slug).plays == before


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 422),
        (b"[1, 2]", 422),
        ({"episode": "x", "view": "0123456789abcdef", "kind": "play"}, 404),  # no such episode
        ({"episode": "../../etc", "view": "0123456789abcdef", "kind": "play"}, 422),
        ("tram", "kind=cough"),
        ("tram", "progress=15"),
        ("tram", "extra field"),
        (b"{" * 5000, 413),
    ],
)
def test_only_well_formed_events_for_real_episodes_are_taken(service, body, status):
    slug = service["slugs"]["tram"]
    if isinstance(body, str):
        body = {"kind=cough": event(slug, "cough"), "progress=15": event(slug, "progress", 15),
                "extra field": {**event(slug), "ip": "10.0.0.1"}}[status]  # fmt: skip
        status = 422
    before = _figures(service, slug).plays
    got, headers, answer = service["beacons"].send(body)
    assert got == status, answer
    assert "detail" in json.loads(answer) and "set-cookie" not in headers
    assert _figures(service, slug).plays == before


def test_another_content_type_is_refused(service):
    status, _, _ = service["beacons"].send(event(service["slugs"]["tram"]), headers={"Content-Type": "text/html"})
    assert status == 415


def test_a_preflight_from_another_origin_is_answered(service):
    request = raw_request("OPTIONS", "/events", {"Origin": "https://news.example", "Access-Control-Request-Method":
                                                 "POST", "Access-Control-Request-Headers": "content-type"})  # fmt: skip
    status, headers, _ = raw(service["url"], request)
    assert status == 204 and "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"] and "set-cookie" not in headers


def test_one_client_flooding_is_rate_limited_and_others_are_not(service):
    slug = service["slugs"]["ferry"]
    beacons = service["beacons"]
    answers = [beacons.send(event(slug, "speed", 1.5, view=f"flood-{n:04d}"), client="203.0.113.9")
               for n in range(200)]  # fmt: skip
    statuses = [status for status, _, _ in answers]
    assert statuses.count(429) >= 50 and statuses[:100] == [204] * 100
    refused = next(headers for status, headers, _ in answers if status == 429)
    assert int(refused["retry-after"]) >= 1 and "set-cookie" not in refused
    assert beacons.send(event(slug, view="someone-else"), client="198.51.100.7")[0] == 204


def test_the_rate_limits_table_has_a_fixed_size():
    limiter = Limiter(burst=2, rate=0.001, clients=100)
    for n in range(5000):
        limiter.wait(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
    assert len(limiter) == 100
    # A phone's or household's IPv6 addresses share one bucket (their /64).
    assert limiter.wait("2001:db8::1") == 0 and limiter.wait("2001:db8::2") == 0
    assert limiter.wait("2001:db8::3") > 0 and limiter.wait("2001:db8:0:1::1") == 0


def test_the_stats_pages_need_the_editor_and_show_the_figures(service):
    url, slug = service["url"], service["slugs"]["tram"]
    status, headers, _ = raw(url, raw_request("GET", "/editor/stats"))
    assert status == 303 and headers["location"].startswith("/editor/login")
    opener, _ = signed_in(url, TOKEN)
    store = StatsStore.for_output(service["out"])
    now = dt.datetime.now(dt.UTC)
    for n in range(4):
        store.add_event(slug, f"page-view-{n}", "play", None, now)
        for tenth in range(10, 10 * (n + 1) + 1, 10):
            store.add_event(slug, f"page-view-{n}", "progress", tenth, now)
    overview = opener.open(url + "/editor/stats").read().decode()
    assert "Tram stop reopens" in overview and f'href="/editor/stats/{slug}"' in overview
    one = opener.open(f"{url}/editor/stats/{slug}").read().decode()
    figures = store.figures(slug).episodes[0]
    assert figures.plays >= 4 and f'<td data-figure="plays">{figures.plays}</td>' in one
    # Each tenth's share of the plays still listening, in the table behind the chart.
    for tenth, share in zip(range(10, 101, 10), figures.curve, strict=True):
        assert f'<th scope="row">{tenth}%</th><td>{round(100 * share, 1)}%</td>' in one
    assert 'role="img"' in one and '<title id="curve-title">' in one
    exported = json.loads(opener.open(url + "/editor/stats.json").read())
    assert any(e["episode"] == slug and e["plays"] == figures.plays for e in exported["episodes"])
    csv = opener.open(url + "/editor/stats.csv").read().decode()
    assert slug in csv
