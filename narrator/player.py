"""The accessible player: an episode page beside the MP3, a readable transcript page, and
a snippet for a CMS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import OutputError
from .models import Chapter, Cue, Script
from .settings import Settings
from .templates import environment, render
from .transcript import parse_vtt

PAGE = "index.html"
TRANSCRIPT_PAGE = "transcript.html"


def _published(value: str | None) -> str | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return f"{when:%B} {when.day}, {when.year}"


def render_player(
    meta: dict[str, Any],
    cues: list[Cue] | tuple[Cue, ...],
    settings: Settings,
    *,
    standalone: bool,
    base_url: str = "",
) -> str:
    """The player HTML for one episode. ``base_url`` prefixes its file links."""
    chapters = [Chapter(start=c["start"], title=c["title"]) for c in meta.get("chapters", [])]
    transcript_page = meta["files"].get("transcript_page") if standalone else None
    return render(
        environment(settings.templates_dir),
        "player.html.j2",
        standalone=standalone,
        slug=meta["slug"],
        title=meta["title"],
        author=meta.get("author"),
        published=_published(meta.get("published")),
        language=meta.get("language"),
        disclosure=meta.get("disclosure") or settings.disclosure_text,
        podcast=settings.podcast_title,
        artwork=settings.podcast_image,
        transcript_page=quote(transcript_page) if transcript_page else None,
        audio_url=base_url + quote(meta["files"]["audio"]),
        duration=round(float(meta["duration"])),
        megabytes=f"{int(meta['bytes']) / 1_000_000:.1f}",
        chapters=[{"start": round(c.start, 2), "title": c.title} for c in chapters],
        cues=[{"start": round(c.start, 2), "end": round(c.end, 2), "text": c.text} for c in cues],
    )


def _transcript_sections(
    meta: dict[str, Any], cues: list[Cue] | tuple[Cue, ...], script: Script | None
) -> list[dict[str, Any]]:
    """The transcript by chapter, in paragraphs. The script, when given, says where each
    paragraph ends and which sentences are section headings (the chapter title says those)."""
    utterances = [u for part in script.parts for u in part.utterances] if script else []
    if len(utterances) != len(cues):
        utterances = []
    chapters = meta.get("chapters") or [{"start": 0.0, "title": meta["title"]}]
    sections: list[dict[str, Any]] = [{"title": c["title"], "paragraphs": []} for c in chapters]
    starts = [float(c["start"]) for c in chapters]
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
    meta: dict[str, Any], cues: list[Cue] | tuple[Cue, ...], settings: Settings, *, script: Script | None = None
) -> str:
    """The transcript as a web page to read, beside the episode page in its folder."""
    return render(
        environment(settings.templates_dir),
        "transcript.html.j2",
        title=meta["title"],
        author=meta.get("author"),
        published=_published(meta.get("published")),
        language=meta.get("language"),
        disclosure=meta.get("disclosure") or settings.disclosure_text,
        audio_url=quote(meta["files"]["audio"]),
        page=quote(meta["files"].get("page", PAGE)),
        megabytes=f"{int(meta['bytes']) / 1_000_000:.1f}",
        duration=round(float(meta["duration"])),
        sections=_transcript_sections(meta, cues, script),
    )


def embed_snippet(out: Path, slug: str, settings: Settings, base_url: str | None = None) -> str:
    """The snippet for the episode ``slug`` in ``out``, with absolute links."""
    from .episode import read_metadata

    meta = read_metadata(Path(out) / slug / "episode.json")
    if meta is None:
        raise OutputError(f"{slug}: no such episode in {out}")
    cues = parse_vtt((Path(out) / slug / meta["files"]["transcript"]).read_text(encoding="utf-8"))
    base = (base_url or settings.public_base_url).rstrip("/") + "/"
    return render_player(meta, cues, settings, standalone=False, base_url=f"{base}{quote(slug)}/")
