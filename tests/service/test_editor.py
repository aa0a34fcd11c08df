"""The editor page in a real headless Chromium, under its real Content-Security-Policy:
sign in, preview, narrate, follow the job, publish and retract, by keyboard where an
editor would; what a screen reader hears (a live region that speaks only news, focus
moved to the result or the errors); and an axe-core audit of every page."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.browser import AXE, WCAG, need
from helpers.servers import start_uvicorn

from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "editor-token-123"
ARTICLE = """Tram line extended to the harbour
The tram line will run two stops further from May, the council said on Monday.
Works begin in the spring and last six weeks, with buses replacing trams at night.
"""
LONG = "Ferry timetable for the summer\n" + "\n".join(
    f"Paragraph {n}: the ferry to the islands will leave every hour from June, the harbour office said."
    for n in range(60)
)
#: Everything the job page's live region may say, in the order it may say it.
NEWS = ["Started.", "25% done.", "50% done.", "75% done.", "Done."]


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


def _context(browser):
    """A fresh browser profile with axe-core loaded into every page (as an init script,
    which the pages' Content-Security-Policy doesn't block, as it would a script tag)."""
    need(AXE, "axe-core")
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    return context


def _audit(page):
    page.wait_for_load_state("load")  # the style sheet is a file now: audit the page as styled
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.fixture
def page(browser):
    """A page in a fresh browser profile, closed with its profile after the test."""
    context = _context(browser)
    yield context.new_page()
    context.close()


def _sign_in(page, url: str) -> None:
    page.goto(url + "/editor")
    page.get_by_label("API token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="New narration").wait_for()


def _focused(page, element_id: str) -> None:
    """Wait (a few seconds at most) for focus to reach the element: the pages' script
    is a file of its own, which runs once it has loaded."""
    from playwright.sync_api import expect

    expect(page.locator(f"#{element_id}")).to_be_focused()


def _watch_status(page) -> None:
    """Record every change of the live region, and mark the page to see if it reloads."""
    page.evaluate("""() => {
        window.said = [];
        window.samePage = true;
        const status = document.getElementById("status");
        new MutationObserver(() => window.said.push(status.textContent.trim()))
            .observe(status, {childList: true, characterData: true, subtree: true});
    }""")


def test_edit_preview_narrate_publish_and_retract(page, editor):
    url, out = editor
    page.goto(url + "/editor")
    page.get_by_role("heading", name="Sign in").wait_for()
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
    assert page.get_by_role("status").inner_text() == "Done."
    assert page.locator("audio").count() == 1
    assert _audit(page) == []
    assert "Tram line extended to the harbour" in (out / "feed.xml").read_text()

    # Retract asks first, and changes nothing until it is confirmed.
    page.get_by_role("button", name="Retract from the feed").click()
    page.get_by_role("heading", name="Retract “Tram line extended to the harbour”?").wait_for()
    assert _audit(page) == []
    assert "Tram line extended" in (out / "feed.xml").read_text()
    page.get_by_role("button", name="Retract “Tram line extended to the harbour”").click()
    page.get_by_role("heading", name="Episodes").wait_for()
    assert "Tram line extended" not in (out / "feed.xml").read_text()
    notice = page.get_by_role("status")
    assert notice.inner_text().startswith("Retracted: Tram line extended to the harbour.")
    _focused(page, "notice")
    row = page.get_by_role("row", name="Tram line extended to the harbour")
    assert "draft" in row.inner_text()
    assert _audit(page) == []

    row.get_by_role("button").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Retract Tram line extended to the harbour").wait_for()
    assert page.get_by_role("status").inner_text().startswith("Published: Tram line extended to the harbour.")
    assert "published" in page.get_by_role("row", name="Tram line extended to the harbour").inner_text()
    assert "Tram line extended to the harbour" in (out / "feed.xml").read_text()
    meta = json.loads(next(out.glob("tram-line-*/episode.json")).read_text())
    assert meta["status"] == "published"

    # Keeping it published is one link away from the question.
    page.get_by_role("button", name="Retract Tram line extended to the harbour").click()
    page.get_by_role("link", name="Keep it published and go back to the episodes").click()
    page.get_by_role("heading", name="Episodes").wait_for()
    assert "Tram line extended to the harbour" in (out / "feed.xml").read_text()


def test_the_job_page_speaks_only_news_and_moves_focus_to_the_result(page, editor):
    url, _ = editor
    _sign_in(page, url)
    page.get_by_label("Article text or HTML").fill(LONG)
    page.get_by_role("button", name="Narrate").click()
    page.wait_for_url("**/editor/jobs/*")
    _watch_status(page)
    page.get_by_role("heading", name="Ferry timetable for the summer").wait_for(timeout=120_000)

    said = page.evaluate("window.said")
    assert said and said[-1] == "Done.", said
    assert all(text in NEWS for text in said), said
    assert [NEWS.index(text) for text in said] == sorted({NEWS.index(text) for text in said}), said  # no repeats
    # No reload: the same page, with focus on the episode that was made.
    assert page.evaluate("window.samePage") is True
    _focused(page, "result-title")
    assert page.title().startswith("Narration done")
    assert _audit(page) == []

    # The episode page's player runs under the files' Content-Security-Policy.
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.get_by_role("link", name="Episode page with transcript").click()
    page.get_by_role("slider", name="Position").wait_for()
    assert page.get_by_role("button", name="Play").count() == 1
    assert blocked == []


def test_a_failed_submit_marks_the_fields_and_puts_the_error_in_the_title(page, editor):
    url, _ = editor
    _sign_in(page, url)
    page.get_by_role("button", name="Narrate").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.title().startswith("Error: Give a URL or paste the article.")
    assert page.get_by_label("Article URL").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Article text or HTML").get_attribute("aria-invalid") == "true"
    _focused(page, "error-summary")
    assert page.get_by_role("alert").count() == 0  # a focused summary, not an alert read at load (or not)
    described = page.get_by_label("Article text or HTML").get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Error: Give a URL or paste the article."
    assert _audit(page) == []

    page.get_by_label("Article URL").fill("ftp://example.org/story")
    page.get_by_role("button", name="Preview the script").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.title().startswith("Error: The URL must start with http:// or https://.")
    assert page.get_by_label("Article URL").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Article text or HTML").get_attribute("aria-invalid") is None


def test_signed_out_pages_lead_to_the_sign_in_page_and_back(page, editor):
    url, _ = editor
    page.goto(url + "/editor/episodes")
    page.get_by_role("heading", name="Sign in").wait_for()
    assert _audit(page) == []
    page.get_by_label("API token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Episodes").wait_for()
    assert page.url.endswith("/editor/episodes")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    page.goto(url + "/editor")
    page.get_by_role("heading", name="Sign in").wait_for()


def test_the_configured_voice_is_chosen_by_default(page, editor):
    url, _ = editor
    _sign_in(page, url)
    voice = page.get_by_label("Voice")
    assert voice.input_value() == "tone"  # the setting, not the first name in the list
    assert voice.locator("option").first.inner_text() != "tone"


def test_a_wrong_token_is_refused_politely(page, editor):
    url, _ = editor
    page.goto(url + "/editor")
    page.get_by_label("API token").fill("nope")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.title().startswith("Error: That token is not valid.")
    assert page.get_by_label("API token").get_attribute("aria-invalid") == "true"
    _focused(page, "error-summary")
    assert _audit(page) == []


def test_editor_errors_are_pages_not_json(page, editor):
    url, _ = editor
    _sign_in(page, url)
    page.goto(url + "/editor/jobs/" + "f" * 32)
    page.get_by_role("heading", name="Not found").wait_for()
    assert "no such job" in page.inner_text("main")
    assert _audit(page) == []
    page.goto(url + "/editor/episodes/no-such-story/retract")
    page.get_by_role("heading", name="Not found").wait_for()


def test_no_editor_page_needs_inline_styles_or_scripts(browser, editor):
    """Every editor page runs under a policy without 'unsafe-inline', and Chromium blocks
    nothing on any of them: the sign-in page, the form with its errors and its preview,
    a job while it runs and when it is done, the episodes with a notice, the retract
    question, the sources, stats and pronunciation pages, and an error page."""
    url, _ = editor
    context = browser.new_context()
    violations: list[str] = []
    context.expose_binding("reportViolation", lambda _source, text: violations.append(text))
    context.add_init_script("""document.addEventListener("securitypolicyviolation", e =>
        window.reportViolation(location.pathname + ": " + e.violatedDirective + " " + e.blockedURI));""")
    policies: dict[str, str] = {}
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("response", lambda r: policies.update({r.url: r.headers.get("content-security-policy", "")})
            if r.request.resource_type == "document" else None)  # fmt: skip

    page.goto(url + "/editor")
    page.get_by_role("heading", name="Sign in").wait_for()
    page.get_by_label("API token").fill("nope")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    _focused(page, "error-summary")  # its script ran
    _sign_in(page, url)
    page.get_by_role("button", name="Narrate").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    _focused(page, "error-summary")
    page.get_by_label("Article text or HTML").fill(ARTICLE)
    page.get_by_role("button", name="Preview the script").click()
    page.get_by_role("heading", name="What will be read").wait_for()
    page.get_by_label("Article text or HTML").fill(LONG.replace("Ferry timetable", "Ferry fares"))
    page.get_by_role("button", name="Narrate").click()
    page.wait_for_url("**/editor/jobs/*")
    page.get_by_role("heading", name="Ferry fares for the summer").wait_for(timeout=120_000)
    _focused(page, "result-title")  # polled and swapped in, no reload
    page.get_by_role("button", name="Retract from the feed").click()
    page.get_by_role("heading", name="Retract “Ferry fares for the summer”?").wait_for()
    page.get_by_role("button", name="Retract “Ferry fares for the summer”").click()
    page.get_by_role("heading", name="Episodes").wait_for()
    _focused(page, "notice")
    for path, heading in (("/editor/sources", "Sources"), ("/editor/stats", "Stats"),
                          ("/editor/pronunciation", "Pronunciation")):  # fmt: skip
        page.goto(url + path)
        page.get_by_role("heading", name=heading, exact=True).wait_for()
    page.goto(url + "/editor/jobs/" + "f" * 32)
    page.get_by_role("heading", name="Not found").wait_for()
    # Styles apply: the sign-out button sits in the navigation bar, not on a line of its own.
    assert page.evaluate("getComputedStyle(document.querySelector('nav ul')).display") == "flex"
    context.close()

    assert violations == []
    editor_pages = {u: p for u, p in policies.items() if "/editor" in u}
    assert len(editor_pages) >= 9, editor_pages
    for page_url, policy in editor_pages.items():
        assert "unsafe-inline" not in policy and "nonce-" not in policy, (page_url, policy)
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, (page_url, policy)
