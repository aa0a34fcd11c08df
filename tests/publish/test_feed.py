"""The feed as podcast directories and apps judge it: the Podcast Index's own parser
(podcast-partytime, run with node), Apple's rules before a public publish, generated
cover art within Apple's limits, drafts kept out of every target's feed, and text that
the W3C Feed Validator and every parser read as it was written."""

from __future__ import annotations

import html
import io
import json
import shutil
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner
from helpers.browser import need
from helpers.paths import TESTS

from narrator import api
from narrator.cli import cli
from narrator.errors import PublishError
from narrator.publish.cover import render_cover
from narrator.settings import load_settings

BROWSER = TESTS / "browser"
PARTYTIME = BROWSER / "node_modules" / "podcast-partytime"
STORY = "---\ntitle: Night ferry returns\nauthor: Ana Reyes\ndate: 2025-03-01\n---\n\n" \
        "The night ferry returns in May.\n\n## Timetable\n\nIt leaves at ten.\n"  # fmt: skip
PODCAST = {
    "public_base_url": "https://audio.example.org/podcast/",
    "podcast_title": "The Daily Example, read aloud",
    "podcast_description": "Every story from the Daily Example, narrated.",
    "podcast_link": "https://example.org/",
    "podcast_author": "The Daily Example",
    "podcast_owner_name": "Audio desk",
    "podcast_owner_email": "audio@example.org",
}


def _story(folder: Path, title: str = "Night ferry returns") -> Path:
    path = folder / f"{title.lower().replace(' ', '-')}.md"
    path.write_text(STORY.replace("Night ferry returns", title))
    return path


def partytime(feed: Path) -> dict:
    """What the Podcast Index's parser makes of a feed."""
    need(PARTYTIME, "podcast-partytime")
    node = shutil.which("node")
    if node is None:
        need("/usr/bin/node", "node")
    result = subprocess.run([node or "node", str(BROWSER / "partytime.js"), str(feed)], capture_output=True,
                            text=True, timeout=60, check=True)  # fmt: skip
    return json.loads(result.stdout)


def test_the_podcast_index_parser_finds_transcripts_and_chapters(tmp_path):
    out = tmp_path / "site"
    settings = load_settings({"out": out, "voice": "tone", **PODCAST}, environ={}, cwd=tmp_path)
    episode = api.narrate(_story(tmp_path), settings)
    found = partytime(out / "feed.xml")
    assert found["parsed"] and found["title"] == "The Daily Example, read aloud"
    assert found["owner"] == {"name": "Audio desk", "email": "audio@example.org"}
    assert found["image"] == "https://audio.example.org/podcast/cover.jpg"
    assert found["guid"] and set(found["pc20support"]["1"]) == {"transcript", "chapters", "locked"}
    [item] = found["items"]
    base = f"https://audio.example.org/podcast/{episode.slug}/"
    assert item["enclosure"]["url"] == base + episode.audio.name and item["enclosure"]["type"] == "audio/mpeg"
    assert {t["type"] for t in item["transcripts"]} == {"text/vtt", "application/srt", "application/json"}
    assert all(t["url"].startswith(base) for t in item["transcripts"])
    assert item["chapters"] == {"url": base + episode.chapters_file.name, "type": "application/json+chapters"}


def test_a_public_feed_without_owner_e_mail_or_public_urls_is_refused_before_any_work(tmp_path, bucket, moto_endpoint):
    out = tmp_path / "site"
    settings = load_settings({"out": out, "voice": "tone", "publish_to": f"s3://{bucket}/p",
                              "s3_endpoint_url": moto_endpoint}, environ={}, cwd=tmp_path)  # fmt: skip
    with pytest.raises(PublishError) as refused:
        api.narrate(_story(tmp_path), settings)
    message = str(refused.value)
    assert message.startswith(f"s3://{bucket}/p: ") and "\n" not in message
    assert "public_base_url is not set" in message and "podcast_owner_email is not set" in message
    assert not any(out.glob("*/episode.json"))  # nothing was narrated


def test_publishing_the_default_configuration_to_s3_stops_then_succeeds(tmp_path, bucket, moto_endpoint):
    from PIL import Image

    out = tmp_path / "site"
    api.narrate(_story(tmp_path), load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp_path))
    target = f"s3://{bucket}/news"
    args = ["publish", str(out), "--to", target, "--endpoint-url", moto_endpoint, "--acl", "public-read", "--json"]
    runner = CliRunner()
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 1 and refused.output.count("\n") == 1
    assert refused.output.startswith(f"error: {target}: not publishing a feed Apple Podcasts would refuse")
    for setting in ("public_base_url", "podcast_owner_email"):
        assert f"{setting} is not set" in refused.output
    assert "--force" in refused.output

    forced = runner.invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.output)["episodes"] == 1

    # With the settings given (the store's own URL stands in for a CDN in front of it).
    public = f"http://{bucket}.s3.example.org/news/"
    given = runner.invoke(cli, [*args, "--public-base-url", public], env={"NARRATOR_PODCAST_OWNER_EMAIL": "a@b.org"})
    assert given.exit_code == 0, given.output
    feed = urllib.request.urlopen(f"{moto_endpoint}/{bucket}/news/feed.xml").read()
    image = feedparser.parse(feed).feed.image.href
    assert image.startswith(public + "cover-") and image.endswith(".jpg")
    key = image[len(public) - len("news/") :]
    with urllib.request.urlopen(f"{moto_endpoint}/{bucket}/{key}") as response:
        assert response.headers["Content-Type"] == "image/jpeg"
        assert "immutable" in response.headers["Cache-Control"]
        art = response.read()
    _meets_apples_artwork_rules(art)
    assert Image.open(io.BytesIO(art)).info["comment"] == b"narrator"


def _meets_apples_artwork_rules(data: bytes) -> None:
    """1400 to 3000 px square, 72 dpi, JPEG or PNG, RGB (Apple Podcasts' artwork rules)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        assert image.format in ("JPEG", "PNG") and image.mode == "RGB"
        assert image.width == image.height and 1400 <= image.width <= 3000
        assert tuple(round(x) for x in image.info.get("dpi", (72, 72))) == (72, 72)


@pytest.mark.parametrize("title", ["narrator", "The Daily Example, read aloud", "A " + "very long title " * 12])
def test_generated_cover_art_meets_apples_rules_and_reads_at_thumbnail_size(title):
    from PIL import Image

    data = render_cover(title)
    _meets_apples_artwork_rules(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (3000, 3000)
        # At 55 px the title is still there: white text on a dark ground, not a blur.
        thumb = image.convert("L").resize((55, 55), Image.Resampling.LANCZOS)
        lows, highs = thumb.getextrema()
        assert highs - lows > 150
        bottom = thumb.crop((4, 30, 51, 51))
        bright = sum(bottom.histogram()[161:])
        assert 20 < bright < 0.7 * 47 * 21


def test_a_draft_leaves_the_s3_feed_and_comes_back_when_published(tmp_path, bucket, moto_endpoint):
    import boto3

    out = tmp_path / "site"
    settings = load_settings({"out": out, "voice": "tone", "publish_to": f"s3://{bucket}/d",
                              "s3_endpoint_url": moto_endpoint, **PODCAST}, environ={}, cwd=tmp_path)  # fmt: skip
    kept = api.narrate(_story(tmp_path, "Bridge reopens"), settings)
    episode = api.narrate(_story(tmp_path), settings)
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)

    def titles() -> list[str]:
        body = s3.get_object(Bucket=bucket, Key="d/feed.xml")["Body"].read()
        return sorted(e.title for e in feedparser.parse(body).entries)

    def keys(slug: str) -> list[str]:
        listing = s3.list_objects_v2(Bucket=bucket, Prefix=f"d/episodes/{slug}/")
        return [o["Key"] for o in listing.get("Contents", [])]

    assert titles() == ["Bridge reopens", "Night ferry returns"]
    api.set_status(episode.slug, "draft", settings)  # what the editor's Retract does
    assert titles() == ["Bridge reopens"]
    assert keys(episode.slug) == [] and keys(kept.slug)  # the draft's audio is gone from the store too
    assert "Night ferry returns" not in (out / "feed.xml").read_text()
    api.set_status(episode.slug, "published", settings)
    assert titles() == ["Bridge reopens", "Night ferry returns"] and keys(episode.slug)
    api.retract(episode.slug, settings)
    assert titles() == ["Bridge reopens"] and keys(episode.slug) == []


TRICKY_TITLE = "Café owners & “night-shift” workers say ‘Ça suffit’ to Zürich's <late> rules"
TRICKY_AUTHOR = "Zoë Ångström & Łukasz O'Brien"
TRICKY = (f"---\ntitle: \"{TRICKY_TITLE}\"\nauthor: {TRICKY_AUTHOR}\ndate: 2025-11-03 18:05 +0530\n---\n\n"
          "Spending on roads stays under 5%, or <5% as the report put it, while R&D costs rose, "
          "the council of Zürich said.\n\nIt will review the rules in spring.\n")  # fmt: skip
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def test_titles_and_authors_read_as_written_and_the_description_is_html_of_the_text(tmp_path):
    out = tmp_path / "site"
    settings = load_settings({"out": out, "voice": "tone", **PODCAST}, environ={}, cwd=tmp_path)
    (tmp_path / "cafes.md").write_text(TRICKY)
    api.narrate(tmp_path / "cafes.md", settings)
    raw = (out / "feed.xml").read_text()
    [item] = ET.fromstring(raw).iter("item")
    assert item.findtext("title") == TRICKY_TITLE
    assert item.findtext(f"{ITUNES}author") == TRICKY_AUTHOR
    assert item.findtext("pubDate") == "Mon, 03 Nov 2025 18:05:00 +0530"  # the page's own offset
    # Plain text: "&" and "<" as hexadecimal references (the RSS Profile's way of saying
    # "not HTML", which the W3C Feed Validator checks); quotes and non-ASCII as they are.
    written = "Café owners &#x26; “night-shift” workers say ‘Ça suffit’ to Zürich's &#x3C;late&#x3E; rules"
    assert f"<title>{written}</title>" in raw
    assert "<itunes:author>Zoë Ångström &#x26; Łukasz O'Brien</itunes:author>" in raw
    # The description is HTML (readers render it): the article's text escaped as HTML,
    # so "<5%" is not broken markup and "R&D" is not an entity.
    description = item.findtext("description")
    assert "or &lt;5% as the report put it, while R&amp;D costs rose" in description
    assert "or <5% as the report put it, while R&D costs rose" in html.unescape(description)
    # What apps read: feedparser, gPodder's podcastparser and the Podcast Index's parser.
    [entry] = feedparser.parse(raw.encode()).entries
    assert (entry.title, entry.author) == (TRICKY_TITLE, TRICKY_AUTHOR)
    [episode] = podcastparser.parse("https://audio.example.org/podcast/feed.xml", io.BytesIO(raw.encode()))["episodes"]
    assert episode["title"] == TRICKY_TITLE and "<5%" in html.unescape(episode["description"])
    if (PARTYTIME / "package.json").exists() and shutil.which("node"):
        assert partytime(out / "feed.xml")["items"][0]["title"] == TRICKY_TITLE


def test_channel_text_is_plain_and_an_owner_without_e_mail_is_left_out(tmp_path):
    podcast = {**PODCAST, "podcast_title": "News & <Views> from Zürich", "podcast_author": "Desk & Co"}
    out = tmp_path / "site"
    settings = load_settings({"out": out, "voice": "tone", **podcast}, environ={}, cwd=tmp_path)
    api.narrate(_story(tmp_path), settings)
    raw = (out / "feed.xml").read_text()
    channel = ET.fromstring(raw).find("channel")
    assert channel.findtext("title") == channel.findtext("image/title") == "News & <Views> from Zürich"
    assert "<title>News &#x26; &#x3C;Views&#x3E; from Zürich</title>" in raw
    assert channel.findtext(f"{ITUNES}author") == "Desk & Co"
    assert channel.findtext(f"{ITUNES}owner/{ITUNES}email") == "audio@example.org"
    assert channel.findtext(f"{ITUNES}explicit") == "false"  # Apple's values: true or false

    # Without an e-mail there is no owner for Apple to write to: no half an itunes:owner.
    preview = tmp_path / "preview"
    api.narrate(_story(tmp_path), load_settings({"out": preview, "voice": "tone"}, environ={}, cwd=tmp_path))
    channel = ET.fromstring((preview / "feed.xml").read_text()).find("channel")
    assert channel.find(f"{ITUNES}owner") is None
    assert channel.findtext(f"{ITUNES}author") == "narrator"
