"""The output folder's index page and the readable transcript pages, in a real Chromium
served by narrator's own server on loopback: every item leads to its episode page, link
names tell the episodes apart, "Transcript" is a page to read (not the caption file), and
an episode page offers the newer and older episodes."""

from __future__ import annotations

import json
import re
import threading
from collections import Counter

import pytest
from helpers.browser import AXE, WCAG, need
from helpers.paths import EXAMPLES

from narrator.api import narrate
from narrator.episodes.store import EpisodeStore
from narrator.episodes.transcript import parse_vtt
from narrator.publish.serve import make_server
from narrator.publish.site import render_site
from narrator.settings import load_settings


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Three episodes; newest first: night buses, harbour strike, library hours."""
    tmp = tmp_path_factory.mktemp("index")
    out = tmp / "site"
    settings = load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp)
    episodes = [narrate(EXAMPLES / name, settings) for name in ("night-buses.md", "harbour-strike.txt")]
    library = tmp / "library.md"
    library.write_text(
        "---\ntitle: Library keeps late hours\nauthor: Rui Okafor\ndate: 2024-01-09\n---\n\n"
        "The central library stays open until ten on weekdays.\n\n## Why\n\nStudents asked for it.\n"
    )
    episodes.append(narrate(library, settings))
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    yield {"base": base, "out": out, "settings": settings, "episodes": {e.slug: e for e in episodes}}
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


def _links(page) -> list[str]:
    """The accessible names of every link on the page, from Chromium's own tree."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    return [n["name"]["value"] for n in nodes if n.get("role", {}).get("value") == "link" and not n.get("ignored")]


def _order(site) -> list[str]:
    meta = [json.loads(e.metadata_file.read_text()) for e in site["episodes"].values()]
    return [m["title"] for m in sorted(meta, key=lambda m: m.get("published") or "", reverse=True)]


def test_each_item_links_to_its_episode_page(page, site):
    page.goto(site["base"] + "index.html")
    titles = _order(site)
    assert page.locator("main h3").all_inner_texts() == titles  # newest first
    for title in titles:
        page.goto(site["base"] + "index.html")
        page.get_by_role("link", name=title, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == title
        assert page.get_by_role("button", name="Play").is_visible()


def test_link_names_are_unique_and_name_their_episode(page, site):
    page.goto(site["base"] + "index.html")
    names = _links(page)
    assert [n for n, count in Counter(names).items() if count > 1] == []
    for title in _order(site):
        assert {title, f"Download MP3: {title}", f"Transcript: {title}"} <= set(names)
    # the visible words start each name, so "click Download MP3" works with speech control
    assert set(page.locator(".links a").all_inner_texts()) == {"Download MP3", "Transcript"}


def test_download_link_is_the_mp3(page, site):
    page.goto(site["base"] + "index.html")
    episode = site["episodes"]["night-buses-return-to-the-river-towns"]
    link = page.get_by_role("link", name=f"Download MP3: {episode.title}")
    assert link.get_attribute("download") is not None
    response = page.request.get(site["base"] + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "audio/mpeg"
    assert response.body() == episode.audio.read_bytes()


def test_transcript_link_opens_a_page_to_read(page, site):
    episode = site["episodes"]["night-buses-return-to-the-river-towns"]
    page.goto(site["base"] + "index.html")
    with page.expect_response(re.compile(r"transcript\.html$")) as response:
        page.get_by_role("link", name=f"Transcript: {episode.title}").click()
    assert response.value.headers["content-type"].startswith("text/html")
    page.wait_for_load_state()
    assert page.title() == f"Transcript: {episode.title}"
    assert page.locator("h1").inner_text() == episode.title
    text = page.locator("main").inner_text()
    assert "-->" not in text and "WEBVTT" not in text and not re.search(r"\d\d:\d\d\.\d\d\d", text)
    for cue in parse_vtt(episode.transcript.read_text()):  # every sentence, in order
        if cue.text not in ("What changes.", "What riders say."):  # section titles are headings
            assert cue.text in text
    assert page.locator("h2").all_inner_texts() == [
        "Introduction",
        "Night buses return to the river towns",
        "What changes",
        "What riders say",
        "Closing",
    ]
    # paragraphs as the article has them, not one line per sentence
    quote = page.locator("p", has_text="I was walking an hour home")
    assert "This gives me my evenings back." in quote.inner_text()
    assert "AI assistance" in page.get_by_role("note").inner_text()
    page.get_by_role("link", name="Listen to this episode").click()
    page.wait_for_load_state()
    assert page.get_by_role("region", name="Listen to this article").is_visible()


def test_episode_page_offers_newer_and_older_episodes(page, site):
    titles = _order(site)
    middle = next(e for e in site["episodes"].values() if e.title == titles[1])
    page.goto(f"{site['base']}{middle.slug}/index.html")
    more = page.get_by_role("navigation", name="More episodes")
    more.wait_for()
    assert more.get_by_role("link").all_inner_texts() == [
        f"Older episode: {titles[2]}",
        f"Newer episode: {titles[0]}",
        "All episodes",
    ]
    more.get_by_role("link", name=f"Older episode: {titles[2]}").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == titles[2]
    more = page.get_by_role("navigation", name="More episodes")
    more.wait_for()
    assert more.get_by_role("link").all_inner_texts() == [f"Newer episode: {titles[1]}", "All episodes"]
    assert all(url.startswith(site["base"]) for url in page.requests)


def test_an_older_episode_without_a_transcript_page_links_to_its_episode_page(site, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(site["out"], out)
    meta_path = out / "night-buses-return-to-the-river-towns" / "episode.json"
    meta = json.loads(meta_path.read_text())
    del meta["files"]["transcript_page"]
    meta_path.write_text(json.dumps(meta))
    _, index, _ = render_site(EpisodeStore(out), site["settings"])
    assert 'href="night-buses-return-to-the-river-towns/index.html" aria-label="Transcript: ' in index
    assert ".vtt" not in index


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations_in_index_and_transcript(page, site, scheme):
    need(AXE, "axe-core")
    page.emulate_media(color_scheme=scheme)
    for url in ("index.html", "harbour-workers-in-valtera-strike-over-automation-plans/transcript.html"):
        page.goto(site["base"] + url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        assert violations == [], (url, json.dumps(violations))
