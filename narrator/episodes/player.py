"""The accessible player: an episode page beside the MP3, and a snippet for a CMS."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from ..models import Cue, EpisodeRecord
from ..settings import Settings
from ..templates import environment, render

PAGE = "index.html"


def _published(value: dt.date | None) -> str | None:
    return f"{value:%B} {value.day}, {value.year}" if value else None


def render_player(
    record: EpisodeRecord,
    cues: list[Cue] | tuple[Cue, ...],
    settings: Settings,
    *,
    standalone: bool,
    base_url: str = "",
) -> str:
    """The player HTML for one episode. ``base_url`` prefixes its file links."""
    return render(
        environment(settings.templates_dir),
        "player.html.j2",
        standalone=standalone,
        slug=record.slug,
        title=record.title,
        author=record.author,
        published=_published(record.published),
        language=record.language,
        disclosure=record.disclosure or settings.disclosure_text,
        audio_url=base_url + quote(record.files.audio),
        duration=round(record.duration),
        megabytes=f"{record.bytes / 1_000_000:.1f}",
        chapters=[{"start": round(c.start, 2), "title": c.title} for c in record.chapters],
        cues=[{"start": round(c.start, 2), "end": round(c.end, 2), "text": c.text} for c in cues],
    )


def embed_snippet(record: EpisodeRecord, cues: list[Cue], settings: Settings, base_url: str) -> str:
    """The snippet for an episode, with absolute links to its files under ``base_url``
    (the public URL of the output folder)."""
    base = base_url.rstrip("/") + "/"
    return render_player(record, cues, settings, standalone=False, base_url=f"{base}{quote(record.slug)}/")
