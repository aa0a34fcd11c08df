"""The static site an output folder becomes: the feed and an index page of episodes."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from ..episodes.store import EpisodeStore
from ..models import EpisodeRecord
from ..settings import LOCAL_BASE_URL, Settings, with_overrides
from ..support.templates import environment, render
from .cover import COVER
from .feed import FEED, podcast_guid, render_feed


def base_url(settings: Settings) -> str:
    """The public URL of the output folder, ending in a slash."""
    return (settings.podcast.public_base_url or LOCAL_BASE_URL).rstrip("/") + "/"


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def listen_minutes(duration: float) -> int:
    """Minutes to listen, as news sites round them: to the nearest minute, halves up
    (1:29 is 1, 1:30 is 2), at least 1. It starts from the whole seconds the player and
    the feed show, so a page never says 1:30 beside "1 min"."""
    seconds = round(duration)
    return max(1, (seconds + 30) // 60)


def render_site(store: EpisodeStore, settings: Settings, *, base: str | None = None) -> tuple[str, str, int]:
    """The feed, the index page and the number of episodes listed in them; ``base`` is
    where the folder is served from (by default, its public URL)."""
    base = base or base_url(settings)
    episodes = store.listed()

    def file_url(record: EpisodeRecord, name: str) -> str:
        return f"{base}{quote(record.slug)}/{quote(name)}"

    cover = f"{base}{COVER}" if (store.out / COVER).is_file() else None
    feed = render_feed(episodes, settings, feed_url=f"{base}{FEED}", site_url=base, file_url=file_url, image=cover)
    items = []
    for r in episodes:
        folder = quote(r.slug) + "/"
        page = folder + quote(r.files.page or "index.html")
        # The readable transcript page; an episode from before it existed has the
        # transcript on its episode page.
        transcript = r.files.transcript_page
        items.append(
            {
                "slug": r.slug,
                "title": r.title,
                "author": r.author,
                "published": _day(r.published),
                "minutes": listen_minutes(r.duration),
                "megabytes": f"{r.bytes / 1_000_000:.1f}",
                "page": page,
                "audio": folder + quote(r.files.audio),
                "transcript": folder + quote(transcript) if transcript else page,
            }
        )
    podcast = settings.podcast
    channel = {"title": podcast.title, "description": podcast.description, "language": podcast.language}
    index = render(
        environment(settings.templates_dir), "index.html.j2", channel=channel, items=items, feed_url=FEED
    )
    return feed, index, len(episodes)


def preview_files(store: EpisodeStore, settings: Settings, base: str) -> dict[str, bytes]:
    """The feed (and the index page, unless the folder has its own) as ``narrator serve``
    shows them at ``base``, rendered in memory: the folder is never written to. The feed
    keeps the guid the public feed has, not one made for this address."""
    preview = settings
    if not settings.podcast.guid:
        public = settings.podcast.public_base_url
        preview = with_overrides(preview, podcast_guid=podcast_guid((public or base).rstrip("/") + "/" + FEED))
    feed, index, _ = render_site(store, preview, base=base)
    files = {FEED: feed.encode()}
    if not (store.out / "index.html").is_file():
        files["index.html"] = index.encode()
    return files
