"""Following a newsroom on loopback from poll to poll: new articles become episodes, an
edited one is narrated again into its episode (only what changed is synthesised), a
corrected title keeps its episode and guid, a removed article is reported, and a source
that fails, stalls or is malformed is one error while the others go on. The site counts
every request it is sent: an unchanged source costs one 304, robots.txt is obeyed, and a
host that asks for a pause is left alone."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import pytest
from helpers.newsroom import Answer
from lxml import etree

from narrator import api
from narrator.episodes.guids import EPISODE_NAMESPACE
from narrator.settings import with_overrides


def poll(sources, settings, **options):
    (result,) = list(api.follow(sources, settings, **options))
    return result


def actions(result) -> dict[str, str]:
    """Each article's URL and what the poll did with it."""
    return {a.url: a.action for s in result.sources for a in s.articles}


def episodes(settings) -> dict[str, object]:
    """The output folder's episodes by their article's URL."""
    return {record.url: record for record in api.list_episodes(settings)}


def feed_items(settings) -> dict[str, tuple[str, str]]:
    """The folder's feed: each item's guid, with its title and enclosure URL."""
    tree = etree.parse(str(settings.out / "feed.xml"))
    return {item.findtext("guid"): (item.findtext("title"), item.find("enclosure").get("url"))
            for item in tree.iter("item")}  # fmt: skip


def guid(url: str) -> str:
    return str(uuid.uuid5(EPISODE_NAMESPACE, url))


def assert_feed_matches(settings, expected_titles: dict[str, str]) -> None:
    """The feed lists exactly the published episodes of these URLs, with these titles,
    their guids and their current audio."""
    records = episodes(settings)
    items = feed_items(settings)
    assert set(items) == {guid(url) for url in expected_titles}
    for url, title in expected_titles.items():
        record = records[url]
        assert record.guid == guid(url)
        assert record.title == title
        assert items[record.guid][0] == title
        assert items[record.guid][1].endswith(f"/{record.slug}/{record.files.audio}")


def spoken_characters(paragraph: str, url: str, page: bytes, settings) -> int:
    """What the voice says for ``paragraph`` of a page: the characters synthesised when
    only it changed."""
    script = api.make_script(url, settings, data=page, fmt="html")
    return sum(len(chunk) for part in script.sections for u in part.utterances if u.written in paragraph
               for chunk in u.chunks)  # fmt: skip


@pytest.mark.network
def test_a_feed_is_followed_through_new_edited_corrected_and_removed_articles(site, follow_settings):
    settings = follow_settings
    feed = site.url("/rss.xml")
    first = poll([feed], settings)
    harbour, library, council = site.stories
    assert actions(first) == {site.url(s): "narrated" for s in site.stories}
    assert first.sources[0].kind == "rss" and first.sources[0].listed == 3
    assert_feed_matches(settings, {site.url(s): s.title for s in site.stories})
    before = episodes(settings)

    # Nothing changed: one request, answered 304, and no article is downloaded.
    site.forget_requests()
    second = poll([feed], settings)
    assert second.sources[0].status == "unchanged"
    assert site.asked() == ["/rss.xml"]
    assert episodes(settings) == before

    # A new article, a paragraph edited, a title corrected, an article taken down.
    edited = "The operator said the timetable would change in the spring, with three extra evening runs."
    harbour = site.edit(harbour, paragraphs=[*harbour.paragraphs[:2], edited])
    library = site.edit(library, title="Library extends its opening hours for the exam season")
    site.stories.remove(council)
    site.answers[council.path] = Answer(410)
    market = site.add("Fish market moves to the north pier", [
        "The fish market will move to the north pier next month to make room for the new ferry terminal.",
        "Traders said the new hall was brighter and closer to the boats, though parking would be harder.",
    ])  # fmt: skip
    site.forget_requests()
    third = poll([feed], settings)
    assert actions(third) == {site.url(harbour): "updated", site.url(library): "updated",
                              site.url(council): "gone", site.url(market): "narrated"}  # fmt: skip
    after = episodes(settings)
    # The edited article keeps its episode and guid, gets new audio, and only the edited
    # paragraph was synthesised: the rest came from the clip cache.
    record = after[site.url(harbour)]
    assert (record.slug, record.guid) == (before[site.url(harbour)].slug, before[site.url(harbour)].guid)
    assert record.version != before[site.url(harbour)].version
    page = harbour.page(site.url(harbour))
    assert record.characters_synthesised == spoken_characters(edited, site.url(harbour), page, settings) > 0
    assert record.characters_from_cache > record.characters_synthesised
    # The corrected title: the same episode, under its new title.
    assert after[site.url(library)].slug == before[site.url(library)].slug
    assert after[site.url(library)].title == library.title
    # The removed article is reported and its episode stays published (no retract asked).
    assert after[site.url(council)] == before[site.url(council)]
    assert site.asked("/news/").count(council.path) == 1
    assert_feed_matches(settings, {site.url(harbour): harbour.title, site.url(library): library.title,
                                   site.url(council): council.title, site.url(market): market.title})  # fmt: skip


@pytest.mark.network
def test_an_article_taken_down_is_retracted_when_the_source_says_so(site, follow_settings):
    site.stories = site.stories[:2]
    source = {"url": site.url("/urls.txt"), "retract_gone": True}
    assert set(actions(poll([source], follow_settings)).values()) == {"narrated"}
    gone, kept = site.stories
    site.stories.remove(gone)
    site.answers[gone.path] = Answer(404)
    result = poll([source], follow_settings)
    assert actions(result) == {site.url(gone): "retracted"}
    assert set(episodes(follow_settings)) == {site.url(kept)}
    assert_feed_matches(follow_settings, {site.url(kept): kept.title})


@pytest.mark.network
def test_a_failing_source_is_one_error_and_the_others_go_on(site, other_site, follow_settings):
    site.stories = site.stories[:1]
    site.documents["/broken.xml"] = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Half'
    story = other_site.add("Bakery wins the regional bread prize", [
        "A family bakery on Mill Street won the regional bread prize for its rye loaf on Saturday.",
        "The judges tasted more than two hundred loaves from forty bakeries across the valley.",
    ])  # fmt: skip
    other_site.answers["/atom.xml"] = Answer(500, body=b"database unavailable")
    sources = [site.url("/broken.xml"), other_site.url("/atom.xml"), site.url("/feed.json")]
    result = poll(sources, follow_settings)
    by_source = {s.source: s for s in result.sources}
    assert by_source[site.url("/broken.xml")].status == "failed"
    assert by_source[site.url("/broken.xml")].error.startswith(f"{site.url('/broken.xml')}: malformed XML: ")
    failing = other_site.url("/atom.xml")
    assert by_source[failing].error == f"{failing}: HTTP 500 Internal Server Error"
    assert actions(result) == {site.url(site.stories[0]): "narrated"}
    assert len(result.errors) == 2 and all("\n" not in e for e in result.errors)

    # The server recovers: the next poll narrates what it lists.
    del other_site.answers["/atom.xml"]
    result = poll(sources, follow_settings)
    assert actions(result) == {other_site.url(story): "narrated"}
    assert [s.status for s in result.sources] == ["failed", "read", "unchanged"]


@pytest.mark.network
def test_a_host_that_answers_too_slowly_is_given_up_at_the_deadline(site, other_site, follow_settings):
    settings = with_overrides(follow_settings, fetch_timeout=1)
    site.holds["/rss.xml"] = threading.Event()  # answers only once the test is over
    story = other_site.add("Bakery wins the regional bread prize", [
        "A family bakery on Mill Street won the regional bread prize for its rye loaf on Saturday.",
    ])  # fmt: skip
    result = poll([site.url("/rss.xml"), other_site.url("/news-sitemap.xml")], settings)
    slow = result.sources[0]
    assert (slow.status, slow.error) == ("failed", f"{site.url('/rss.xml')}: no complete answer within 1 seconds")
    assert actions(result) == {other_site.url(story): "narrated"}


@pytest.mark.network
def test_robots_txt_is_obeyed(site, follow_settings):
    site.stories = site.stories[:1]
    site.robots = "User-agent: *\nDisallow: /private/\n\nUser-agent: narrator\nDisallow: /private/\nDisallow: /drafts/"
    hidden = site.add("Draft budget figures leak early", ["The draft budget figures were not meant to be public."],
                      private=True)  # fmt: skip
    site.documents["/drafts/feed.xml"] = site.rss().encode()
    result = poll([site.url("/atom.xml"), site.url("/drafts/feed.xml")], follow_settings)
    assert actions(result) == {site.url(site.stories[0]): "narrated", site.url(hidden): "skipped"}
    assert result.sources[1].error == f"{site.url('/drafts/feed.xml')}: robots.txt does not allow narrator to fetch it"
    assert not site.asked("/private/") and not site.asked("/drafts/")
    assert site.asked("/robots.txt") == ["/robots.txt"]  # once for the host, kept for the next polls


@pytest.mark.network
def test_a_host_that_asks_for_a_pause_is_left_alone_and_nothing_is_lost(site, follow_settings):
    site.stories = site.stories[:2]
    first, second = site.stories
    site.answers[second.path] = Answer(429, {"Retry-After": "3600"})
    result = poll([site.url("/rss.xml")], follow_settings)
    assert actions(result) == {site.url(first): "narrated", site.url(second): "deferred"}
    site.forget_requests()
    result = poll([site.url("/rss.xml")], follow_settings)
    assert result.sources[0].status == "paused"
    assert actions(result) == {site.url(second): "deferred"}
    assert site.asked() == []
    assert set(episodes(follow_settings)) == {site.url(first)}


@pytest.mark.network
def test_the_first_poll_narrates_only_the_backfill_and_later_polls_every_new_article(site, follow_settings):
    settings = with_overrides(follow_settings, follow_backfill=2)
    site.stories = site.stories[:1]
    for title, *_ in [("Ten", 0), ("Eleven", 0), ("Twelve", 0)]:
        site.add(f"Story number {title} of the week", [f"This is story number {title.lower()} of the week."])
    result = poll([site.url("/feed.json")], settings)
    newest = site.newest_first()
    assert actions(result) == {site.url(s): "narrated" for s in newest[:2]}
    assert result.sources[0].new == 2 and result.sources[0].listed == 4
    latest = site.add("Story number Thirteen of the week", ["This is story number thirteen of the week."])
    result = poll([site.url("/feed.json")], settings)
    assert actions(result) == {site.url(latest): "narrated"}


@pytest.mark.network
def test_each_source_has_its_own_filters_voice_folder_and_drafts(site, follow_settings, tmp_path):
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "beep.toml").write_text('name = "beep"\nengine = "tone"\nvoice = "sine"\nlanguage = "any"\n')
    settings = with_overrides(follow_settings, voices_dir=str(voices))
    transport = {"url": site.url("/atom.xml"), "categories": ["transport"], "draft": True, "voice": "beep",
                 "out": str(tmp_path / "transport")}  # fmt: skip
    not_library = {"url": site.url("/urls.txt"), "exclude_urls": ["*/library-*"]}
    poll([transport, not_library], settings)
    harbour, library, council = site.stories
    drafts = with_overrides(settings, out=tmp_path / "transport")
    assert {r.url: (r.status, r.voice) for r in api.list_episodes(drafts)} == {
        site.url(harbour): ("draft", "beep"), site.url(council): ("draft", "beep")}  # fmt: skip
    assert {r.url: (r.status, r.voice) for r in api.list_episodes(settings)} == {
        site.url(harbour): ("published", "tone"), site.url(council): ("published", "tone")}  # fmt: skip
    assert not (tmp_path / "transport" / "feed.xml").exists() or not feed_items(drafts)
    assert site.asked(library.path) == []


@pytest.mark.network
def test_an_error_that_is_not_the_articles_stops_the_source_and_loses_nothing(site, follow_settings):
    site.stories = site.stories[:2]
    # A public podcast without an owner: every published narration would be refused alike.
    settings = with_overrides(follow_settings, public_base_url="https://audio.example.org/podcast/")
    result = poll([site.url("/rss.xml")], settings)
    (source,) = result.sources
    assert source.status == "failed" and "Apple Podcasts would refuse" in source.error
    assert source.articles == [] and len(result.errors) == 1
    assert api.list_episodes(settings) == []
    # Nothing was given up on: as drafts (never published), both are narrated.
    result = poll([{"url": site.url("/rss.xml"), "draft": True}], settings)
    assert actions(result) == {site.url(s): "narrated" for s in site.stories}


@pytest.mark.network
def test_an_article_that_leaves_the_source_stays_unless_the_source_retracts_it(site, follow_settings):
    site.stories = site.stories[:2]
    leaving, staying = site.stories
    keep = {"url": site.url("/urls.txt")}
    retract = {"url": site.url("/feed.json"), "retract_removed": True, "out": str(follow_settings.out) + "-retract"}
    poll([keep, retract], follow_settings)
    leaving.listed = False  # off the lists, though its page is still there
    result = poll([keep, retract], follow_settings)
    assert [(a.url, a.action) for s in result.sources for a in s.articles] == [(site.url(leaving), "retracted")]
    assert set(episodes(follow_settings)) == {site.url(leaving), site.url(staying)}
    retracting = with_overrides(follow_settings, out=retract["out"])
    assert set(episodes(retracting)) == {site.url(staying)}


@pytest.mark.network
def test_a_sitemap_index_is_followed_through_its_sitemaps(site, follow_settings):
    site.stories = site.stories[:1]
    site.documents["/sitemap.xml"] = (
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/news-sitemap.xml</loc></sitemap><sitemap><loc>/missing-sitemap.xml</loc></sitemap>"
        b"</sitemapindex>"
    )
    result = poll([site.url("/sitemap.xml")], follow_settings)
    (source,) = result.sources
    assert (source.kind, source.listed) == ("sitemap-index", 1)
    assert source.warnings == [f"{site.url('/missing-sitemap.xml')}: HTTP 404 Not Found"]
    assert actions(result) == {site.url(site.stories[0]): "narrated"}
    # The index is unchanged, its sitemap is not: asked again, each with its validators.
    story = site.add("Ferry fares held for another year", ["The ferry company will keep its fares for another year."])
    site.forget_requests()
    result = poll([site.url("/sitemap.xml")], follow_settings)
    assert actions(result) == {site.url(story): "narrated"}
    asked = site.asked()
    assert (asked[0], sorted(asked[1:3]), asked[3:]) == (
        "/sitemap.xml", ["/missing-sitemap.xml", "/news-sitemap.xml"], [story.path])  # fmt: skip


@pytest.mark.network
def test_articles_older_than_the_age_limit_are_left(site, follow_settings):
    recent = site.add("Ferry fares held for another year", ["The ferry company will keep its fares for another year."])
    recent.published = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    result = poll([{"url": site.url("/atom.xml"), "max_age_days": 7}], follow_settings)
    assert actions(result) == {site.url(recent): "narrated"}
    assert result.sources[0].new == 1 and result.sources[0].listed == 4


@pytest.mark.network
def test_requests_to_a_host_are_paced_and_a_stop_ends_the_wait(site, follow_settings):
    settings = with_overrides(follow_settings, follow_requests_per_minute=2)  # one every 30 seconds
    stop = threading.Event()
    results = []
    polling = threading.Thread(target=lambda: results.extend(api.follow([site.url("/rss.xml")], settings, stop=stop)))
    polling.start()
    deadline = time.monotonic() + 30
    while not site.asked() and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()  # while the poll waits its turn for the host's second request
    polling.join(30)
    assert site.asked() == ["/robots.txt"]
    assert [r.stopped for r in results] == [True]
