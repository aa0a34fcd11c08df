"""What of an output folder is published, and as what type: one rule for every place
that hands its files out (the S3 publisher, ``narrator serve`` and the service's
``/files``)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

#: Longest suffix first, where one ends another (``.chapters.json`` before ``.json``).
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".chapters.json": "application/json+chapters",
    ".transcript.json": "application/json",
    ".json": "application/json",
    ".xml": "application/rss+xml",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".html": "text/html; charset=utf-8",
}


def content_type(name: str) -> str:
    """The Content-Type a podcast app or a browser expects for a published file."""
    for suffix, ctype in CONTENT_TYPES.items():
        if name.endswith(suffix):
            return ctype
    return "application/octet-stream"


def unpublished(url_path: str) -> bool:
    """Whether a request path names something that is never published: anything under a
    dotted name (the job store, the slug claims, lock files, folders still being written),
    percent-encoded or not."""
    return any(part.startswith(".") for part in unquote(urlsplit(url_path).path).split("/") if part)
