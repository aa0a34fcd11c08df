"""The episode store in an object store (moto's S3 server): machines that share no folder
share the episodes, the slugs and the podcast through it, and never overwrite each
other's writes."""

from __future__ import annotations

import pytest

from narrator import api
from narrator.episodes.guids import Claim
from narrator.episodes.s3_store import ObjectStore
from narrator.errors import ConfigError, NarratorError
from narrator.settings import load_settings


def _settings(machine, store: str, endpoint: str, **more):
    return load_settings(
        {"out": machine / "out", "cache_dir": machine / "cache", "store": store, "s3_endpoint_url": endpoint,
         "public_base_url": "https://audio.example.org/news/", "podcast_owner_email": "audio@example.org", **more},
        environ={}, cwd=machine,
    )  # fmt: skip


def _article(title: str, body: str) -> bytes:
    return f"# {title}\n\n{body}\n".encode()


def _feed(endpoint: str, bucket: str, prefix: str) -> str:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint)
    return s3.get_object(Bucket=bucket, Key=f"{prefix}/feed.xml")["Body"].read().decode()


def test_two_machines_narrating_two_articles_with_one_title_get_two_slugs_in_one_feed(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/news"
    first = _settings(tmp_path / "a", store, moto_endpoint)
    second = _settings(tmp_path / "b", store, moto_endpoint)
    one = api.narrate("a.md", first, data=_article("Weather warning", "Rain falls on the coast today."), fmt="markdown")
    two = api.narrate("b.md", second, data=_article("Weather warning", "Snow closes the hill roads."), fmt="markdown")

    assert one.record.slug == "weather-warning"
    assert two.record.slug.startswith("weather-warning-") and two.record.slug != one.record.slug
    assert sorted(r.slug for r in api.list_episodes(first)) == sorted([one.record.slug, two.record.slug])
    assert _feed(moto_endpoint, bucket, "news").count("<item>") == 2
    # Each machine's folder only staged its narration: nothing of it is left there.
    assert not (tmp_path / "a" / "out" / one.record.slug).exists()
    assert not (tmp_path / "b" / "out" / two.record.slug).exists()


def test_the_same_article_on_another_machine_keeps_its_slug_and_guid(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/same"
    article = _article("Bridge reopens", "The bridge reopened on Monday.")
    one = api.narrate("a.md", _settings(tmp_path / "a", store, moto_endpoint), data=article, fmt="markdown")
    two = api.narrate("a.md", _settings(tmp_path / "b", store, moto_endpoint), data=article, fmt="markdown")
    assert (two.record.slug, two.record.guid) == (one.record.slug, one.record.guid)
    assert len(api.list_episodes(_settings(tmp_path / "c", store, moto_endpoint))) == 1


def test_a_slug_claimed_by_another_machine_is_refused(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/claims"
    first = ObjectStore(store, tmp_path / "a", _settings(tmp_path / "a", store, moto_endpoint))
    second = ObjectStore(store, tmp_path / "b", _settings(tmp_path / "b", store, moto_endpoint))
    assert first.take_claim("council-vote", Claim("guid-one"))
    assert not second.take_claim("council-vote", Claim("guid-two"))
    assert second.claims()["council-vote"].guid == "guid-one"


def test_a_status_change_keeps_what_another_machine_wrote_meanwhile(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/status"
    settings = _settings(tmp_path / "a", store, moto_endpoint)
    episode = api.narrate("a.md", settings, data=_article("Library hours", "The library opens late."), fmt="markdown")
    objects = ObjectStore(store, tmp_path / "a", settings)
    record, etag = objects._read(episode.record.slug)
    # Another machine rewrites the record after this one read it: a write over the
    # version read is refused, never applied blindly.
    objects._update(record.slug, lambda r: r.__class__(**{**r.__dict__, "title": "Library hours (corrected)"}))
    assert not objects._put(objects._record_key(record.slug), b"{}", etag=etag)
    changed = api.set_status(record.slug, "draft", settings)
    assert changed.status == "draft" and changed.title == "Library hours (corrected)"
    assert objects.get(record.slug).title == "Library hours (corrected)"
    assert "<item>" not in _feed(moto_endpoint, bucket, "status")


def test_an_episode_whose_record_could_not_be_written_is_never_listed(tmp_path, bucket, fault_proxy):
    from helpers.s3_fixtures import Fault

    endpoint, state = fault_proxy
    store = f"s3://{bucket}/half"
    settings = _settings(tmp_path / "a", store, endpoint, s3_timeout=2)
    state.faults.append(Fault("PUT", r"/half/episodes/[^/]+/episode\.json", 403, times=100))
    with pytest.raises(NarratorError):
        api.narrate("a.md", settings, data=_article("Ferry timetable", "Ferries run hourly."), fmt="markdown")
    uploaded = [path for method, path, status in state.log if method == "PUT" and status == 200]
    assert any(path.endswith(".mp3") for path in uploaded)  # the files went up...
    assert api.list_episodes(settings) == []  # ...but without its record the episode isn't there


def test_the_podcast_identity_lives_in_the_store(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/identity"
    first = _settings(tmp_path / "a", store, moto_endpoint, podcast_title="Harbour News")
    api.narrate("a.md", first, data=_article("Tide tables", "High tide is at noon."), fmt="markdown")
    assert "<title>Harbour News</title>" in _feed(moto_endpoint, bucket, "identity")
    other = _settings(tmp_path / "b", store, moto_endpoint, podcast_title="Another Title")
    with pytest.raises(ConfigError, match="podcast_title is 'Harbour News' here"):
        api.narrate("b.md", other, data=_article("Harbour dues", "Dues rise in May."), fmt="markdown")


def test_publish_and_embed_on_a_machine_without_the_episode_use_the_store(tmp_path, bucket, moto_endpoint):
    import boto3

    store = f"s3://{bucket}/again"
    first = _settings(tmp_path / "a", store, moto_endpoint)
    episode = api.narrate("a.md", first, data=_article("Market day", "Stalls open at eight."), fmt="markdown")
    boto3.client("s3", endpoint_url=moto_endpoint).delete_object(Bucket=bucket, Key="again/feed.xml")

    other = _settings(tmp_path / "b", store, moto_endpoint)
    (result,) = [api.publish(other)]
    assert result.target == store and result.episodes == 1
    assert _feed(moto_endpoint, bucket, "again").count("<item>") == 1
    assert not (tmp_path / "b" / "out" / "feed.xml").exists()
    snippet = api.embed(episode.record.slug, other)
    assert "Stalls open at eight." in snippet


def test_an_identity_another_machine_stored_first_is_kept(tmp_path, bucket, moto_endpoint):
    from narrator.publish.identity import read_identity, write_identity

    store = f"s3://{bucket}/first"
    objects = ObjectStore(store, tmp_path / "a", _settings(tmp_path / "a", store, moto_endpoint))
    # This machine read no identity; another stored one meanwhile: this one's is not written over it.
    write_identity(tmp_path / "b", {"title": "Harbour News"}, store=objects, read=None)
    write_identity(tmp_path / "a", {"title": "Another Title"}, store=objects, read=None)
    assert read_identity(tmp_path / "a", objects) == {"title": "Harbour News"}
    # Changed over the version it read, it is.
    write_identity(tmp_path / "a", {"title": "Harbour Daily"}, store=objects, read={"title": "Harbour News"})
    assert read_identity(tmp_path / "a", objects) == {"title": "Harbour Daily"}


def test_a_correction_keeps_files_another_machine_has_just_uploaded(tmp_path, bucket, moto_endpoint):
    import boto3

    store = f"s3://{bucket}/fresh"
    settings = _settings(tmp_path / "a", store, moto_endpoint)
    first = api.narrate("a.md", settings, data=_article("Pier closed", "The pier is closed for repairs."),
                        fmt="markdown")  # fmt: skip
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    # Another machine's correction, its files up and its record not written yet.
    theirs = f"fresh/episodes/{first.record.slug}/0123456789abcdef/{first.record.slug}-0123456789.mp3"
    s3.put_object(Bucket=bucket, Key=theirs, Body=b"audio")
    second = api.narrate("a.md", settings, data=_article("Pier closed", "The pier is closed for repairs until May."),
                         fmt="markdown")  # fmt: skip
    assert second.record.slug == first.record.slug and second.record.version != first.record.version
    assert s3.head_object(Bucket=bucket, Key=theirs)["ContentLength"] == 5


def test_a_retraction_from_another_machine_takes_the_episode_out_and_keeps_its_slug(tmp_path, bucket, moto_endpoint):
    import boto3

    store = f"s3://{bucket}/gone"
    article = _article("Road closure", "The high street closes on Sunday.")
    first = api.narrate("a.md", _settings(tmp_path / "a", store, moto_endpoint), data=article, fmt="markdown")
    other = _settings(tmp_path / "b", store, moto_endpoint)
    api.retract(first.record.slug, other)
    assert api.list_episodes(other) == [] and api.find_episode(first.record.slug, other) is None
    assert "<item>" not in _feed(moto_endpoint, bucket, "gone")
    listing = boto3.client("s3", endpoint_url=moto_endpoint).list_objects_v2(Bucket=bucket, Prefix="gone/episodes/")
    assert listing.get("Contents", []) == []
    again = api.narrate("a.md", other, data=article, fmt="markdown")  # its slug stays its own
    assert (again.record.slug, again.record.guid) == (first.record.slug, first.record.guid)


def test_requests_a_narration_makes_of_the_store_do_not_grow_with_its_episodes(tmp_path, bucket, fault_proxy):
    endpoint, state = fault_proxy
    store = f"s3://{bucket}/count"
    settings = _settings(tmp_path / "a", store, endpoint)
    counts = []
    for n, body in enumerate(("Buses run late tonight.", "The museum opens a new wing.", "Parking fees rise.")):
        state.log.clear()
        api.narrate(f"{n}.md", settings, data=_article(f"Notice {n}", body), fmt="markdown")
        methods = [method for method, _, _ in state.log]
        # Its seven files are uploaded without asking for each whether it is there (one
        # HEAD is the cover's). The records and claims already stored are listed, with
        # their ETags, and read only if this process hasn't seen those bytes: a worker
        # asks the same of a store of three episodes as of one of thousands.
        assert methods.count("HEAD") <= 1
        counts.append(len(methods))
    assert counts[0] <= 27 and counts[2] == counts[1] <= counts[0]


def test_a_record_another_machine_changed_is_read_again(tmp_path, bucket, moto_endpoint):
    import boto3

    store = f"s3://{bucket}/changed"
    settings = _settings(tmp_path / "a", store, moto_endpoint)
    first = api.narrate("a.md", settings, data=_article("Ferry times", "The ferry leaves at noon."), fmt="markdown")
    assert "Ferry times" in _feed(moto_endpoint, bucket, "changed")
    # Another machine renames the episode (new bytes, so a new ETag) behind this one's back.
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    key = f"changed/episodes/{first.record.slug}/episode.json"
    text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    s3.put_object(Bucket=bucket, Key=key, Body=text.replace('"Ferry times"', '"Ferry timetable"').encode())

    api.narrate("b.md", settings, data=_article("Harbour works", "Cranes arrive on Monday."), fmt="markdown")
    feed = _feed(moto_endpoint, bucket, "changed")
    assert "Ferry timetable" in feed and "Ferry times<" not in feed
    assert [r.title for r in api.list_episodes(settings) if r.slug == first.record.slug] == ["Ferry timetable"]
