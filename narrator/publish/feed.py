"""The podcast feed: RSS 2.0 with the itunes and Podcasting 2.0 namespaces, rebuilt
from the episodes' metadata every time, never edited in place."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import uuid
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from ..models import EpisodeRecord
from ..settings import Settings
from ..support.templates import environment, render

#: The feed's file name, in a published folder or under an S3 prefix.
FEED = "feed.xml"
# The namespace Podcasting 2.0 defines for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

#: (episode, file name in the episode folder) -> public URL of that file
FileUrl = Callable[[EpisodeRecord, str], str]


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def _when(value: dt.date | None, zone: ZoneInfo) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def rfc2822(record: EpisodeRecord, zone: ZoneInfo) -> str:
    """The episode's date for pubDate: the article's, else when it was narrated."""
    when = _when(record.published, zone) or _when(record.narrated_at, zone)
    when = when or dt.datetime.now(dt.UTC)
    return email.utils.format_datetime(when)


def _item(record: EpisodeRecord, file_url: FileUrl, zone: ZoneInfo) -> dict[str, Any]:
    files = record.files
    return {
        "title": record.title,
        "description": record.description or record.title,
        "link": record.url or file_url(record, files.page or ""),
        "guid": record.guid,
        "pub_date": rfc2822(record, zone),
        "author": record.author,
        "audio_url": file_url(record, files.audio),
        "length": record.bytes,
        "duration": round(record.duration),
        "transcripts": [
            (file_url(record, files.transcript), "text/vtt"),
            *([(file_url(record, files.srt), "application/x-subrip")] if files.srt else []),
            *([(file_url(record, files.json_transcript), "application/json")] if files.json_transcript else []),
        ],
        "chapters_url": file_url(record, files.chapters) if files.chapters else None,
        "language": record.language,
    }


def render_feed(
    episodes: list[EpisodeRecord],
    settings: Settings,
    *,
    feed_url: str,
    site_url: str,
    file_url: FileUrl,
    image: str | None = None,
    built: dt.datetime | None = None,
) -> str:
    """The feed XML for ``episodes`` (already newest first).

    ``image`` is the cover art's URL when ``podcast_image`` is not set (a generated
    cover); ``built`` is the build time for lastBuildDate (now by default)."""
    zone = ZoneInfo(settings.timezone)
    env = environment(settings.templates_dir)
    podcast = settings.podcast
    built = (built or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    channel = {
        "title": podcast.title,
        "link": podcast.link or site_url,
        "description": podcast.description,
        "language": podcast.language,
        "image": podcast.image or image,
        "category": podcast.category,
        "explicit": "true" if podcast.explicit else "false",
        "author": podcast.author or podcast.title,
        "owner_name": podcast.owner_name or podcast.author or podcast.title,
        "owner_email": podcast.owner_email,
        "type": podcast.type,
        "locked": "yes" if podcast.locked else "no",
        "medium": podcast.medium,
        "feed_url": feed_url,
        "guid": podcast.guid or podcast_guid(feed_url),
        "last_build": email.utils.format_datetime(built),
    }
    items = [_item(record, file_url, zone) for record in episodes]
    return render(env, "feed.xml.j2", channel=channel, items=items)


_BUILD_DATE = re.compile(r"<lastBuildDate>[^<]*</lastBuildDate>")


def same_feed(old: str | bytes | None, new: str | bytes) -> bool:
    """Whether two feeds say the same apart from when they were built, so an unchanged
    feed is not rewritten (and keeps its lastBuildDate)."""
    if old is None:
        return False
    as_text = [x.decode("utf-8", "replace") if isinstance(x, bytes) else x for x in (old, new)]
    return _BUILD_DATE.sub("", as_text[0]) == _BUILD_DATE.sub("", as_text[1])
