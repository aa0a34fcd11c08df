"""Episode folders: write one from a finished mix, and read them back for the feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from .assemble import Plan, render_mp3
from .audio import PEAK_CEILING, measure_file
from .errors import OutputError
from .models import Article, Episode, Script, VoiceProfile
from .output import staged_folder, write_atomic
from .player import PAGE, TRANSCRIPT_PAGE, render_player, render_transcript
from .settings import Settings
from .tags import write_tags
from .transcript import to_chapters_json, to_json_transcript, to_srt, to_vtt

EPISODE_NAMESPACE = uuid.UUID("5f0e8d4c-3b1a-5c7e-9a2d-6e4f8b1c0d93")
METADATA = "episode.json"
MAX_TRUE_PEAK = -1.0  # dBTP, what podcast platforms ask for
LOUDNESS_TOLERANCE = 0.3  # LU around the target


def episode_guid(article: Article) -> str:
    """Stable for an article: from its URL, else its title and author, so a
    re-narration after a correction keeps the same guid."""
    key = article.url or f"{article.title or ''}|{article.author or ''}"
    return str(uuid.uuid5(EPISODE_NAMESPACE, key))


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _description(article: Article, settings: Settings) -> str:
    first = article.paragraphs[0] if article.paragraphs else ""
    if len(first) > 400:
        first = first[:400].rsplit(" ", 1)[0] + "…"
    disclosure = settings.disclosure_text if settings.disclosure else ""
    return " ".join(part for part in (first, disclosure) if part)


def _sections(script: Script, plan: Plan) -> list[dict[str, Any]]:
    """Each part's time span and spoken text, for checking the audio against the script."""
    spoken = [p for p in script.parts if p.utterances]
    out = []
    for i, (part, chapter) in enumerate(zip(spoken, plan.chapters, strict=True)):
        end = plan.chapters[i + 1].start if i + 1 < len(plan.chapters) else plan.duration
        out.append({"title": chapter.title, "start": chapter.start, "end": round(end, 3), "text": part.text})
    return out


def write_episode(
    out: Path,
    slug: str,
    *,
    plan: Plan,
    gain: float,
    script: Script,
    voice: VoiceProfile,
    engine: str,
    settings: Settings,
    stats: dict[str, Any] | None = None,
) -> Episode:
    """Write ``out/slug/`` all at once: MP3 with ID3 tags, transcripts, chapters, metadata, page."""
    article = script.article
    title = article.title or slug.replace("-", " ").capitalize()
    with staged_folder(out, slug) as folder:
        audio = folder / f"{slug}.mp3"
        # Encode, then measure the MP3 itself: the encoder takes a little loudness away and
        # can overshoot between samples, so correct the gain or the ceiling and encode again.
        ceiling = PEAK_CEILING
        for _ in range(3):
            render_mp3(plan, audio, gain=gain, bitrate=settings.bitrate, sample_rate=settings.sample_rate,
                       ceiling=ceiling)  # fmt: skip
            lufs, true_peak = measure_file(audio)
            loud_ok = abs(lufs - settings.loudness) <= LOUDNESS_TOLERANCE
            if true_peak <= MAX_TRUE_PEAK and loud_ok:
                break
            if true_peak > MAX_TRUE_PEAK:
                ceiling *= 10 ** ((MAX_TRUE_PEAK - 0.3 - true_peak) / 20)
            if not loud_ok:
                gain *= 10 ** ((settings.loudness - lufs) / 20)
        disclosure = settings.disclosure_text if settings.disclosure else None
        description = _description(article, settings)
        write_tags(
            audio,
            title=title,
            author=article.author,
            album=settings.podcast_title,
            published=article.published,
            comment=description,
            disclosure=disclosure,
            chapters=plan.chapters,
            duration=plan.duration,
            artwork=settings.artwork,
        )
        files = {
            "audio": audio.name,
            "transcript": f"{slug}.vtt",
            "srt": f"{slug}.srt",
            "json_transcript": f"{slug}.transcript.json",
            "chapters": f"{slug}.chapters.json",
        }
        write_atomic(folder / files["transcript"], to_vtt(plan.cues))
        write_atomic(folder / files["srt"], to_srt(plan.cues))
        write_atomic(folder / files["json_transcript"], to_json_transcript(plan.cues))
        write_atomic(folder / files["chapters"], to_chapters_json(plan.chapters, title=title))
        meta = {
            "slug": slug,
            "guid": episode_guid(article),
            "version": _file_sha256(audio)[:16],
            "title": title,
            "author": article.author,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
            "url": article.url,
            "source": article.source,
            "format": article.format,
            "description": description,
            "voice": voice.name,
            "engine": engine,
            "duration": round(plan.duration, 3),
            "bytes": audio.stat().st_size,
            "loudness_lufs": round(lufs, 1),
            "true_peak_dbtp": round(true_peak, 1),
            "bitrate_kbps": settings.bitrate,
            "sample_rate": settings.sample_rate,
            "words": article.word_count,
            "characters_synthesised": script.characters,
            "disclosure": disclosure,
            "chapters": [{"start": c.start, "title": c.title} for c in plan.chapters],
            "sections": _sections(script, plan),
            "files": files,
            "narrated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **(stats or {}),
        }
        files["page"] = PAGE
        files["transcript_page"] = TRANSCRIPT_PAGE
        write_atomic(folder / TRANSCRIPT_PAGE, render_transcript(meta, plan.cues, settings, script=script))
        page = render_player(meta, plan.cues, settings, standalone=True)
        write_atomic(folder / PAGE, page)
        write_atomic(folder / METADATA, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    final = out / slug
    if not (final / files["audio"]).is_file():
        raise OutputError(f"{final}: episode was not written")
    return Episode(
        slug=slug,
        directory=final,
        audio=final / files["audio"],
        transcript=final / files["transcript"],
        chapters_file=final / files["chapters"],
        metadata_file=final / METADATA,
        duration=plan.duration,
        title=title,
        author=article.author,
        published=article.published,
        voice=voice.name,
        chapters=plan.chapters,
        cues=plan.cues,
    )


def read_metadata(path: Path) -> dict[str, Any] | None:
    """An episode.json, or None if it is missing or unreadable (a half-copied folder)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("slug") and data.get("guid") else None


def local_episodes(out: Path) -> list[dict[str, Any]]:
    """Every complete episode folder in ``out``, newest first."""
    episodes = []
    if out.is_dir():
        for meta_path in sorted(out.glob(f"*/{METADATA}")):
            if meta_path.parent.name.startswith("."):
                continue  # a folder still being written
            meta = read_metadata(meta_path)
            if meta and not meta.get("held") and (meta_path.parent / meta["files"]["audio"]).is_file():
                episodes.append(meta)
    return sort_newest_first(episodes)


def sort_newest_first(episodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(episodes, key=lambda m: (m.get("published") or m.get("narrated_at") or "", m["slug"]), reverse=True)


def hold_episode(folder: Path, report: dict[str, Any]) -> None:
    """Mark an episode as held back from feeds, with the check that flagged it."""
    path = Path(folder) / METADATA
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["held"] = True
    meta["check"] = report
    write_atomic(path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
