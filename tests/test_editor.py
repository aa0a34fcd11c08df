"""The editor page in a real headless Chromium: sign in, preview, narrate, publish and
retract, by keyboard where an editor would, and an axe-core audit of every page."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from conftest import AXE, WCAG, need, start_uvicorn

from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "editor-token-123"
ARTICLE = """Tram line extended to the harbour
The tram line will run two stops further from May, the council said on Monday.
Works begin in the spring and last six weeks, with buses replacing trams at night.
"""


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("editor")
    settings = load_settings({"out": tmp / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp / "c"},
                             environ={}, cwd=tmp)  # fmt: skip
    queue = EmbeddedQueue(settings, workers=1)
    url, stop = start_uvicorn(create_app(settings, queue))
    yield url, tmp / "out"
    stop()
    queue.close()


def _audit(page):
    need(AXE, "axe-core")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def test_edit_preview_narrate_publish_and_retract(browser, editor):
    url, out = editor
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/editor")
    assert _audit(page) == []

    # Sign in with the keyboard: focus the token field, type, press Enter.
    page.get_by_label("API token").focus()
    page.keyboard.type(TOKEN)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="New narration").wait_for()
    assert _audit(page) == []

    page.get_by_label("Article text or HTML").fill(ARTICLE)
    page.get_by_role("button", name="Preview the script").click()
    page.get_by_role("heading", name="What will be read").wait_for()
    assert "two stops further from May" in page.inner_text(".script")
    assert _audit(page) == []

    page.get_by_role("button", name="Narrate").click()
    page.wait_for_url("**/editor/jobs/*")
    page.get_by_role("button", name="Retract from the feed").wait_for(timeout=60_000)
    page.wait_for_load_state("load")
    assert page.get_by_role("status").inner_text() == "Done."
    assert page.locator("audio").count() == 1
    assert _audit(page) == []
    assert "Tram line extended to the harbour" in (out / "feed.xml").read_text()

    page.get_by_role("button", name="Retract from the feed").click()
    page.get_by_role("heading", name="Episodes").wait_for()
    assert "Tram line extended" not in (out / "feed.xml").read_text()
    row = page.get_by_role("row", name="Tram line extended to the harbour")
    assert "draft" in row.inner_text()
    assert _audit(page) == []

    row.get_by_role("button").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Retract Tram line extended to the harbour").wait_for()
    assert "published" in page.get_by_role("row", name="Tram line extended to the harbour").inner_text()
    assert "Tram line extended to the harbour" in (out / "feed.xml").read_text()
    meta = json.loads(next(out.glob("tram-line-*/episode.json")).read_text())
    assert meta["status"] == "published"
    context.close()


def test_a_wrong_token_is_refused_politely(browser, editor):
    url, _ = editor
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/editor")
    page.get_by_label("API token").fill("nope")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "That token is not valid."
    context.close()
