"""A narration that fails writes nothing a later publish would put in a feed, creates no
output folder before its input is read, and leaves the previous episode as it was."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.small_disk import fill, small_disk

from narrator import api
from narrator.cli import cli
from narrator.errors import PublishError
from narrator.settings import load_settings

ARTICLE = "# Ferry timetable changes\n\nThe morning ferry will leave ten minutes earlier from next week.\n"
CORRECTED = "# Ferry timetable changes\n\nThe morning ferry will leave fifteen minutes earlier from next week.\n"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _one_line_error(result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_narrate_check_with_the_qa_extra_missing_publishes_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # the qa extra missing: its import fails
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    out = tmp_path / "out"
    _one_line_error(_run("narrate", str(source), "--out", str(out), "--check"), "qa extra")
    assert [r for r in api.list_episodes(load_settings({"out": out}, environ={}, cwd=tmp_path)) if r.listed] == []
    assert _run("publish", str(out)).exit_code == 0
    assert "<item>" not in (out / "feed.xml").read_text()


def test_renarrating_with_the_qa_extra_missing_keeps_the_published_episode(tmp_path, monkeypatch):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    out = tmp_path / "out"
    assert _run("narrate", str(source), "--out", str(out)).exit_code == 0
    before = _snapshot(out / "ferry-timetable-changes")
    source.write_text(CORRECTED)
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # the qa extra missing: its import fails
    _one_line_error(_run("narrate", str(source), "--out", str(out), "--check"), "qa extra")
    assert _snapshot(out / "ferry-timetable-changes") == before
    assert _run("publish", str(out)).exit_code == 0
    assert (out / "feed.xml").read_text().count("<item>") == 1


def _failing_store(tmp_path: Path, moto_endpoint: str) -> dict:
    """Settings whose ``publish_to`` is a bucket that doesn't exist on the loopback S3
    server, so publishing there fails after the episode folder is written."""
    return {"out": tmp_path / "out", "publish_to": "s3://no-such-bucket-here/news", "s3_endpoint_url": moto_endpoint,
            "s3_acl": "public-read", "public_base_url": "https://audio.example.org/news/",
            "podcast_owner_email": "audio@example.org"}  # fmt: skip


def test_a_narration_whose_publish_fails_leaves_no_published_episode(tmp_path, moto_endpoint, aws_env):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    settings = load_settings(_failing_store(tmp_path, moto_endpoint), environ={}, cwd=tmp_path)
    with pytest.raises(PublishError):
        api.narrate(source, settings)
    assert [r for r in api.list_episodes(settings) if r.listed] == []
    local = load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)
    api.publish(local)
    assert "<item>" not in (tmp_path / "out" / "feed.xml").read_text()


def test_a_renarration_whose_publish_fails_keeps_the_previous_episode(tmp_path, moto_endpoint, aws_env):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    local = load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)
    first = api.narrate(source, local)
    before = _snapshot(first.directory)
    source.write_text(CORRECTED)
    settings = load_settings(_failing_store(tmp_path, moto_endpoint), environ={}, cwd=tmp_path)
    with pytest.raises(PublishError):
        api.narrate(source, settings)
    assert _snapshot(first.directory) == before
    api.publish(local)
    feed = (tmp_path / "out" / "feed.xml").read_text()
    assert feed.count("<item>") == 1 and first.record.files.audio in feed


def test_narrating_a_missing_file_creates_no_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _one_line_error(_run("narrate", "nope.txt", "--out", "out2"), "nope.txt")
    assert not (tmp_path / "out2").exists()


def test_a_full_disk_during_narrate_is_one_line_and_keeps_the_previous_episode(tmp_path, monkeypatch):
    """On a real 24 MB tmpfs when the tests run as root; elsewhere a write to the disk is
    made to fail with ENOSPC (the fault injected, as no small disk can be mounted)."""
    with small_disk(tmp_path / "disk", 24 << 20) as disk:
        out = tmp_path / "disk" / "out"
        monkeypatch.setenv("NARRATOR_CACHE_DIR", str(tmp_path / "disk" / "cache"))
        source = tmp_path / "ferry.md"
        source.write_text(ARTICLE)
        assert _run("narrate", str(source), "--out", str(out)).exit_code == 0
        before = _snapshot(out)
        source.write_text(CORRECTED)
        if disk is not None:
            fill(disk, leave=0)
        else:
            real = os.write

            def full(fd: int, data) -> int:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "write", full)
        try:
            line = _one_line_error(_run("narrate", str(source), "--out", str(out)))
        finally:
            if disk is None:
                monkeypatch.setattr(os, "write", real)
        assert "No space left on device" in line, line
        assert _snapshot(out) == before


def test_a_full_clip_cache_during_narrate_is_one_line_naming_the_cache(tmp_path, monkeypatch):
    """The clip cache on a full 8 MB tmpfs when the tests run as root (skipped elsewhere:
    the injected fault of the test above covers the one-line error)."""
    with small_disk(tmp_path / "disk", 8 << 20) as disk:
        if disk is None:
            pytest.skip("no small disk can be mounted here")
        cache = disk / "cache"
        monkeypatch.setenv("NARRATOR_CACHE_DIR", str(cache))
        source = tmp_path / "ferry.md"
        source.write_text(ARTICLE.replace("ten minutes", "twenty-two minutes"))
        cache.mkdir()
        fill(disk, leave=0)
        line = _one_line_error(_run("narrate", str(source), "--out", str(tmp_path / "out")))
        assert str(cache) in line and "No space left on device" in line, line
        assert not any((tmp_path / "out").glob("*/episode.json"))


def test_a_narration_stopped_while_the_clip_cache_closes_leaves_no_staged_folder(tone_settings, tmp_path,
                                                                                  monkeypatch):  # fmt: skip
    """A service worker told to stop (SIGTERM) raises SystemExit wherever it is. Here it is
    raised (injected) while the clip cache is pruned, after the episode was staged: the
    staged folder goes, and the published episode stays as it was."""
    from narrator.synth.cache import ClipCache

    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    out = Path(tone_settings.out)
    api.narrate(source, tone_settings)
    before = _snapshot(out)
    source.write_text(CORRECTED)

    def stopped(self) -> int:
        raise SystemExit(0)

    monkeypatch.setattr(ClipCache, "prune", stopped)
    with pytest.raises(SystemExit):
        api.narrate(source, tone_settings)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")) == []
    assert _snapshot(out) == before
