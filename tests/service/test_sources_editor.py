"""The editor's Sources page in a real headless Chromium, under its real
Content-Security-Policy, with the service's scheduler running: follow a feed of the
loopback newsroom, see it polled and its articles narrated, pause it and stop following
it, by keyboard where an editor would; what a screen reader hears first after each step;
and an axe-core audit of every state of the page."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.browser import AXE, WCAG, need
from helpers.newsroom import NewsSite
from helpers.servers import start_uvicorn
from helpers.sources import make_settings

from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue

TOKEN = "sources-token-1"


@pytest.fixture(scope="module")
def newsroom():
    site = NewsSite(count=2)
    yield site
    site.close()


@pytest.fixture(scope="module")
def editor(tmp_path_factory, newsroom):
    tmp = tmp_path_factory.mktemp("sources-editor")
    settings = make_settings(tmp)
    url, stop = start_uvicorn(create_app(settings, EmbeddedQueue(settings, workers=1)), lifespan=True)
    yield url
    stop()


@pytest.fixture
def page(browser):
    need(AXE, "axe-core")
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    made = context.new_page()
    made.blocked = []
    made.on("console", lambda m: made.blocked.append(m.text) if "Content Security Policy" in m.text else None)
    yield made
    context.close()


def _audit(page):
    page.wait_for_load_state("load")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def _focused(page, element_id: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator(f"#{element_id}")).to_be_focused()


def test_follow_a_feed_see_it_polled_pause_it_and_stop_following_it(page, editor, newsroom):
    feed = newsroom.url("/rss.xml")
    page.goto(editor + "/editor")
    page.get_by_label("API token").fill(TOKEN)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="New narration").wait_for()
    page.get_by_role("navigation", name="Editor").get_by_role("link", name="Sources").click()
    page.get_by_role("heading", name="Sources", exact=True).wait_for()
    assert page.get_by_text("No sources yet.").count() == 1
    assert _audit(page) == []

    # A mistake: the summary takes focus, and the field says what is wrong.
    page.get_by_label("Feed, news sitemap or list URL").fill("ftp://example.org/feed.xml")
    page.get_by_role("button", name="Follow").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    _focused(page, "error-summary")
    assert page.title().startswith("Error: The URL must start with http:// or https://.")
    assert page.get_by_label("Feed, news sitemap or list URL").get_attribute("aria-invalid") == "true"
    assert _audit(page) == []

    # Follow the newsroom's feed by keyboard: type its URL and press Enter.
    field = page.get_by_label("Feed, news sitemap or list URL")
    field.fill("")
    field.focus()
    page.keyboard.type(feed)
    page.keyboard.press("Enter")
    notice = page.get_by_role("status")
    notice.filter(has_text="Following").wait_for()
    assert notice.inner_text().startswith(f"Following {feed}.")
    _focused(page, "notice")
    assert _audit(page) == []

    # The scheduler polls it at once; the page shows the poll and the episodes made.
    end = time.monotonic() + 120
    while page.get_by_role("link", name="Harbour ferry returns after winter repairs").count() < 2:
        assert time.monotonic() < end, "the source's articles were not narrated"
        page.get_by_role("link", name="Check again").click()
        page.get_by_role("heading", name="Sources", exact=True).wait_for()
    row = page.get_by_role("row", name=feed)
    assert "Not yet" not in row.inner_text() and "UTC" in row.inner_text()
    articles = page.get_by_role("region", name=f"Articles from {feed}")
    assert "Library extends opening hours for exam season" in articles.inner_text()
    assert "published" in articles.inner_text()
    assert _audit(page) == []

    # Pause it, by keyboard.
    page.get_by_role("button", name=f"Pause {feed}").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name=f"Resume {feed}").wait_for()
    assert notice.inner_text().startswith(f"Paused {feed}.")
    _focused(page, "notice")
    assert "Paused" in page.get_by_role("row", name=feed).inner_text()
    assert _audit(page) == []

    page.get_by_role("button", name=f"Stop following {feed}").click()
    page.get_by_text("No sources yet.").wait_for()
    assert notice.inner_text() == f"Stopped following {feed}. Its episodes stay."
    _focused(page, "notice")
    assert _audit(page) == []

    page.get_by_role("navigation", name="Editor").get_by_role("link", name="Episodes").click()
    assert page.get_by_role("row", name="Harbour ferry returns after winter repairs").count() == 1
    assert page.blocked == []
