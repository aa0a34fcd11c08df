"""Listening figures end to end in a real headless Chromium: an episode page on one origin
(narrator's own preview server) whose player reports to the service on another, played to
the end at 2×; the events arrive and the editor's Stats page shows them, and the player
keeps nothing in the browser for them. Then an axe-core audit of the Stats pages, each
chart with its table. Nothing sleeps: every wait polls with a deadline."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.browser import AXE, WCAG, need
from helpers.paths import ROOT
from helpers.stats_service import TOKEN, narrated, serve
from helpers.waiting import until

from narrator.api import narrate
from narrator.publish.serve import make_server
from narrator.stats import StatsStore

pytestmark = [pytest.mark.slow, pytest.mark.network]
ARTIFACTS = ROOT / "test-artifacts"
ARTICLE = "# Bridge closes for repairs\n\nThe old bridge closes for two weeks in May.\n"
OTHER = "# Market moves indoors\n\nThe winter market moves into the old tram depot.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The service, and pages for two episodes whose embed names the service's endpoint (a template that sets stats_url,
    as a newsroom's own templates folder would), served by a preview server on another port."""
    tmp = tmp_path_factory.mktemp("stats-browser")
    settings, _ = narrated(tmp, ())
    url, stop = serve(settings)
    templates = tmp / "templates"
    templates.mkdir()
    (templates / "player.html.j2").write_text(
        '{% extends "default/player.html.j2" %}{% set stats_url = "' + url + '/events" %}'
    )
    (tmp / "bridge.md").write_text(ARTICLE)
    (tmp / "market.md").write_text(OTHER)
    episode = narrate(tmp / "bridge.md", replace(settings, templates_dir=templates))
    other = narrate(tmp / "market.md", replace(settings, templates_dir=templates))
    pages = make_server(tmp / "out", "127.0.0.1", 0, quiet=True)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{pages.server_address[1]}/"
    yield {"url": url, "out": tmp / "out", "slug": episode.slug, "page": f"{base}{episode.slug}/index.html",
           "other": f"{base}{other.slug}/index.html", "other_slug": other.slug}  # fmt: skip
    pages.shutdown()
    pages.server_close()
    stop()


def _audit(page) -> list:
    page.wait_for_load_state("load")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def _charts_have_tables(page) -> list[str]:
    """The ids of the charts on the page that have no table of their numbers after them."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('svg[role="img"]')).filter(svg => {
        const table = document.querySelector(`table[data-chart="${svg.id}"]`);
        return !(table && table.querySelector('caption') && table.querySelector('th[scope]')
                 && svg.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING
                 && svg.getAttribute('aria-labelledby').split(' ').every(id => document.getElementById(id)));
    }).map(svg => svg.id)""")


def test_a_listen_at_double_speed_reaches_the_stats_page_and_leaves_nothing_behind(browser, site):
    need(AXE, "axe-core")
    context = browser.new_context()
    page = context.new_page()
    beacons = []
    page.on("requestfinished", lambda r: beacons.append(r) if r.url.endswith("/events") else None)
    page.goto(site["page"])
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    page.locator('[data-np="speed"]').select_option("2")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("document.querySelector('audio').ended", timeout=60_000)
    store = StatsStore.for_output(site["out"])
    until(lambda: store.figures(site["slug"]).episodes[0].completes, "the end to be counted", seconds=10)

    figures = store.figures(site["slug"]).episodes[0]
    assert (figures.plays, figures.completes) == (1, 1)
    assert figures.curve == (1.0,) * 10 and figures.speeds == ((2.0, 1),)
    # Play, speed, ten tenths, complete. Playwright hands over the browser's news while
    # the page is asked something.
    until(lambda: page.evaluate("true") and len(beacons) >= 13, "every beacon's answer", seconds=10)
    answers = [r.response() for r in beacons]
    assert {a.status for a in answers} == {204} and len(beacons) == 13
    assert not any("set-cookie" in a.all_headers() for a in answers)
    # Nothing kept in the browser: no cookie and no storage. The place and speed a
    # listener stopped at are kept only until the episode is heard to the end.
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("Object.assign({}, localStorage)") == {}
    assert context.cookies() == []
    context.close()

    editor = browser.new_context()
    editor.add_init_script(path=str(AXE))
    page = editor.new_page()
    page.goto(site["url"] + "/editor/stats/" + site["slug"])
    page.get_by_label("API token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Stats: Bridge closes for repairs").wait_for()
    assert page.locator('[data-figure="plays"]').inner_text() == "1"
    curve = page.locator('table[data-chart="curve"] tbody tr')
    assert curve.count() == 10
    assert curve.last.inner_text().split() == ["100%", "100.0%"]
    assert _audit(page) == []
    assert _charts_have_tables(page) == []
    ARTIFACTS.mkdir(exist_ok=True)  # for people to look at
    page.screenshot(path=str(ARTIFACTS / "stats-episode.png"), full_page=True)
    page.get_by_role("link", name="All episodes").click()
    page.get_by_role("heading", name="Stats", exact=True).wait_for()
    assert _audit(page) == []
    assert _charts_have_tables(page) == []
    page.screenshot(path=str(ARTIFACTS / "stats-page.png"), full_page=True)
    row = page.get_by_role("row", name="Bridge closes for repairs")
    assert row.get_by_role("cell").first.inner_text() == "1"
    editor.close()


@pytest.mark.parametrize(
    "setting",
    ["Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true})",
     "Object.defineProperty(navigator, 'doNotTrack', {get: () => '1'})"],
    ids=["global-privacy-control", "do-not-track"],
)  # fmt: skip
def test_with_do_not_track_or_global_privacy_control_the_player_sends_nothing(browser, site, setting):
    context = browser.new_context()
    context.add_init_script(setting)
    page = context.new_page()
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/events") else None)
    page.goto(site["other"])
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    page.evaluate("document.querySelector('audio').playbackRate = 4")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("document.querySelector('audio').ended", timeout=60_000)
    page.evaluate("true")  # hand over the last of the browser's news
    assert sent == []
    context.close()


def test_tenths_jumped_over_are_not_reported_as_heard(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site["other"])
    page.wait_for_function("document.querySelector('audio').readyState >= 1")
    page.evaluate("document.querySelector('audio').playbackRate = 4")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("document.querySelector('audio').currentTime > 0")
    # The listener drags the slider to three quarters, and listens from there to the end.
    page.evaluate("a => { a.currentTime = a.duration * 0.75 }", page.locator("audio").element_handle())
    page.wait_for_function("document.querySelector('audio').ended", timeout=60_000)
    database = site["out"] / ".stats" / "stats.sqlite3"

    def received() -> list[tuple[str, float]]:
        with sqlite3.connect(database) as db:  # the day's raw events, as the endpoint took them
            return db.execute("SELECT kind, value FROM events WHERE episode = ? ORDER BY at",
                              (site["other_slug"],)).fetchall()  # fmt: skip

    until(lambda: ("complete", 0.0) in received(), "the end's beacon", seconds=10)
    events = received()
    progress = {value for kind, value in events if kind == "progress"}
    assert {80, 90, 100} <= progress <= {10, 80, 90, 100}
    assert [kind for kind, _ in events].count("play") == 1
    context.close()
