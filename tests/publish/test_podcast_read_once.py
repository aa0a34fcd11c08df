"""Each call of the API reads the podcast stored in the output folder (OUT/podcast.toml)
once, and every step of the call uses what it read: a narration that publishes to the
folder and to a store, a publish, a status change and a retraction."""

from __future__ import annotations

import urllib.request

import pytest

from narrator import api
from narrator.publish import identity
from narrator.settings import load_settings

ARTICLE = "# Ferry timetable changes\n\nThe winter timetable starts on Monday with two fewer sailings.\n"


@pytest.fixture
def reads(monkeypatch):
    """How many times OUT/podcast.toml is read (the real reader, counted)."""
    count = [0]
    real = identity.read_identity

    def counted(out):
        count[0] += 1
        return real(out)

    monkeypatch.setattr(identity, "read_identity", counted)
    return count


@pytest.fixture
def settings(tmp_path, bucket, moto_endpoint):
    return load_settings(
        {"out": tmp_path / "out", "voice": "tone", "publish_to": f"s3://{bucket}/news",
         "s3_endpoint_url": moto_endpoint, "s3_acl": "public-read", "public_base_url": "https://audio.example.org/news/",
         "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip


def test_each_call_reads_the_stored_podcast_once(tmp_path, settings, reads):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    api.narrate(source, settings)  # the first publish stores the podcast
    assert (settings.out / "podcast.toml").is_file()
    calls = {
        "narrate": lambda: api.narrate(source, settings, draft=True),
        "set_status": lambda: api.set_status("ferry-timetable-changes", "published", settings),
        "publish": lambda: api.publish(settings),
        "publish_everywhere": lambda: api.publish_everywhere(settings),
        "retract": lambda: api.retract("ferry-timetable-changes", settings),
    }
    counted = {}
    for name, call in calls.items():
        reads[0] = 0
        call()
        counted[name] = reads[0]
    assert counted == dict.fromkeys(calls, 1)


def test_a_podcast_guid_made_by_the_first_publish_is_the_one_the_store_gets(tmp_path, settings):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    api.narrate(source, settings)
    stored = (settings.out / "podcast.toml").read_text()
    guid = next(line.split('"')[1] for line in stored.splitlines() if line.startswith("guid"))
    folder_feed = (settings.out / "feed.xml").read_text()
    bucket_feed = f"{settings.s3.endpoint_url}/{settings.publish_to.removeprefix('s3://')}/feed.xml"
    store_feed = urllib.request.urlopen(bucket_feed).read().decode()
    assert f"<podcast:guid>{guid}</podcast:guid>" in folder_feed
    assert f"<podcast:guid>{guid}</podcast:guid>" in store_feed
