"""The accessible player in a real headless Chromium, served by narrator's own server on
loopback: keyboard only, Tab stops, a page that never scrolls by itself, the seek slider,
shortcuts, remembering the listener, the Media Session, a missing MP3, the accessibility
tree, no JavaScript, no third-party requests, and an axe-core audit of WCAG 2.2 A and AA.
Nothing sleeps: every wait polls the page with a deadline."""

from __future__ import annotations

import json
import re
import shutil
import threading

import pytest
from helpers.browser import AXE, WCAG, need
from helpers.paths import ROOT

from narrator.api import embed, narrate
from narrator.publish.serve import make_server
from narrator.settings import load_settings

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
LONG_TITLE = "Ferry timetables change across the northern islands"
PARAGRAPHS = 40


def _paragraph(i: int) -> str:
    return (
        f"The ferry to island number {i} will leave ten minutes earlier from March, the operator said. "
        "Passengers were asked about the change in a survey last autumn."
    )


def long_article() -> str:
    """A 40-paragraph article with two sections: about three minutes with the tone voice."""
    lines = [f"# {LONG_TITLE}", "", "By Ilse Marr", ""]
    for i in range(1, PARAGRAPHS + 1):
        if i == 15:
            lines += ["## What the operators say", ""]
        if i == 30:
            lines += ["## What happens next", ""]
        lines += [_paragraph(i), ""]
    return "\n".join(lines)


# True once the window has scrolled and then stayed put for ten frames (polled every frame).
SETTLED = """() => {
    const y = window.scrollY;
    window.__still = window.__last === y ? (window.__still || 0) + 1 : 0;
    window.__last = y;
    return y > 0 && window.__still >= 10;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """An output folder with a short and a long episode, an article page that embeds the
    long one, and a copy of the short one whose MP3 is missing; served on loopback."""
    tmp = tmp_path_factory.mktemp("player")
    out = tmp / "site"
    (tmp / "harbour.md").write_text(ARTICLE)
    (tmp / "ferries.md").write_text(long_article())
    settings = load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp)
    episode = narrate(tmp / "harbour.md", settings)
    long = narrate(tmp / "ferries.md", settings)
    missing = out / "missing-audio"
    shutil.copytree(episode.directory, missing)
    (missing / episode.audio.name).unlink()
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    snippet = embed(long.slug, settings, base_url=base)
    body = "".join(f"<p>{_paragraph(i)}</p>" for i in range(2, PARAGRAPHS + 1))
    (out / "article.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferries</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><main><article><h1>{LONG_TITLE}</h1><p>By Ilse Marr</p>{snippet}"
        f'<p>{_paragraph(1)} <a href="#timetable" id="after-player">See the new timetable</a>.</p>{body}'
        '<h2 id="timetable">Timetable</h2><p>Printed timetables are at every harbour office.</p>'
        "</article></main></body></html>"
    )
    both = "".join(embed(slug, settings, base_url=base) for slug in (long.slug, episode.slug))
    (out / "two-players.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two stories</title></head>'
        f"<body><main><h1>Two stories</h1>{both}</main></body></html>"
    )
    yield {
        "base": base,
        "two_players": f"{base}two-players.html",
        "episode": episode,
        "long": long,
        "page": f"{base}{episode.slug}/index.html",
        "long_page": f"{base}{long.slug}/index.html",
        "article": f"{base}article.html",
        "missing": f"{base}missing-audio/index.html",
        "out": out,
    }
    server.shutdown()
    server.server_close()


def _context(browser, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    return context, page


@pytest.fixture
def page(browser, site):
    context, page = _context(browser)
    yield page
    context.close()


def _audio(page, expr):
    return page.evaluate(f"document.querySelector('audio').{expr}")


def _focused(page, predicate: str) -> bool:
    return page.evaluate(f"(el => !!({predicate}))(document.activeElement)")


def _tab_to(page, predicate: str, limit: int = 80) -> int:
    """Press Tab until the focused element matches the JS predicate on `el`; returns the count."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if _focused(page, predicate):
            return count
    raise AssertionError(f"never reached: {predicate}")


def _open(page, url):
    page.goto(url)
    page.wait_for_function("document.querySelector('audio').readyState >= 1")


def _wait_near(page, seconds: float, within: float = 0.6):
    page.wait_for_function(f"Math.abs(document.querySelector('audio').currentTime - {seconds}) < {within}")


def _play_for(page, wall_seconds: float, timeout: float = 20_000):
    """Let the audio play for `wall_seconds` of real time, checking it really plays."""
    page.evaluate("window.__t0 = performance.now(); window.__a0 = document.querySelector('audio').currentTime")
    page.wait_for_function(f"performance.now() - window.__t0 >= {wall_seconds * 1000}", timeout=timeout)
    assert page.evaluate("document.querySelector('audio').currentTime - window.__a0") > wall_seconds * 0.8


def _describe_focus(page) -> str:
    """The focused element's role and name, as the accessibility tree has them."""
    return page.locator("*:focus").aria_snapshot().splitlines()[0].lstrip("- ").rstrip(":")


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


def _words(seconds: float) -> str:
    s = int(seconds)
    parts = []
    if s // 60:
        parts.append(f"{s // 60} minute" + ("s" if s // 60 != 1 else ""))
    if s % 60 or s < 60:
        parts.append(f"{s % 60} second" + ("s" if s % 60 != 1 else ""))
    return " ".join(parts)


# -- one control per job: Tab stops and the transcript ------------------------------------


def test_few_tab_stops_from_play_past_an_embedded_player(page, site):
    _open(page, site["article"])
    _tab_to(page, "el.dataset.np === 'play'")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(_describe_focus(page))
        if _focused(page, "el.id === 'after-player'"):
            break
    else:
        raise AssertionError(f"Tab never left the player: {stops}")
    assert len(stops) <= 12, stops
    (ARTIFACTS / "tab-stops.txt").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "tab-stops.txt").write_text(f"{len(stops)} Tab presses from Play:\n" + "\n".join(stops) + "\n")
    assert sum(s.startswith("option ") for s in stops) == 1, stops  # the whole transcript is one stop
    assert stops[-1] == 'link "See the new timetable"'


def test_two_embedded_players_on_one_page_each_play_their_own_episode(page, site):
    page.goto(site["two_players"])
    players = page.locator("[data-narrator-player]")
    assert players.count() == 2
    for i in range(2):  # each set up once: its own controls, one Play button, no native controls
        assert players.nth(i).get_by_role("button", name="Play").count() == 1
        assert players.nth(i).locator("audio").get_attribute("controls") is None
    players.nth(1).get_by_role("button", name="Play").click()
    page.wait_for_function("document.querySelectorAll('audio')[1].currentTime > 0.3")
    assert page.evaluate("[...document.querySelectorAll('audio')].map(a => a.paused)") == [True, False]
    assert players.nth(1).get_by_role("button", name="Pause").count() == 1
    assert players.nth(0).get_by_role("button", name="Play").count() == 1


def test_skip_link_goes_past_the_player(page, site):
    _open(page, site["article"])
    assert _tab_to(page, "el.classList.contains('np-skip')") == 1
    assert page.locator(".np-skip").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page, "el.id === 'after-player'")


def test_transcript_is_one_listbox_moved_through_with_arrow_keys(page, site):
    _open(page, site["page"])
    listbox = page.get_by_role("listbox", name="Transcript")
    options = listbox.get_by_role("option")
    assert options.count() == len(site["episode"].cues)
    assert page.locator(".np-transcript [tabindex='0']").count() == 1

    _tab_to(page, "el.getAttribute('role') === 'option'")
    assert _focused(page, "el === el.parentElement.firstElementChild")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert _focused(page, "el === el.parentElement.children[2]")
    page.keyboard.press("End")
    assert _focused(page, "el === el.parentElement.lastElementChild")
    page.keyboard.press("Home")
    target = next(i for i, c in enumerate(site["episode"].cues) if c.text.startswith("Work starts in December"))
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    assert _focused(page, "el.textContent.startsWith('Work starts in December')")
    start = float(page.evaluate("document.activeElement.dataset.start"))
    page.keyboard.press("Enter")  # plays from that sentence
    page.wait_for_function("!document.querySelector('audio').paused")
    assert -0.1 < _audio(page, "currentTime") - start < 1
    # the sentence being read is the focused one, marked current, with the highlight
    page.wait_for_function(
        "document.activeElement.getAttribute('aria-current') === 'true' && "
        "document.activeElement.classList.contains('np-current')"
    )
    assert page.locator("[aria-current]").count() == 1
    page.keyboard.press("Tab")  # one Tab leaves the transcript
    assert not _focused(page, "el.closest('.np-transcript')")


def test_clicking_a_sentence_plays_from_it(page, site):
    _open(page, site["page"])
    option = page.get_by_role("option", name=re.compile("The new lights are whiter"))
    start = float(option.get_attribute("data-start"))
    option.click()
    page.wait_for_function("!document.querySelector('audio').paused")
    assert -0.1 < _audio(page, "currentTime") - start < 1


def test_keyboard_only_play_chapter_and_speed(page, site):
    # The long episode: the short one can play to its end while the keys are pressed on a
    # busy machine, and an ended episode can't be paused.
    _open(page, site["long_page"])
    chapters = json.loads(site["long"].chapters_file.read_text())["chapters"]
    boaters = next(c for c in chapters if c["title"] == "What the operators say")

    _tab_to(page, "el.dataset.np === 'play'")
    page.keyboard.press("Enter")
    # The label follows the media events, which fire a moment after `paused` changes.
    page.wait_for_function("!document.querySelector('audio').paused")
    page.wait_for_function("""document.querySelector('[data-np="play"]').textContent.trim() === 'Pause'""")
    assert page.get_attribute('[data-np="play"]', "aria-pressed") is None

    _tab_to(page, "el.textContent === 'What the operators say'")
    page.keyboard.press("Enter")
    _wait_near(page, boaters["startTime"], 1.5)

    _tab_to(page, "el.dataset.np === 'speed'", limit=120)
    page.keyboard.press("ArrowDown")
    assert _audio(page, "playbackRate") == 1.25
    page.keyboard.press("End")
    assert _audio(page, "playbackRate") == 2
    page.keyboard.press("Home")
    assert _audio(page, "playbackRate") == 0.75

    _tab_to(page, "el.dataset.np === 'play'", limit=120)
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('audio').paused")
    page.wait_for_function("""document.querySelector('[data-np="play"]').textContent.trim() === 'Play'""")
    position = _audio(page, "currentTime")
    _tab_to(page, "el.dataset.np === 'back'")
    page.keyboard.press("Enter")
    assert abs(_audio(page, "currentTime") - max(0, position - 15)) < 0.3


# -- never move the page ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["article", "long_page"])
def test_page_never_scrolls_by_itself_while_playing(browser, site, which):
    """The reader scrolls away; five seconds of playback at 2x (a dozen sentences) later the
    window is where they left it. With Follow along on, only the transcript's box moves."""
    context, page = _context(browser, viewport={"width": 900, "height": 600})
    _open(page, site[which])
    follow = page.get_by_role("switch", name="Follow along")
    assert follow.is_checked() == (which == "long_page")  # off by default when embedded
    page.locator('[data-np="speed"]').select_option("2")
    page.click('[data-np="play"]')
    page.get_by_role("slider", name="Position").fill("60")
    page.wait_for_function("document.querySelector('audio').currentTime > 60")
    page.evaluate("document.querySelector('.np-transcript').scrollTop = 0")  # the sentence read is out of the box
    page.mouse.wheel(0, 900)  # the reader scrolls away from the player
    page.wait_for_function(SETTLED)
    page.evaluate(
        """window.__y = window.scrollY; window.__moves = 0;
           addEventListener('scroll', () => { if (window.scrollY !== window.__y) window.__moves++; });
           window.__box = document.querySelector('.np-transcript').scrollTop;
           window.__sentence = document.querySelector('.np-current');"""
    )
    _play_for(page, 5)
    assert page.evaluate("window.scrollY") == page.evaluate("window.__y")
    assert page.evaluate("window.__moves") == 0
    assert page.evaluate("document.querySelector('.np-current') !== window.__sentence")  # it kept reading
    # following brings the sentence back into the transcript's own box, and only when asked to
    assert page.evaluate("window.__box") == 0
    assert (page.evaluate("document.querySelector('.np-transcript').scrollTop") > 0) == (which == "long_page")
    context.close()


def test_pause_button_stays_on_screen_at_200_percent_zoom(browser, site):
    """A 1280x800 window at 200% zoom is 640x400 CSS pixels."""
    context, page = _context(browser, viewport={"width": 640, "height": 400}, device_scale_factor=2)
    _open(page, site["long_page"])
    page.locator('[data-np="speed"]').select_option("2")
    _tab_to(page, "el.dataset.np === 'play'", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('audio').paused")
    y = page.evaluate("window.scrollY")
    _play_for(page, 5)
    assert _focused(page, "el.dataset.np === 'play'") and page.locator('[data-np="play"]').inner_text() == "Pause"
    box = page.locator('[data-np="play"]').bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 400 and box["x"] + box["width"] <= 640
    assert page.evaluate("window.scrollY") == y
    context.close()


# -- the controls -------------------------------------------------------------------------


def test_seek_slider_speaks_its_position_and_arrow_keys_seek(page, site):
    _open(page, site["long_page"])
    total = round(json.loads(site["long"].metadata_file.read_text())["duration"])
    slider = page.get_by_role("slider", name="Position")
    assert slider.get_attribute("aria-valuetext") == f"0 seconds of {_words(total)}"
    assert page.locator('[data-np="remaining"]').inner_text() == _clock(total)

    slider.focus()
    page.keyboard.press("ArrowRight")
    _wait_near(page, 5, 0.3)
    assert slider.get_attribute("aria-valuetext") == f"5 seconds of {_words(total)}"
    page.keyboard.press("PageUp")
    _wait_near(page, 35, 0.3)
    assert slider.get_attribute("aria-valuetext") == f"35 seconds of {_words(total)}"
    page.keyboard.press("ArrowLeft")
    _wait_near(page, 30, 0.3)
    assert page.locator('[data-np="elapsed"]').inner_text() == "0:30"
    assert page.locator('[data-np="remaining"]').inner_text() == _clock(total - 30)
    page.keyboard.press("Home")
    _wait_near(page, 0, 0.3)

    # elsewhere in the player: the arrows, J and L skip; Space on a button is the button's
    page.locator('[data-np="play"]').focus()
    page.keyboard.press("ArrowRight")
    _wait_near(page, 5, 0.3)
    page.keyboard.press("l")
    _wait_near(page, 20, 0.3)
    page.keyboard.press("j")
    _wait_near(page, 5, 0.3)
    page.keyboard.press("ArrowLeft")
    _wait_near(page, 0, 0.3)
    page.keyboard.press(" ")
    page.wait_for_function("!document.querySelector('audio').paused")  # toggled once, not twice
    page.keyboard.press("k")
    page.wait_for_function("document.querySelector('audio').paused")
    page.get_by_role("slider", name="Position").focus()
    page.keyboard.press(" ")  # Space means nothing else on a slider: play
    page.wait_for_function("!document.querySelector('audio').paused")
    page.keyboard.press("End")
    page.wait_for_function("document.querySelector('audio').ended")
    page.wait_for_function("""document.querySelector('[data-np="play"]').textContent.trim() === 'Play'""")


def test_shortcuts_stay_inside_the_player(page, site):
    _open(page, site["article"])
    page.locator("#after-player").focus()
    page.keyboard.press("k")
    page.keyboard.press("l")
    assert _audio(page, "paused") and _audio(page, "currentTime") == 0


def test_time_shown_before_and_after_playing_agree(page, site):
    """The length the page says before the script runs is the one it says once the audio
    plays (it used to round one way in the page and the other way in the script)."""
    total = _clock(round(site["episode"].duration))
    html = page.request.get(site["page"]).text()
    assert re.search(r'data-np="remaining">([^<]+)<', html).group(1) == total
    _open(page, site["page"])
    remaining = page.locator('[data-np="remaining"]')
    assert remaining.inner_text() == total
    page.click('[data-np="play"]')
    page.wait_for_function("document.querySelector('audio').currentTime > 0.3")
    page.click('[data-np="play"]')
    played = int(_audio(page, "currentTime"))
    assert remaining.inner_text() == _clock(round(site["episode"].duration) - played)
    assert page.locator(".np-times").inner_text().split() == [
        "Elapsed",
        _clock(played),
        "Remaining",
        remaining.inner_text(),
    ]


def test_volume_and_mute(page, site):
    _open(page, site["page"])
    mute = page.get_by_role("button", name="Mute")
    assert mute.get_attribute("aria-pressed") == "false"
    mute.click()
    assert _audio(page, "muted") and mute.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Mute").count() == 1  # the name stays; the state changes
    page.keyboard.press("m")
    assert not _audio(page, "muted") and mute.get_attribute("aria-pressed") == "false"
    volume = page.get_by_role("slider", name="Volume")
    volume.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert abs(_audio(page, "volume") - 0.9) < 0.01
    assert volume.get_attribute("aria-valuetext") == "90%"
    assert _audio(page, "currentTime") == 0  # arrows on the volume slider don't seek


# -- remembering the listener -------------------------------------------------------------


def test_resume_where_the_listener_stopped_and_remember_the_speed(page, site):
    _open(page, site["long_page"])
    assert page.locator('[data-np="resume"]').is_hidden()
    page.locator('[data-np="speed"]').select_option("1.5")
    page.click('[data-np="play"]')
    page.get_by_role("slider", name="Position").fill("40")  # drag the slider to 0:40
    _wait_near(page, 40, 1)
    page.click('[data-np="play"]')  # pause
    page.wait_for_function("document.querySelector('audio').paused")
    stopped = _audio(page, "currentTime")

    _open(page, site["long_page"])
    offer = page.get_by_role("button", name=re.compile(r"^Resume at "))
    assert offer.is_visible()
    assert offer.inner_text() == f"Resume at {_clock(stopped)}"
    assert page.locator('[data-np="speed"]').input_value() == "1.5"
    assert _audio(page, "playbackRate") == 1.5
    offer.click()
    page.wait_for_function("!document.querySelector('audio').paused")
    assert abs(_audio(page, "currentTime") - stopped) < 1
    assert offer.is_hidden()
    assert _focused(page, "el.dataset.np === 'play'")  # focus isn't lost with the offer

    page.click('[data-np="play"]')
    _open(page, site["long_page"])
    page.get_by_role("button", name="Start from the beginning").click()
    assert _focused(page, "el.dataset.np === 'play'")
    _open(page, site["long_page"])
    assert page.locator('[data-np="resume"]').is_hidden()


def test_media_session_metadata_and_handlers(page, site):
    _open(page, site["page"])
    assert page.evaluate("navigator.mediaSession.metadata.title") == "Harbour lights switched to LED"
    assert page.evaluate("navigator.mediaSession.metadata.artist") == "Mira Solberg"
    assert page.evaluate("navigator.mediaSession.metadata.album") == "narrator"
    page.click('[data-np="play"]')
    page.wait_for_function("navigator.mediaSession.playbackState === 'playing'")


def test_missing_mp3_is_reported_in_a_live_region(page, site):
    from playwright.sync_api import expect

    page.goto(site["missing"])
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("can't be played")
    page.evaluate("document.querySelector('.np-error').textContent = ''")
    page.click('[data-np="play"]')  # Play says so again instead of doing nothing
    expect(alert).to_contain_text("can't be played")
    assert page.locator('[data-np="play"]').inner_text() == "Play"


# -- what assistive technology is told ----------------------------------------------------


def test_accessibility_tree_names_and_roles(page, site):
    _open(page, site["page"])
    player = page.locator(".narrator-player")
    from playwright.sync_api import expect

    expect(player).to_match_aria_snapshot(
        """
        - region "Listen to this article":
          - link "Skip the audio player"
          - heading "Listen to this article" [level=2]
          - note: This audio was created with AI assistance. The voice you are hearing is synthetic.
          - group "Player controls":
            - button "Play"
            - button "Back 15 seconds"
            - button "Forward 15 seconds"
            - slider "Position"
            - paragraph: /Elapsed 0:00 Remaining 0:\\d\\d/
            - button "Mute" [pressed=false]
            - slider "Volume"
            - combobox "Speed"
            - paragraph: /^Keys in the player/
          - alert
          - paragraph:
            - link /^Download the audio \\(MP3, 0:\\d\\d, [\\d.]+ MB\\)$/
          - group:
            - list:
              - listitem:
                - link "Introduction"
              - listitem:
                - link "Harbour lights switched to LED"
              - listitem:
                - link "What boaters will notice"
              - listitem:
                - link "When it happens"
              - listitem:
                - link "Closing"
          - region "Transcript":
            - heading "Transcript" [level=3]
            - switch "Follow along" [checked]
            - listbox "Transcript":
              - option "Harbour lights switched to LED."
              - option "By Mira Solberg."
        """
    )
    slider = page.get_by_role("slider", name="Position")
    assert re.fullmatch(r"0 seconds of \d+ seconds", slider.get_attribute("aria-valuetext"))
    assert page.get_by_role("button", name="Play").get_attribute("aria-pressed") is None
    assert page.get_by_role("listbox", name="Transcript").get_attribute("aria-describedby")
    # Chromium's own tree: the chapters summary is an expandable button
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    summary = next(n for n in nodes if n.get("name", {}).get("value") == "Chapters (5)")
    states = {p["name"]: p["value"].get("value") for p in summary.get("properties", [])}
    assert summary["role"]["value"] == "DisclosureTriangle" and states["expanded"] is True
    # the sentence being read is announced as current, on the element that takes focus
    page.evaluate("document.querySelector('audio').currentTime = 5")
    page.wait_for_function("document.querySelector('[aria-current]')")
    current = page.locator("[aria-current='true']")
    assert current.get_attribute("role") == "option" and current.get_attribute("tabindex") == "0"


# -- kept from before ---------------------------------------------------------------------


def test_player_says_the_audio_is_ai_generated(page, site):
    _open(page, site["page"])
    note = page.locator(".np-ai").inner_text()
    assert note == json.loads((site["episode"].metadata_file).read_text())["disclosure"]
    assert "AI assistance" in note


def test_no_third_party_requests(page, site):
    _open(page, site["article"])
    page.click('[data-np="play"]')
    page.wait_for_function("document.querySelector('audio').currentTime > 0.2")
    _open(page, site["page"])
    page.wait_for_function("!document.querySelector('.np-more').hidden")  # it fetched the site index
    assert page.requests and all(url.startswith(site["base"]) for url in page.requests)


def test_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site["page"])
    assert page.get_attribute("audio", "controls") is not None
    assert page.locator(".np-controls").is_hidden()
    assert page.locator(".np-switch").is_hidden()
    cues = site["episode"].cues
    assert page.locator(".np-transcript li").count() == len(cues)
    assert page.locator(".np-transcript [role]").count() == 0  # plain text, not a widget
    assert page.locator(".np-transcript").inner_text().count("Work starts in December") == 1
    assert page.get_by_role("link", name="Read the transcript as a web page").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["episode page", "snippet in an article"])
def test_axe_finds_no_wcag_violations(page, site, scheme, which):
    need(AXE, "axe-core")
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    _open(page, site["page"] if which == "episode page" else site["article"])
    page.evaluate("document.querySelector('audio').currentTime = 8")  # a highlighted sentence
    page.wait_for_function("document.querySelector('.np-current')")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == [], json.dumps(violations)
    assert len(result["passes"]) > 10
    if which == "episode page":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"episode-page-{scheme}.png"), full_page=True)


def test_axe_with_the_resume_offer_and_an_error_showing(page, site):
    need(AXE, "axe-core")
    _open(page, site["long_page"])
    page.get_by_role("slider", name="Position").fill("40")  # remembered once the seek is done
    page.wait_for_function("localStorage.length > 0")
    _open(page, site["long_page"])
    assert page.get_by_role("button", name=re.compile("^Resume at")).is_visible()
    for url in (site["long_page"], site["missing"]):
        if url == site["missing"]:
            page.goto(url)
            page.wait_for_function("document.querySelector('[data-np=\"error\"]').textContent.length > 0")
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
            assert [v["id"] for v in result["violations"]] == [], (url, scheme)


def _highlight_contrast(page) -> tuple[float, float]:
    """Contrast of the current sentence's highlight against the transcript's background,
    and of its text against the highlight (WCAG relative luminance)."""
    return tuple(
        page.evaluate(
            """(() => {
            const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
                v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => {
                const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const mark = getComputedStyle(document.querySelector('.np-current'));
            const box = getComputedStyle(document.querySelector('.narrator-player'));
            return [ratio(mark.backgroundColor, box.backgroundColor), ratio(mark.color, mark.backgroundColor)];
        })()"""
        )
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_current_sentence_highlight_contrast_and_second_cue(page, site, scheme):
    page.emulate_media(color_scheme=scheme)
    _open(page, site["page"])
    page.evaluate("document.querySelector('audio').currentTime = 8")
    page.wait_for_function("document.querySelector('.np-current')")
    against_page, text = _highlight_contrast(page)
    assert against_page >= 3 and text >= 4.5, (against_page, text)
    border = page.evaluate("getComputedStyle(document.querySelector('.np-current')).borderLeftWidth")
    assert float(border.rstrip("px")) >= 3  # a cue that isn't colour


# -- screenshots for people to look at ----------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["320px", "200pct"])
@pytest.mark.parametrize("which", ["episode", "article"])
def test_screenshots(browser, site, which, scheme, size):
    """The player mid-episode with the sentence being read focused, then the window with
    Play focused, at 320 CSS pixels wide and at 200% zoom (a 1280x800 window)."""
    viewport = {"width": 320, "height": 720} if size == "320px" else {"width": 640, "height": 400}
    context, page = _context(browser, viewport=viewport, device_scale_factor=2, color_scheme=scheme)
    _open(page, site["long_page" if which == "episode" else "article"])
    page.evaluate("document.querySelector('audio').currentTime = 30")
    page.wait_for_function("document.querySelector('.np-current')")
    page.locator(".np-current").focus()
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"player-{which}-{size}-{scheme}"
    page.locator(".narrator-player").screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.get_by_role("button", name="Play").focus()
    page.screenshot(path=str(ARTIFACTS / f"{name}-viewport.png"))
    # nothing sticks out sideways: no horizontal scrolling at 320 CSS pixels (WCAG 1.4.10)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()
