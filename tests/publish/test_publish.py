"""Publishing: the feed, podcast-grade audio, the local site, and S3 on a real
S3-protocol server on loopback, with faults injected between them."""

from __future__ import annotations

import email.utils
import json
import re
import subprocess
import sys
import threading
import urllib.request
import uuid
from pathlib import Path

import feedparser
import podcastparser
import pytest
from helpers.ffmpeg_meter import measure_file

from narrator.api import narrate
from narrator.errors import PublishError
from narrator.publish.feed import podcast_guid
from narrator.publish.local import LocalPublisher
from narrator.publish.s3 import S3Publisher
from narrator.publish.serve import make_server
from narrator.settings import load_settings
from narrator.support.ffmpeg import decode

ARTICLES = {
    "ferry.md": "---\ntitle: Ferry timetable changes\nauthor: Ana Reyes\ndate: 2025-03-01\n---\n\n"
    "The island ferry will leave ten minutes earlier from Monday. The operator said the change "
    "lets buses meet every crossing.\n",
    "bridge.md": "---\ntitle: Bridge reopens after repairs\nauthor: Tom Vale\ndate: 2025-03-03T08:30:00\n---\n\n"
    "The old bridge reopened on Monday after a year of repairs.\n\n## Traffic\n\nBuses return next week.\n",
    "market.md": "---\ntitle: Market moves to the square\ndate: 2025-02-27\n---\n\n"
    "The weekly market moves to the town square in April, the council said.\n",
}


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def three_episodes(tmp_path):
    """Three articles narrated into one output folder (with the instant tone voice)."""
    out = tmp_path / "site"
    settings = load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp_path)
    for name, text in ARTICLES.items():
        narrate(_write(tmp_path, name, text), settings)
    return out, settings


def _settings(tmp_path, out, **more):
    return load_settings({"out": out, "voice": "tone", **more}, environ={}, cwd=tmp_path)


def _check_feed(xml: bytes, feed_url: str, fetch) -> list[dict]:
    """Every rule podcast apps care about; returns the items."""
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    podcast = podcastparser.parse(feed_url, __import__("io").BytesIO(xml))
    assert len(podcast["episodes"]) == len(parsed.entries) == 3
    text = xml.decode()
    for ns in ("http://www.itunes.com/dtds/podcast-1.0.dtd", "https://podcastindex.org/namespace/1.0"):
        assert ns in text
    assert f"<podcast:guid>{podcast_guid(feed_url)}</podcast:guid>" in text
    assert f'<atom:link href="{feed_url}" rel="self"' in text
    assert "<itunes:explicit>false</itunes:explicit>" in text
    dates = []
    for entry in parsed.entries:
        when = email.utils.parsedate_to_datetime(entry.published)
        assert when.tzinfo is not None
        assert entry.published.startswith(when.strftime("%a, "))  # the right weekday
        dates.append(when)
        enclosure = entry.enclosures[0]
        assert enclosure.type == "audio/mpeg"
        audio = fetch(enclosure.href)
        assert int(enclosure.length) == len(audio) > 0
        seconds = len(decode_bytes(audio)) / 16000
        assert abs(int(entry.itunes_duration) - seconds) <= 1.0
        assert entry.guidislink is False
        uuid.UUID(entry.id)
    assert dates == sorted(dates, reverse=True)  # newest first
    return parsed.entries


def decode_bytes(data: bytes):
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".mp3") as fh:
        fh.write(data)
        fh.flush()
        return decode(Path(fh.name), 16000)


def test_local_feed_passes_every_check_and_guids_are_stable(three_episodes):
    out, settings = three_episodes
    feed_url = "http://localhost:8000/feed.xml"

    def fetch(url):
        return (out / url.split("8000/", 1)[1]).read_bytes()

    first = _check_feed((out / "feed.xml").read_bytes(), feed_url, fetch)
    LocalPublisher().publish(out, settings)
    second = feedparser.parse((out / "feed.xml").read_bytes()).entries
    assert [e.id for e in first] == [e.id for e in second]
    assert [e.title for e in first] == [
        "Bridge reopens after repairs",
        "Ferry timetable changes",
        "Market moves to the square",
    ]
    assert "AI assistance" in first[0].summary


def test_renarrating_a_corrected_article_keeps_its_guid(tmp_path, three_episodes):
    out, settings = three_episodes
    before = feedparser.parse((out / "feed.xml").read_bytes()).entries
    corrected = ARTICLES["ferry.md"].replace("ten minutes", "fifteen minutes")
    narrate(_write(tmp_path, "ferry.md", corrected), settings)
    after = feedparser.parse((out / "feed.xml").read_bytes()).entries
    assert {e.title: e.id for e in before} == {e.title: e.id for e in after}
    assert len(after) == 3


def test_audio_is_podcast_grade_with_tags_and_chapters(three_episodes):
    from mutagen.id3 import ID3

    out, _ = three_episodes
    folder = out / "bridge-reopens-after-repairs"
    meta = json.loads((folder / "episode.json").read_text())
    lufs, peak = measure_file(folder / meta["files"]["audio"])
    assert abs(lufs - -16.0) <= 0.5 and peak <= -1.0
    # The record gives the loudness and true peak worked out as the audio was encoded,
    # without decoding the MP3 again: they agree with ffmpeg's meter on the file.
    assert abs(meta["loudness_lufs"] - lufs) <= 0.2 and abs(meta["true_peak_dbtp"] - peak) <= 0.5
    tags = ID3(folder / meta["files"]["audio"])
    assert str(tags["TIT2"]) == "Bridge reopens after repairs"
    assert str(tags["TPE1"]) == "Tom Vale" and str(tags["TALB"]) == "narrator"
    assert str(tags["TDRC"]) == "2025-03-03"
    assert "AI assistance" in str(tags["TXXX:AI_DISCLOSURE"])
    assert tags.getall("COMM")
    chapters = json.loads((folder / meta["files"]["chapters"]).read_text())["chapters"]
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, str(c.sub_frames["TIT2"])) for c in chaps] == [
        (int(c["startTime"] * 1000), c["title"]) for c in chapters
    ]
    assert tags.getall("CTOC")[0].child_element_ids == [c.element_id for c in chaps]


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_artwork_is_embedded_when_configured(tmp_path):
    art = tmp_path / "cover.png"
    art.write_bytes(_tiny_png())
    settings = _settings(tmp_path, tmp_path / "o", artwork=art)
    episode = narrate(_write(tmp_path, "m.md", ARTICLES["market.md"]), settings)
    from mutagen.id3 import ID3

    apic = ID3(episode.audio).getall("APIC")[0]
    assert apic.mime == "image/png" and apic.data == art.read_bytes()


def test_serve_answers_ranges_with_podcast_content_types(three_episodes):
    out, _ = three_episodes
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with urllib.request.urlopen(base + "feed.xml") as r:
            assert r.headers["Content-Type"] == "application/rss+xml"
        audio = next(out.glob("*/*.mp3"))
        request = urllib.request.Request(base + f"{audio.parent.name}/{audio.name}", headers={"Range": "bytes=100-199"})
        with urllib.request.urlopen(request) as r:
            assert r.status == 206 and r.headers["Content-Type"] == "audio/mpeg"
            assert r.headers["Content-Range"] == f"bytes 100-199/{audio.stat().st_size}"
            assert r.read() == audio.read_bytes()[100:200]
    finally:
        server.shutdown()
        server.server_close()


def test_unpublish_locally(three_episodes):
    out, settings = three_episodes
    LocalPublisher().unpublish("market-moves-to-the-square", out, settings)
    titles = [e.title for e in feedparser.parse((out / "feed.xml").read_bytes()).entries]
    assert "Market moves to the square" not in titles and len(titles) == 2
    assert not (out / "market-moves-to-the-square").exists()


# -- S3 ----------------------------------------------------------------------------------


def _s3_settings(tmp_path, out, endpoint, **more):
    return _settings(tmp_path, out, s3_endpoint_url=endpoint, s3_acl="public-read", **more)


def _get(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
        return r.status, r.headers, r.read()


def test_three_articles_published_to_s3(tmp_path, three_episodes, bucket, moto_endpoint):
    out, _ = three_episodes
    settings = _s3_settings(tmp_path, out, moto_endpoint)
    publisher = S3Publisher(f"s3://{bucket}/news")
    result = publisher.publish(out, settings)
    feed_url = f"{moto_endpoint}/{bucket}/news/feed.xml"
    assert result.feed_url == feed_url and result.episodes == 3

    status, headers, xml = _get(feed_url)
    assert headers["Content-Type"] == "application/rss+xml"
    assert "max-age=300" in headers["Cache-Control"]
    entries = _check_feed(xml, feed_url, lambda url: _get(url)[2])
    expected = {
        ".mp3": "audio/mpeg",
        ".vtt": "text/vtt",
        ".srt": "application/x-subrip",
        ".transcript.json": "application/json",
        ".chapters.json": "application/json+chapters",
    }
    urls = re.findall(r'(?:url|href)="([^"]+/episodes/[^"]+)"', xml.decode())
    assert len(urls) == 3 * len(expected)
    for url in urls:
        suffix = next(s for s in expected if url.endswith(s))
        status, h, _ = _get(url)
        assert (status, h["Content-Type"]) == (200, expected[suffix]), url
    for entry in feedparser.parse(xml).entries:
        status, h, body = _get(entry.enclosures[0].href, {"Range": "bytes=0-99"})
        assert status == 206 and len(body) == 100
        assert "immutable" in h["Cache-Control"]
    assert len(entries) == 3


def test_publishing_again_unchanged_uploads_nothing(tmp_path, three_episodes, bucket, moto_endpoint):
    out, _ = three_episodes
    settings = _s3_settings(tmp_path, out, moto_endpoint)
    publisher = S3Publisher(f"s3://{bucket}/")
    assert publisher.publish(out, settings).uploaded
    again = S3Publisher(f"s3://{bucket}/").publish(out, settings)
    assert again.uploaded == () and again.deleted == () and not again.feed_changed


def test_corrected_article_gets_a_new_key_same_guid_and_old_object_goes(tmp_path, bucket, moto_endpoint):
    import boto3

    out = tmp_path / "site"
    settings = _s3_settings(tmp_path, out, moto_endpoint)
    narrate(_write(tmp_path, "ferry.md", ARTICLES["ferry.md"]), settings)
    publisher = S3Publisher(f"s3://{bucket}/p")
    publisher.publish(out, settings)
    feed_url = f"{moto_endpoint}/{bucket}/p/feed.xml"
    first = feedparser.parse(_get(feed_url)[2]).entries[0]

    narrate(_write(tmp_path, "ferry.md", ARTICLES["ferry.md"].replace("ten", "fifteen")), settings)
    result = publisher.publish(out, settings)
    second = feedparser.parse(_get(feed_url)[2]).entries[0]
    assert second.id == first.id
    assert second.enclosures[0].href != first.enclosures[0].href
    old_key = first.enclosures[0].href.split(f"/{bucket}/", 1)[1]
    assert old_key in result.deleted
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert old_key not in keys and second.enclosures[0].href.split(f"/{bucket}/", 1)[1] in keys


def test_unpublish_from_s3(tmp_path, three_episodes, bucket, moto_endpoint):
    out, _ = three_episodes
    settings = _s3_settings(tmp_path, out, moto_endpoint)
    publisher = S3Publisher(f"s3://{bucket}/x")
    publisher.publish(out, settings)
    publisher.unpublish("ferry-timetable-changes", out, settings)
    titles = [e.title for e in feedparser.parse(_get(f"{moto_endpoint}/{bucket}/x/feed.xml")[2]).entries]
    assert titles == ["Bridge reopens after repairs", "Market moves to the square"]


def test_server_errors_and_stalls_are_retried(tmp_path, three_episodes, bucket, fault_proxy):
    from helpers.s3_fixtures import Fault

    out, _ = three_episodes
    proxy, state = fault_proxy
    state.faults += [
        Fault("PUT", r"\.mp3", 503, times=2),
        Fault("PUT", r"feed\.xml", 500, times=1),
        Fault("PUT", r"\.vtt", "stall", times=1, seconds=2.5),
    ]
    settings = _s3_settings(tmp_path, out, proxy, s3_timeout=1.0)
    result = S3Publisher(f"s3://{bucket}/r").publish(out, settings)
    assert result.episodes == 3 and result.feed_changed
    assert all(f.times == 0 for f in state.faults)
    failed = [entry for entry in state.log if entry[2] >= 500]
    assert len(failed) == 3


def test_a_publish_that_finally_fails_keeps_the_previous_feed_and_loses_nothing(
    tmp_path, bucket, fault_proxy, moto_endpoint
):
    from helpers.s3_fixtures import Fault

    proxy, state = fault_proxy
    out = tmp_path / "site"
    settings = _s3_settings(tmp_path, out, proxy)
    narrate(_write(tmp_path, "ferry.md", ARTICLES["ferry.md"]), settings)
    publisher = S3Publisher(f"s3://{bucket}/f")
    publisher.publish(out, settings)
    feed_url = f"{moto_endpoint}/{bucket}/f/feed.xml"
    before = _get(feed_url)[2]

    narrate(_write(tmp_path, "bridge.md", ARTICLES["bridge.md"]), settings)
    state.faults.append(Fault("PUT", r"feed\.xml", 500, times=100))
    with pytest.raises(PublishError, match="writing the feed failed"):
        S3Publisher(f"s3://{bucket}/f").publish(out, settings)
    assert _get(feed_url)[2] == before  # listeners still get the old, valid feed
    for entry in feedparser.parse(before).entries:
        assert _get(entry.enclosures[0].href)[0] == 200

    state.faults.clear()
    S3Publisher(f"s3://{bucket}/f").publish(out, settings)
    titles = {e.title for e in feedparser.parse(_get(feed_url)[2]).entries}
    assert titles == {"Ferry timetable changes", "Bridge reopens after repairs"}


PUBLISH_SCRIPT = """
import sys
from pathlib import Path
from narrator.publish.s3 import S3Publisher
from narrator.settings import load_settings
out, endpoint, target = sys.argv[1:4]
settings = load_settings({"out": out, "s3_endpoint_url": endpoint, "s3_acl": "public-read"}, environ={})
sys.stdin.readline()  # start together
S3Publisher(target).publish(Path(out), settings)
"""


def test_two_processes_publishing_at_once_both_end_up_in_the_feed(tmp_path, bucket, moto_endpoint, aws_env):
    folders = []
    for name in ("ferry.md", "bridge.md"):
        out = tmp_path / name.split(".")[0]
        narrate(_write(tmp_path, name, ARTICLES[name]), _settings(tmp_path, out))
        folders.append(out)
    target = f"s3://{bucket}/race"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PUBLISH_SCRIPT, str(f), moto_endpoint, target], stdin=subprocess.PIPE, text=True
        )
        for f in folders
    ]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.stdin.close()
        assert p.wait(timeout=120) == 0
    feed = _get(f"{moto_endpoint}/{bucket}/race/feed.xml")[2]
    titles = {e.title for e in feedparser.parse(feed).entries}
    assert titles == {"Ferry timetable changes", "Bridge reopens after repairs"}


def test_publish_command_to_s3(tmp_path, three_episodes, bucket, moto_endpoint):
    from click.testing import CliRunner

    from narrator.cli import cli

    out, _ = three_episodes
    args = [
        "publish",
        str(out),
        "--to",
        f"s3://{bucket}/cli",
        "--endpoint-url",
        moto_endpoint,
        "--acl",
        "public-read",
        "--json",
    ]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1 and refused.output.count("\n") == 1
    assert "public_base_url is not set" in refused.output and "podcast_owner_email is not set" in refused.output
    args.append("--force")  # the feed's URLs are the loopback store's: fine for this test
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    data = json.loads(result.output)
    assert data["feed"] == f"{moto_endpoint}/{bucket}/cli/feed.xml" and data["episodes"] == 3
    again = json.loads(CliRunner().invoke(cli, args, catch_exceptions=False).output)
    assert again["uploaded"] == []
    missing = CliRunner().invoke(
        cli, ["unpublish", "no-such-story", "--to", f"s3://{bucket}/cli", "--endpoint-url", moto_endpoint]
    )
    assert missing.exit_code == 1 and missing.output.startswith("error: no-such-story: no such episode")


def test_publishing_to_s3_without_credentials_is_one_line(tmp_path, three_episodes, moto_endpoint, monkeypatch):
    # No credentials anywhere boto3 looks (environment, files, the instance metadata
    # service, which is turned off so that nothing leaves the machine).
    import boto3
    from click.testing import CliRunner

    from narrator.cli import cli

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # not the credentials an earlier test's session found
    out, _ = three_episodes
    args = ["publish", str(out), "--to", "s3://nobucket/x", "--endpoint-url", moto_endpoint, "--force"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "s3://nobucket/x" in result.output and "credentials" in result.output.lower()
    assert (out / "feed.xml").is_file()  # the folder's own feed is as it was
