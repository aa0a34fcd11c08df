"""The pronunciation page in a real headless Chromium, by keyboard alone: an editor picks an
episode, hears a word as the voice says it, types a respelling, hears it, saves it; the
next narration synthesises only the sentence holding the word. axe-core finds nothing."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.browser import AXE, WCAG, need
from helpers.servers import start_uvicorn

from narrator import api
from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "editor-token-123"
ARTICLE = """# Harbour board meets

The harbour board met on Tuesday to agree the summer timetable.
Its chair, Ines Wrzoskiewicz, said the ferries would run later in August.
The board meets again in the autumn.
"""


@pytest.fixture
def service(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "api_tokens": TOKEN, "cache_dir": tmp_path / "c"},
                             environ={}, cwd=tmp_path)  # fmt: skip
    source = tmp_path / "harbour.md"
    source.write_text(ARTICLE)
    episode = api.narrate(source, settings)
    queue = EmbeddedQueue(settings, workers=1)
    url, stop = start_uvicorn(create_app(settings, queue))
    yield url, settings, source, episode
    stop()
    queue.close()


def _audit(page):
    page.wait_for_load_state("load")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def _tab_to(page, name: str) -> None:
    """Press Tab until the focused element's text or label is ``name``, as an editor would."""
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
            return (label || el.textContent || "").trim();
        }""")
        if focused == name:
            return
    raise AssertionError(f"{name!r} can't be reached with Tab")


def test_an_editor_fixes_a_name_by_keyboard_and_only_its_sentence_is_said_again(browser, service):
    url, settings, source, episode = service
    need(AXE, "axe-core")
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        page.goto(url + "/editor")
        page.get_by_label("API token").focus()
        page.keyboard.type(TOKEN)
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="New narration").wait_for()

        _tab_to(page, "Pronunciation")
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Pronunciation", exact=True).wait_for()
        assert _audit(page) == []

        _tab_to(page, "Episode")
        page.keyboard.press("ArrowDown")  # the first episode, after "None"
        assert page.get_by_label("Episode").input_value() == episode.record.slug
        _tab_to(page, "Find words to check")
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Wrzoskiewicz").wait_for()
        assert _audit(page) == []

        _tab_to(page, "Hear “Wrzoskiewicz” as said now")
        with page.expect_response(lambda r: "/editor/pronunciation/say?word=Wrzoskiewicz" in r.url) as heard:
            page.keyboard.press("Enter")
        assert heard.value.status == 200 and heard.value.headers["content-type"] == "audio/wav"

        _tab_to(page, "Say “Wrzoskiewicz” as")
        page.keyboard.type("VOSH-kyeh-vich")
        _tab_to(page, "Hear this spelling")
        with page.expect_response(lambda r: "spelling=VOSH-kyeh-vich" in r.url) as respelled:
            page.keyboard.press("Enter")
        assert respelled.value.status == 200

        _tab_to(page, "Save “Wrzoskiewicz”")
        page.keyboard.press("Enter")
        notice = page.locator("#notice")
        notice.filter(has_text="Saved: Wrzoskiewicz said as VOSH-kyeh-vich.").wait_for()
        from playwright.sync_api import expect

        expect(notice).to_be_focused()
        assert page.get_by_role("row", name="Wrzoskiewicz vosh-kyeh-vich editor 1").count() == 1
        assert _audit(page) == []
    finally:
        context.close()

    again = api.narrate(source, settings)
    script = api.make_script(source, settings)
    changed = [c for p in script.parts for u in p.utterances if "vosh-kyeh-vich" in u.spoken for c in u.chunks]
    assert len(changed) == 1
    assert again.record.characters_synthesised == len(changed[0])
    assert again.record.characters_from_cache == script.characters - len(changed[0])
