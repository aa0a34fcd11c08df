"""The library API: each function runs the stages in order.

ingest -> clean -> script -> synthesise -> assemble -> output
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from .assemble import master, stitch, write_mp3
from .clean import clean_article
from .engines import TTSEngine, load_engine
from .errors import OutputError
from .ingest import ingest
from .models import Article, Episode, Script, VoiceProfile
from .output import ensure_writable, slugify, staged_folder, write_atomic
from .script import build_script
from .settings import Settings
from .synthesise import check_voice, synthesise_script
from .transcript import to_chapters_json, to_vtt
from .voices import load_profile

#: Called once with the number of utterances, then with 1 after each is synthesised.
Progress = Callable[[int], None]
EPISODE_NAMESPACE = uuid.UUID("5f0e8d4c-3b1a-5c7e-9a2d-6e4f8b1c0d93")


def read_article(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Article:
    """Ingest and clean: the article's own content and metadata."""
    return clean_article(ingest(source, settings, data=data, fmt=fmt))


def voice_and_engine(settings: Settings, voice: str | None = None) -> tuple[VoiceProfile, TTSEngine]:
    profile = load_profile(voice or settings.voice, settings.voices_dir)
    engine = load_engine(profile.engine)
    return profile, engine


def make_script(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
) -> Script:
    """Everything that would be spoken for ``source``, without synthesising."""
    profile, engine = voice_and_engine(settings)
    article = read_article(source, settings, data=data, fmt=fmt)
    del profile
    return build_script(article, settings, max_chars=engine.max_chars)


def episode_guid(article: Article) -> str:
    """Stable for an article: from its URL, else its title, so re-narration keeps it."""
    key = article.url or f"{article.title or ''}|{article.author or ''}|{article.source}"
    return str(uuid.uuid5(EPISODE_NAMESPACE, key))


def narrate(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> Episode:
    """Narrate ``source`` into ``settings.out/<slug>/``; returns the episode written."""
    started = time.perf_counter()
    profile, engine = voice_and_engine(settings)
    check_voice(engine, profile)
    out = ensure_writable(Path(settings.out))
    article = read_article(source, settings, data=data, fmt=fmt)
    script = build_script(article, settings, max_chars=engine.max_chars)
    if progress:
        progress(sum(len(p.utterances) for p in script.parts))
    clips = synthesise_script(script, engine, profile, progress=progress)
    mix, measured = master(stitch(script, clips, profile), settings.loudness)

    slug = slugify(article.title, fallback=slugify(Path(str(source)).stem, "article"))
    title = article.title or slug.replace("-", " ").capitalize()
    with staged_folder(out, slug) as folder:
        audio = folder / f"{slug}.mp3"
        tags = {"title": title, "artist": article.author or "", "comment": settings.disclosure_text, "genre": "Speech"}
        if article.published:
            tags["date"] = str(article.published.year)
        write_mp3(mix, audio, bitrate=settings.bitrate, sample_rate=settings.sample_rate, tags=tags)
        write_atomic(folder / f"{slug}.vtt", to_vtt(mix.cues))
        write_atomic(folder / f"{slug}.chapters.json", to_chapters_json(mix.chapters, title=title))
        meta = {
            "slug": slug,
            "guid": episode_guid(article),
            "title": title,
            "author": article.author,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
            "url": article.url,
            "source": article.source,
            "format": article.format,
            "voice": profile.name,
            "engine": engine.name,
            "duration": round(mix.duration, 3),
            "bytes": audio.stat().st_size,
            "loudness_lufs": round(measured, 2),
            "bitrate_kbps": settings.bitrate,
            "sample_rate": settings.sample_rate,
            "words": article.word_count,
            "characters_synthesised": script.characters,
            "disclosure": settings.disclosure_text if settings.disclosure else None,
            "chapters": [{"start": c.start, "title": c.title} for c in mix.chapters],
            "files": {
                "audio": audio.name,
                "transcript": f"{slug}.vtt",
                "chapters": f"{slug}.chapters.json",
            },
            "narrated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "elapsed_seconds": round(time.perf_counter() - started, 3),
        }
        write_atomic(folder / "episode.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    final = out / slug
    if not (final / f"{slug}.mp3").is_file():
        raise OutputError(f"{final}: episode was not written")
    return Episode(
        slug=slug,
        directory=final,
        audio=final / f"{slug}.mp3",
        transcript=final / f"{slug}.vtt",
        chapters_file=final / f"{slug}.chapters.json",
        metadata_file=final / "episode.json",
        duration=mix.duration,
        title=title,
        author=article.author,
        published=article.published,
        voice=profile.name,
        chapters=mix.chapters,
        cues=mix.cues,
    )
