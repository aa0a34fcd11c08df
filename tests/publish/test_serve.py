"""`narrator serve` as a podcast app, a web player and a CDN see it, on a real server on
loopback."""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from narrator import api
from narrator.settings import load_settings

STORY = "---\ntitle: Night ferry returns\nauthor: Ana Reyes\ndate: 2025-03-01\n---\n\nThe night ferry returns in May.\n"
PODCAST = {
    "public_base_url": "https://audio.example.org/podcast/",
    "podcast_title": "The Daily Example, read aloud",
    "podcast_owner_email": "audio@example.org",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A published site with a configured podcast, a job record and a symlink that leads
    out of the folder, as a service's output folder might have."""
    root = tmp_path_factory.mktemp("serve")
    out = root / "site"
    story = root / "story.md"
    story.write_text(STORY)
    api.narrate(story, load_settings({"out": out, "voice": "tone", **PODCAST}, environ={}, cwd=root))
    (out / ".jobs").mkdir()
    (out / ".jobs" / "job.json").write_text('{"secret": "not for the public"}')
    (root / "private.txt").write_text("outside the site")
    (out / "leak.txt").symlink_to(root / "private.txt")
    return out


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``, dotted ones included: bytes, mode and times."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        found[str(path.relative_to(folder))] = (data, info.st_mode, info.st_mtime_ns, info.st_size)
    return found


@pytest.fixture
def served(site, tmp_path, monkeypatch):
    """The site served from another working folder with default settings; yields
    (base URL, site folder) and checks afterwards that nothing in the folder changed."""
    monkeypatch.chdir(tmp_path)  # no narrator.toml: the stored podcast must be used
    before = _snapshot(site)
    settings = load_settings({"out": site}, environ={}, cwd=tmp_path)
    server, base = api.preview_server(settings, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    assert _snapshot(site) == before  # byte for byte, modes and times too


def _get(url: str, method: str = "GET", **headers):
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _episode(site: Path) -> str:
    audio = next(site.glob("*/*.mp3"))
    return f"{audio.parent.name}/{audio.name}"


def test_the_preview_feed_is_for_this_address_and_keeps_the_podcast(served):
    base, site = served
    status, headers, body = _get(base + "feed.xml")
    assert status == 200 and headers["Content-Type"] == "application/rss+xml"
    preview = feedparser.parse(body)
    public = feedparser.parse((site / "feed.xml").read_bytes())
    assert preview.feed.title == public.feed.title == "The Daily Example, read aloud"
    guid = (site / "feed.xml").read_text().split("<podcast:guid>", 1)[1].split("<", 1)[0]
    assert f"<podcast:guid>{guid}</podcast:guid>" in body.decode()
    assert preview.entries[0].enclosures[0].href == base + _episode(site)
    assert preview.feed.image.href == base + "cover.jpg"
    assert _get(preview.entries[0].enclosures[0].href)[0] == 200


def test_web_players_may_load_the_feed_chapters_and_transcripts(served):
    base, site = served
    episode = _episode(site)
    for name in ("feed.xml", episode.replace(".mp3", ".chapters.json"), episode.replace(".mp3", ".vtt"),
                 episode.replace(".mp3", ".transcript.json")):  # fmt: skip
        status, headers, _ = _get(base + name, Origin="https://news.example.org")
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*", name
    status, headers, body = _get(
        base + episode,
        "OPTIONS",
        Origin="https://news.example.org",
        **{"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "range"},
    )
    assert status == 204 and body == b""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in headers["Access-Control-Allow-Methods"] and "Range" in headers["Access-Control-Allow-Headers"]


def test_validators_answer_conditional_requests(served):
    base, site = served
    url = base + _episode(site)
    status, headers, body = _get(url)
    assert status == 200 and headers.get_all("Accept-Ranges") == ["bytes"]
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag and modified and len(body) == (site / _episode(site)).stat().st_size
    assert _get(url, **{"If-None-Match": etag})[0] == 304
    assert _get(url, **{"If-None-Match": '"something-else"'})[0] == 200
    assert _get(url, **{"If-Modified-Since": modified})[0] == 304
    assert _get(base + "feed.xml", **{"If-None-Match": _get(base + "feed.xml")[1]["ETag"]})[0] == 304


def test_ranges_resume_only_the_same_file(served):
    base, site = served
    url = base + _episode(site)
    data = (site / _episode(site)).read_bytes()
    etag = _get(url, "HEAD")[1]["ETag"]
    status, headers, body = _get(url, Range="bytes=100-199")
    assert status == 206 and body == data[100:200]
    assert headers["Content-Range"] == f"bytes 100-199/{len(data)}" and headers.get_all("Accept-Ranges") == ["bytes"]
    assert _get(url, Range="bytes=-10")[2] == data[-10:]
    status, _, body = _get(url, Range="bytes=100-199", **{"If-Range": etag})
    assert status == 206 and body == data[100:200]
    status, _, body = _get(url, Range="bytes=100-199", **{"If-Range": '"an-older-version"'})
    assert status == 200 and body == data  # the file changed: the whole new file, never a splice
    status, headers, _ = _get(url, Range=f"bytes={len(data) + 10}-")
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(data)}"


def test_only_published_files_are_served(served):
    base, site = served
    for path in (".jobs/job.json", ".narrator.lock", ".jobs/", "%2ejobs/job.json", "leak.txt", "%2e%2e/story.md",
                 "..%2fstory.md"):  # fmt: skip
        status, _, body = _get(base + path)
        assert status == 404, path
        assert b"not for the public" not in body and b"outside the site" not in body
    staging = next(iter(site.glob(".*.tmp")), None)
    assert staging is None  # nothing left half-written for the server to find
    assert _get(base + "index.html")[0] == 200 and _get(base)[0] == 200
    assert _get(base + "feed.xml", "POST")[0] == 405


def test_serving_a_folder_with_only_episodes_writes_nothing_there(tmp_path):
    """A folder narrated into but never published still previews, from memory."""
    out = tmp_path / "bare"
    story = tmp_path / "story.md"
    story.write_text(STORY)
    api.narrate(story, load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp_path))
    for name in ("feed.xml", "index.html", "podcast.toml"):
        os.remove(out / name)
    before = _snapshot(out)
    server, base = api.preview_server(load_settings({"out": out}, environ={}, cwd=tmp_path), "127.0.0.1", 0,
                                      quiet=True)  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert feedparser.parse(_get(base + "feed.xml")[2]).entries[0].title == "Night ferry returns"
        assert b"Night ferry returns" in _get(base)[2]
    finally:
        server.shutdown()
        server.server_close()
    assert _snapshot(out) == before


def test_serves_on_an_ipv6_address(site, tmp_path):
    server, base = api.preview_server(load_settings({"out": site}, environ={}, cwd=tmp_path), "::1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert base.startswith("http://[::1]:")
        status, headers, body = _get(base + "feed.xml")
        assert status == 200 and headers["Content-Type"] == "application/rss+xml"
        assert feedparser.parse(body).feed.link.startswith("http://[::1]:")  # rendered for this address
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
