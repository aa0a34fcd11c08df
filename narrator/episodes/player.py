"""The accessible player: an episode page beside the MP3, a readable transcript page, and
a snippet for a CMS."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from ..models import Cue, EpisodeRecord, Script
from ..settings import Settings
from ..support.templates import environment, render

PAGE = "index.html"
TRANSCRIPT_PAGE = "transcript.html"


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
    transcript_page = record.files.transcript_page if standalone else None
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
        podcast=settings.podcast.title,
        artwork=settings.podcast.image,
        stats_url=settings.podcast.stats_url,
        transcript_page=quote(transcript_page) if transcript_page else None,
        audio_url=base_url + quote(record.files.audio),
        duration=round(record.duration),
        megabytes=f"{record.bytes / 1_000_000:.1f}",
        chapters=[{"start": round(c.start, 2), "title": c.title} for c in record.chapters],
        cues=[{"start": round(c.start, 2), "end": round(c.end, 2), "text": c.text} for c in cues],
    )


def _transcript_sections(
    record: EpisodeRecord, cues: list[Cue] | tuple[Cue, ...], script: Script | None
) -> list[dict[str, Any]]:
    """The transcript by chapter, in paragraphs. The script, when given, says where each
    paragraph ends and which sentences are section headings (the chapter title says those)."""
    utterances = [u for part in script.parts for u in part.utterances] if script else []
    if len(utterances) != len(cues):
        utterances = []
    chapters = [(c.start, c.title) for c in record.chapters] or [(0.0, record.title)]
    sections: list[dict[str, Any]] = [{"title": title, "paragraphs": []} for _, title in chapters]
    starts = [start for start, _ in chapters]
    paragraph: list[str] = []
    owner = 0
    for i, cue in enumerate(cues):
        index = max(0, sum(1 for s in starts if s <= cue.start + 0.01) - 1)
        if index != owner and paragraph:
            sections[owner]["paragraphs"].append(" ".join(paragraph))
            paragraph = []
        owner = index
        if utterances and utterances[i].kind == "heading":
            continue
        paragraph.append(cue.text)
        if not utterances or utterances[i].pause != "sentence":
            sections[owner]["paragraphs"].append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        sections[owner]["paragraphs"].append(" ".join(paragraph))
    return [s for s in sections if s["paragraphs"]]


def render_transcript(
    record: EpisodeRecord, cues: list[Cue] | tuple[Cue, ...], settings: Settings, *, script: Script | None = None
) -> str:
    """The transcript as a web page to read, beside the episode page in its folder."""
    return render(
        environment(settings.templates_dir),
        "transcript.html.j2",
        title=record.title,
        author=record.author,
        published=_published(record.published),
        language=record.language,
        disclosure=record.disclosure or settings.disclosure_text,
        audio_url=quote(record.files.audio),
        page=quote(record.files.page or PAGE),
        megabytes=f"{record.bytes / 1_000_000:.1f}",
        duration=round(record.duration),
        sections=_transcript_sections(record, cues, script),
    )


def embed_snippet(record: EpisodeRecord, cues: list[Cue], settings: Settings, base_url: str) -> str:
    """The snippet for an episode, with absolute links to its files under ``base_url``
    (the public URL of the output folder)."""
    base = base_url.rstrip("/") + "/"
    return render_player(record, cues, settings, standalone=False, base_url=f"{base}{quote(record.slug)}/")
