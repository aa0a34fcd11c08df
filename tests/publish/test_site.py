"""The site an output folder becomes, as a web server and a podcaster see it: files
another user can read, a podcast that keeps its identity whatever folder a command runs
from, and a feed whose dates say when things happened."""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from helpers.paths import ROOT

from narrator import api
from narrator.cli import cli
from narrator.settings import load_settings

EXAMPLE = ROOT / "examples" / "harbour-strike.txt"
PODCAST_TOML = """\
public_base_url = "https://audio.example.org/podcast/"
[podcast]
title = "The Daily Example, read aloud"
description = "Every story from the Daily Example, narrated."
link = "https://example.org/"
author = "The Daily Example"
owner_name = "Audio desk"
owner_email = "audio@example.org"
"""
STORY = "---\ntitle: Night ferry returns\nauthor: Ana Reyes\ndate: 2025-03-01\n---\n\nThe night ferry returns in May.\n"


@pytest.fixture
def umask():
    """Run a block under a chosen umask, restoring the test process's own after."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.fixture
def shared_tmp():
    """A folder other users can enter (pytest's own tmp folders are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="narrator-site-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _modes(out: Path) -> dict[str, int]:
    """The permission bits of every published file and folder (dotted names aside)."""
    found = {}
    for path in [out, *out.rglob("*")]:
        if any(part.startswith(".") for part in path.relative_to(out).parts):
            continue
        found[str(path.relative_to(out))] = stat.S_IMODE(path.stat().st_mode)
    return found


def _narrate_readme_example(cwd: Path) -> Path:
    """The README's first command, with the instant tone voice, run in ``cwd``."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "narrator"), "narrate", str(EXAMPLE), "--voice", "tone"],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return cwd / "output"


@pytest.mark.parametrize(("mask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_published_files_follow_the_umask_like_any_file(tmp_path, umask, mask, file_mode, folder_mode):
    umask(mask)
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    story = tmp_path / "story.md"
    story.write_text(STORY)
    api.narrate(story, settings)
    modes = _modes(tmp_path / "out")
    assert {"feed.xml", "index.html", "podcast.toml", "night-ferry-returns/episode.json"} <= set(modes)
    folders = {name for name in modes if (tmp_path / "out" / name).is_dir()}
    assert {modes[name] for name in folders} == {folder_mode}
    assert {mode for name, mode in modes.items() if name not in folders} == {file_mode}


READ_AS_NOBODY = """
import os, sys
from pathlib import Path
os.setgid(65534); os.setuid(65534)
site = Path(sys.argv[1])
read = 0
for path in sorted(site.rglob("*")):
    if path.is_file() and not any(p.startswith(".") for p in path.relative_to(site).parts):
        read += len(path.read_bytes())
        print(path.relative_to(site))
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="switching to another user needs root")
def test_the_readme_site_is_readable_by_another_user(shared_tmp, umask):
    umask(0o022)
    out = _narrate_readme_example(shared_tmp)
    result = subprocess.run([sys.executable, "-c", READ_AS_NOBODY, str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr  # a PermissionError here is a 403 from nginx
    read = set(result.stdout.split())
    assert {"feed.xml", "index.html"} <= read
    episode = next(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert {f"{episode.name}/{p.name}" for p in episode.iterdir()} <= read
    assert any(name.endswith(".mp3") for name in read) and any(name.endswith(".vtt") for name in read)


# -- the podcast's identity ---------------------------------------------------------------
def _channel(out: Path) -> dict:
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    text = (out / "feed.xml").read_text()
    guid = text.split("<podcast:guid>", 1)[1].split("<", 1)[0]
    return {
        "title": parsed.feed.title,
        "guid": guid,
        "self": next(link.href for link in parsed.feed.links if link.rel == "self"),
        "email": parsed.feed.get("publisher_detail", {}).get("email"),
        "image": parsed.feed.get("image", {}).get("href"),
        "enclosures": [e.enclosures[0].href for e in parsed.entries],
    }


def test_narrating_from_another_folder_keeps_the_podcast(tmp_path, monkeypatch):
    project, elsewhere, out = tmp_path / "project", tmp_path / "elsewhere", tmp_path / "site"
    project.mkdir()
    elsewhere.mkdir()
    (project / "narrator.toml").write_text(PODCAST_TOML)
    story = tmp_path / "story.md"
    story.write_text(STORY)
    runner = CliRunner()
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["narrate", str(story), "--voice", "tone", "--out", str(out)])
    assert result.exit_code == 0, result.output
    first = _channel(out)
    assert first["title"] == "The Daily Example, read aloud"
    assert first["self"] == "https://audio.example.org/podcast/feed.xml"
    assert first["email"] == "audio@example.org" and first["image"] == "https://audio.example.org/podcast/cover.jpg"

    other = tmp_path / "other.md"
    other.write_text(STORY.replace("Night ferry returns", "Bridge reopens"))
    monkeypatch.chdir(elsewhere)  # no narrator.toml here: every podcast setting is at its default
    result = runner.invoke(cli, ["narrate", str(other), "--voice", "tone", "--out", str(out)])
    assert result.exit_code == 0, result.output
    second = _channel(out)
    assert {k: v for k, v in second.items() if k != "enclosures"} == {
        k: v for k, v in first.items() if k != "enclosures"
    }
    assert len(second["enclosures"]) == 2
    assert all(url.startswith("https://audio.example.org/podcast/") for url in second["enclosures"])


def test_a_setting_that_differs_from_the_stored_podcast_needs_update_podcast(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "narrator.toml").write_text(PODCAST_TOML)
    story = tmp_path / "story.md"
    story.write_text(STORY)
    runner = CliRunner()
    assert runner.invoke(cli, ["narrate", str(story), "--voice", "tone"]).exit_code == 0
    guid = _channel(tmp_path / "output")["guid"]
    renamed = PODCAST_TOML.replace("The Daily Example, read aloud", "Morning Audio")
    (tmp_path / "narrator.toml").write_text(renamed)
    for command in (["publish"], ["narrate", str(story), "--voice", "tone"]):
        refused = runner.invoke(cli, command)
        assert refused.exit_code == 1 and refused.output.count("\n") == 1
        assert "podcast_title is 'The Daily Example, read aloud' here but 'Morning Audio'" in refused.output
        assert "--update-podcast" in refused.output
    assert _channel(tmp_path / "output")["title"] == "The Daily Example, read aloud"

    assert runner.invoke(cli, ["publish", "--update-podcast"]).exit_code == 0
    channel = _channel(tmp_path / "output")
    assert channel["title"] == "Morning Audio" and channel["guid"] == guid  # renamed, still the same podcast
    assert 'title = "Morning Audio"' in (tmp_path / "output" / "podcast.toml").read_text()
    assert runner.invoke(cli, ["narrate", str(story), "--voice", "tone"]).exit_code == 0


def test_a_setting_the_podcast_never_had_is_added_to_it(tmp_path):
    out = tmp_path / "out"
    story = tmp_path / "story.md"
    story.write_text(STORY)
    api.narrate(story, load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp_path))
    assert "owner_email" not in (out / "podcast.toml").read_text()
    api.publish(load_settings({"out": out, "podcast_owner_email": "desk@example.org"}, environ={}, cwd=tmp_path))
    assert 'owner_email = "desk@example.org"' in (out / "podcast.toml").read_text()
    assert "desk@example.org" in (out / "feed.xml").read_text()


# -- dates --------------------------------------------------------------------------------
def _dates(out: Path) -> tuple[str, list[str]]:
    text = (out / "feed.xml").read_text()
    build = text.split("<lastBuildDate>", 1)[1].split("<", 1)[0]
    return build, [d.split("<", 1)[0] for d in text.split("<pubDate>")[1:]]


def test_last_build_date_is_when_the_feed_was_built_and_dates_keep_their_offset(tmp_path):
    out = tmp_path / "out"
    settings = load_settings({"out": out, "voice": "tone", "timezone": "America/New_York"}, environ={}, cwd=tmp_path)
    for name, date in (("a.md", "2025-03-01T08:30:00+01:00"), ("b.md", "2025-02-27T18:05:00")):
        path = tmp_path / name
        path.write_text(STORY.replace("2025-03-01", date).replace("Night ferry returns", f"Story {name}"))
        api.narrate(path, settings)
    before = dt.datetime.now(dt.UTC)
    build, dates = _dates(out)
    assert dates == ["Sat, 01 Mar 2025 08:30:00 +0100", "Thu, 27 Feb 2025 18:05:00 -0500"]
    built = email.utils.parsedate_to_datetime(build)
    assert abs((built - before).total_seconds()) < 120  # the build, not the newest article
    feed = (out / "feed.xml").read_bytes()
    api.publish(settings)  # nothing changed: the feed, its lastBuildDate included, stays as it was
    assert (out / "feed.xml").read_bytes() == feed
