"""Publish to the output folder itself: it becomes a static podcast site."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from ..episode import local_episodes
from ..errors import OutputError
from ..feed import render_feed
from ..models import PublishResult
from ..output import ensure_writable, write_atomic
from ..settings import Settings
from ..templates import environment, render

LOCK = ".narrator.lock"


@contextlib.contextmanager
def folder_lock(out: Path) -> Iterator[None]:
    """One writer of the feed at a time, across processes."""
    with open(out / LOCK, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def base_url(settings: Settings) -> str:
    return settings.public_base_url.rstrip("/") + "/"


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def render_site(out: Path, settings: Settings) -> tuple[str, str, int]:
    """The feed and the index page for the episodes in ``out``."""
    base = base_url(settings)
    episodes = local_episodes(out)

    def file_url(meta, name):
        return f"{base}{quote(meta['slug'])}/{quote(name)}"

    feed = render_feed(episodes, settings, feed_url=f"{base}feed.xml", site_url=base, file_url=file_url)
    items = []
    for m in episodes:
        folder = quote(m["slug"]) + "/"
        page = folder + quote(m["files"].get("page", "index.html"))
        # The readable transcript page; an episode from before it existed has the
        # transcript on its episode page.
        transcript_page = m["files"].get("transcript_page")
        items.append(
            {
                "slug": m["slug"],
                "title": m["title"],
                "author": m.get("author"),
                "published": _day(m.get("published")),
                "minutes": max(1, round(m["duration"] / 60)),
                "megabytes": f"{int(m['bytes']) / 1_000_000:.1f}",
                "page": page,
                "audio": folder + quote(m["files"]["audio"]),
                "transcript": folder + quote(transcript_page) if transcript_page else page,
            }
        )
    channel = {
        "title": settings.podcast_title,
        "description": settings.podcast_description,
        "language": settings.podcast_language,
    }
    index = render(
        environment(settings.templates_dir), "index.html.j2", channel=channel, items=items, feed_url="feed.xml"
    )
    return feed, index, len(episodes)


class LocalPublisher:
    name = "local"

    def publish(self, out: Path, settings: Settings) -> PublishResult:
        out = ensure_writable(Path(out))
        with folder_lock(out):
            feed, index, count = render_site(out, settings)
            old = (out / "feed.xml").read_text(encoding="utf-8") if (out / "feed.xml").exists() else None
            write_atomic(out / "feed.xml", feed)
            write_atomic(out / "index.html", index)
        return PublishResult(
            target=str(out), feed_url=f"{base_url(settings)}feed.xml", episodes=count, feed_changed=old != feed
        )

    def unpublish(self, slug: str, out: Path, settings: Settings) -> PublishResult:
        out = Path(out)
        folder = out / slug
        if not (folder / "episode.json").is_file() or folder.resolve().parent != out.resolve():
            raise OutputError(f"{slug}: no such episode in {out}")
        with folder_lock(out):
            trash = Path(tempfile.mkdtemp(dir=out, prefix=f".{slug}.", suffix=".old"))
            os.replace(folder, trash / slug)
            feed, index, count = render_site(out, settings)
            write_atomic(out / "feed.xml", feed)
            write_atomic(out / "index.html", index)
        shutil.rmtree(trash, ignore_errors=True)
        return PublishResult(
            target=str(out),
            feed_url=f"{base_url(settings)}feed.xml",
            episodes=count,
            deleted=(slug,),
            feed_changed=True,
        )
