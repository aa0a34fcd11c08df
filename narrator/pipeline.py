"""The library API: each function runs the stages in order.

ingest -> clean -> script -> synthesise -> assemble -> output
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .assemble import master, stitch
from .clean import clean_article
from .engines import TTSEngine, load_engine
from .episode import write_episode
from .ingest import ingest
from .models import Article, Episode, Script, VoiceProfile
from .output import ensure_writable, slugify
from .script import build_script
from .settings import Settings
from .synthesise import check_voice, synthesise_script
from .voices import load_profile

#: Called once with the number of utterances, then with 1 after each is synthesised.
Progress = Callable[[int], None]


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


def narrate(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
    update_feed: bool = True,
) -> Episode:
    """Narrate ``source`` into ``settings.out/<slug>/`` and, unless ``update_feed`` is
    false, rebuild the output folder's feed so the episode is in it."""
    started = time.perf_counter()
    profile, engine = voice_and_engine(settings)
    check_voice(engine, profile)
    out = ensure_writable(Path(settings.out))
    article = read_article(source, settings, data=data, fmt=fmt)
    script = build_script(article, settings, max_chars=engine.max_chars)
    if progress:
        progress(sum(len(p.utterances) for p in script.parts))
    clips = synthesise_script(script, engine, profile, progress=progress)
    mix, _ = master(stitch(script, clips, profile), settings.loudness)
    slug = slugify(article.title, fallback=slugify(Path(str(source)).stem, "article"))
    episode = write_episode(
        out,
        slug,
        mix=mix,
        script=script,
        voice=profile,
        engine=engine.name,
        settings=settings,
        stats={"elapsed_seconds": round(time.perf_counter() - started, 3)},
    )
    if update_feed:
        from .publishers.local import LocalPublisher

        LocalPublisher().publish(out, settings)
    return episode
