"""The accessible player: an episode page beside the MP3, and a snippet for a CMS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import OutputError
from ..models import Chapter, Cue
from ..settings import Settings
from ..templates import environment, render
from .transcript import parse_vtt

PAGE = "index.html"


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
        audio_url=base_url + quote(meta["files"]["audio"]),
        duration=round(float(meta["duration"])),
        megabytes=f"{int(meta['bytes']) / 1_000_000:.1f}",
        chapters=[{"start": round(c.start, 2), "title": c.title} for c in chapters],
        cues=[{"start": round(c.start, 2), "end": round(c.end, 2), "text": c.text} for c in cues],
    )


def embed_snippet(out: Path, slug: str, settings: Settings, base_url: str | None = None) -> str:
    """The snippet for the episode ``slug`` in ``out``, with absolute links."""
    from .write import read_metadata

    meta = read_metadata(Path(out) / slug / "episode.json")
    if meta is None:
        raise OutputError(f"{slug}: no such episode in {out}")
    cues = parse_vtt((Path(out) / slug / meta["files"]["transcript"]).read_text(encoding="utf-8"))
    base = (base_url or settings.public_base_url).rstrip("/") + "/"
    return render_player(meta, cues, settings, standalone=False, base_url=f"{base}{quote(slug)}/")
