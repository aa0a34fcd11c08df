"""The library API that every front end calls: the rule for a new episode (write, hold
if the check flags it, publish) and the episode's life after it, on a real folder."""

from __future__ import annotations

import urllib.request

import pytest

from narrator import api
from narrator.errors import OutputError
from narrator.settings import load_settings

ARTICLE = "# Bridge repairs start in May\n\nThe council approved the repairs on Monday after a long debate.\n"


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "bridge.md"
    path.write_text(ARTICLE)
    return path


def _feed(settings) -> str:
    return (settings.out / "feed.xml").read_text()


def test_a_draft_stays_out_of_every_feed_until_it_is_published(tmp_path, source):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    episode = api.narrate(source, settings, draft=True)
    assert episode.record is not None and episode.record.status == "draft"
    assert "<item>" not in _feed(settings)
    assert [r.status for r in api.list_episodes(settings)] == ["draft"]
    api.set_status(episode.slug, "published", settings)
    assert "Bridge repairs start in May" in _feed(settings)
    api.set_status(episode.slug, "draft", settings)
    assert "<item>" not in _feed(settings) and api.find_episode(episode.slug, settings) is not None


def test_retracting_removes_the_episode_and_its_feed_item(tmp_path, source):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    episode = api.narrate(source, settings)
    assert "Bridge repairs start in May" in _feed(settings)
    api.retract(episode.slug, settings)
    assert not episode.directory.exists() and "<item>" not in _feed(settings)
    with pytest.raises(OutputError, match="no such episode"):
        api.retract(episode.slug, settings)


def test_narrate_also_publishes_to_the_configured_store(tmp_path, source, bucket, moto_endpoint):
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "publish_to": f"s3://{bucket}/news",
         "s3_endpoint_url": moto_endpoint, "s3_acl": "public-read", "public_base_url": "https://audio.example.org/news/",
         "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    episode = api.narrate(source, settings)
    feed = urllib.request.urlopen(f"{moto_endpoint}/{bucket}/news/feed.xml").read().decode()
    assert f'url="https://audio.example.org/news/episodes/{episode.slug}/' in feed
    api.retract(episode.slug, settings)
    feed = urllib.request.urlopen(f"{moto_endpoint}/{bucket}/news/feed.xml").read().decode()
    assert "<item>" not in feed


def test_the_embed_snippet_links_to_the_public_files(tmp_path, source):
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "public_base_url": "https://audio.example.org/",
         "podcast_owner_email": "audio@example.org"},
        environ={},
        cwd=tmp_path,
    )
    episode = api.narrate(source, settings)
    snippet = api.embed(episode.slug, settings)
    assert f"https://audio.example.org/{episode.slug}/{episode.audio.name}" in snippet


@pytest.mark.parametrize(
    ("date", "pub_date"),
    [
        ("2025-03-04 9:41 AM GMT+2", "Tue, 04 Mar 2025 09:41:00 +0200"),  # the page's own zone
        ("March 4, 2025 10:30 a.m. ET", "Tue, 04 Mar 2025 10:30:00 -0500"),
        ("2025-07-04T07:30:00+02:00", "Fri, 04 Jul 2025 07:30:00 +0200"),
        ("2025-03-04 09:41", "Tue, 04 Mar 2025 09:41:00 -0500"),  # none given: the configured zone
    ],
)
def test_feed_dates_keep_the_zone_the_article_gives(tmp_path, date, pub_date):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone", "timezone": "America/New_York"},
                             environ={}, cwd=tmp_path)  # fmt: skip
    path = tmp_path / "story.md"
    path.write_text(f"---\ntitle: Tram depot approved\ndate: {date}\n---\n\nThe council approved the depot.\n")
    api.narrate(path, settings)
    assert f"<pubDate>{pub_date}</pubDate>" in _feed(settings)
