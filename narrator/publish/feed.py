"""The podcast feed: RSS 2.0 with the itunes and Podcasting 2.0 namespaces, rebuilt
from the episodes' metadata every time, never edited in place."""

from __future__ import annotations

import datetime as dt
import email.utils
import uuid
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from ..settings import Settings
from ..templates import environment, render

# The namespace Podcasting 2.0 defines for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

#: (episode metadata, file name in the episode folder) -> public URL of that file
FileUrl = Callable[[dict[str, Any], str], str]


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def _when(value: str | None, zone: ZoneInfo) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def rfc2822(meta: dict[str, Any], zone: ZoneInfo) -> str:
    """The episode's date for pubDate: the article's, else when it was narrated."""
    when = _when(meta.get("published"), zone) or _when(meta.get("narrated_at"), zone)
    when = when or dt.datetime.now(dt.UTC)
    return email.utils.format_datetime(when)


def _item(meta: dict[str, Any], file_url: FileUrl, zone: ZoneInfo) -> dict[str, Any]:
    files = meta["files"]
    return {
        "title": meta["title"],
        "description": meta.get("description") or meta["title"],
        "link": meta.get("url") or file_url(meta, files.get("page", "")),
        "guid": meta["guid"],
        "pub_date": rfc2822(meta, zone),
        "author": meta.get("author"),
        "audio_url": file_url(meta, files["audio"]),
        "length": int(meta["bytes"]),
        "duration": round(float(meta["duration"])),
        "transcripts": [
            (file_url(meta, files["transcript"]), "text/vtt"),
            *([(file_url(meta, files["srt"]), "application/x-subrip")] if "srt" in files else []),
            *([(file_url(meta, files["json_transcript"]), "application/json")] if "json_transcript" in files else []),
        ],
        "chapters_url": file_url(meta, files["chapters"]),
        "language": meta.get("language"),
    }


def render_feed(
    episodes: list[dict[str, Any]],
    settings: Settings,
    *,
    feed_url: str,
    site_url: str,
    file_url: FileUrl,
) -> str:
    """The feed XML for ``episodes`` (already newest first)."""
    zone = ZoneInfo(settings.timezone)
    env = environment(settings.templates_dir)
    channel = {
        "title": settings.podcast_title,
        "link": settings.podcast_link or site_url,
        "description": settings.podcast_description,
        "language": settings.podcast_language,
        "image": settings.podcast_image,
        "category": settings.podcast_category,
        "explicit": "true" if settings.podcast_explicit else "false",
        "author": settings.podcast_author or settings.podcast_title,
        "owner_name": settings.podcast_owner_name or settings.podcast_author or settings.podcast_title,
        "owner_email": settings.podcast_owner_email,
        "type": settings.podcast_type,
        "locked": "yes" if settings.podcast_locked else "no",
        "medium": settings.podcast_medium,
        "feed_url": feed_url,
        "guid": podcast_guid(feed_url),
        "last_build": email.utils.format_datetime(dt.datetime.now(dt.UTC).replace(microsecond=0)),
    }
    items = [_item(meta, file_url, zone) for meta in episodes]
    if items:
        channel["last_build"] = max((i["pub_date"] for i in items), key=lambda d: email.utils.parsedate_to_datetime(d))
    return render(env, "feed.xml.j2", channel=channel, items=items)
