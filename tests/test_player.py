"""The accessible player in a real headless Chromium: keyboard only, transcript sync,
no JavaScript, no third-party requests, and an axe-core audit of WCAG 2.2 A and AA."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from conftest import AXE, WCAG, need

from narrator.api import embed, narrate
from narrator.publish.serve import make_server
from narrator.settings import load_settings

ROOT = Path(__file__).parent.parent
ARTIFACTS = ROOT / "test-artifacts"
ARTICLE = """# Harbour lights switched to LED

By Mira Solberg

The harbour's old sodium lamps will be replaced with LED lights this winter, the port said.
The change cuts the port's electricity bill by a third.

## What boaters will notice

The new lights are whiter and brighter. Pilots were consulted on their colour.

## When it happens

Work starts in December and ends before the spring regatta.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """An output folder with one episode, served over HTTP on loopback."""
    tmp = tmp_path_factory.mktemp("player")
    out = tmp / "site"
    source = tmp / "harbour.md"
    source.write_text(ARTICLE)
    settings = load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp)
    episode = narrate(source, settings)
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    snippet = embed(episode.slug, settings, base_url=base)
    (out / "article.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour lights</title></head>'
        f"<body><main><h1>Harbour lights switched to LED</h1>{snippet}<p>Article text.</p></main></body></html>"
    )
    yield {"base": base, "episode": episode, "page": f"{base}{episode.slug}/index.html", "out": out}
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    yield page
    context.close()


def _audio(page, expr):
    return page.evaluate(f"document.querySelector('audio').{expr}")


def _tab_to(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches the JS predicate on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"never reached: {predicate}")


def _open(page, url):
    page.goto(url)
    page.wait_for_function("document.querySelector('audio').readyState >= 1")


def test_keyboard_only_play_chapter_speed_and_transcript(page, site):
    _open(page, site["page"])
    chapters = json.loads(site["episode"].chapters_file.read_text())["chapters"]
    boaters = next(c for c in chapters if c["title"] == "What boaters will notice")

    _tab_to(page, "el.dataset.np === 'play'")
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('audio').paused")
    assert page.get_attribute('[data-np="play"]', "aria-pressed") == "true"

    _tab_to(page, "el.textContent === 'What boaters will notice'")
    page.keyboard.press("Enter")
    page.wait_for_function(f"Math.abs(document.querySelector('audio').currentTime - {boaters['startTime']}) < 1.5")

    _tab_to(page, "el.dataset.np === 'speed'")
    page.keyboard.press("ArrowDown")
    assert _audio(page, "playbackRate") == 1.25
    page.keyboard.press("End")
    assert _audio(page, "playbackRate") == 2
    page.keyboard.press("Home")
    assert _audio(page, "playbackRate") == 0.75

    _tab_to(page, "el.dataset.np === 'play'", limit=120)
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('audio').paused")

    _tab_to(page, "el.textContent.startsWith('Work starts in December')")
    cue = page.evaluate("parseFloat(document.activeElement.dataset.start)")
    page.keyboard.press("Enter")
    assert abs(_audio(page, "currentTime") - cue) < 0.1
    page.wait_for_function(  # the sentence is highlighted and marked as current
        "document.activeElement.parentElement.classList.contains('np-current') && "
        "document.activeElement.parentElement.getAttribute('aria-current') === 'true'"
    )

    _tab_to(page, "el.dataset.np === 'back'", limit=120)
    page.keyboard.press("Enter")
    assert abs(_audio(page, "currentTime") - max(0, cue - 15)) < 0.1


def test_clicking_a_sentence_seeks_to_it(page, site):
    _open(page, site["page"])
    item = page.locator(".np-transcript li", has_text="The new lights are whiter")
    start = float(item.get_attribute("data-start"))
    item.click()
    assert abs(_audio(page, "currentTime") - start) < 0.1


def test_player_says_the_audio_is_ai_generated(page, site):
    _open(page, site["page"])
    note = page.locator(".np-ai").inner_text()
    assert note == json.loads((site["episode"].metadata_file).read_text())["disclosure"]
    assert "AI assistance" in note


def test_no_third_party_requests(page, site):
    _open(page, site["base"] + "article.html")
    page.click('[data-np="play"]')
    page.wait_for_function("document.querySelector('audio').currentTime > 0.2")
    assert page.requests and all(url.startswith(site["base"]) for url in page.requests)


def test_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["page"])
    assert page.get_attribute("audio", "controls") is not None
    assert page.locator(".np-controls").is_hidden()
    cues = site["episode"].cues
    assert page.locator(".np-transcript li").count() == len(cues)
    assert page.locator(".np-transcript").inner_text().count("Work starts in December") == 1
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["episode page", "snippet in an article"])
def test_axe_finds_no_wcag_violations(page, site, scheme, which):
    need(AXE, "axe-core")
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    _open(page, site["page"] if which == "episode page" else site["base"] + "article.html")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == [], json.dumps(violations)
    assert len(result["passes"]) > 10
    if which == "episode page":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"episode-page-{scheme}.png"), full_page=True)
