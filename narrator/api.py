"""The library API: each function runs the stages in order.

ingest -> clean -> script -> synthesise -> assemble -> output
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError, VoiceError
from .ingest.clean import clean_article
from .ingest.sources import ingest
from .models import Article, Episode, Script, VoiceProfile
from .output import ensure_writable, slugify
from .script import build_script
from .settings import Settings
from .synth.engines import TTSEngine, load_engine
from .synth.voices import list_profiles, load_profile
from .text.lexicon import Lexicon, load_lexicons

if TYPE_CHECKING:
    from .synth.cache import ClipCache

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
    return build_script(
        article,
        settings,
        max_chars=engine.max_chars,
        lexicon=lexicon_for(profile, settings),
        phonemes=getattr(engine, "phonemes", None),
    )


def lexicon_for(profile: VoiceProfile, settings: Settings) -> Lexicon:
    """The publication's lexicon with the voice's own on top."""
    return load_lexicons([settings.lexicon, profile.lexicon], settings.lexicons_dir)


def pick_voice(article: Article, settings: Settings) -> VoiceProfile:
    """The configured voice if it speaks the article's language, else a profile that does.

    Raises VoiceError naming the language and the voices that exist when none fits.
    """
    profile = load_profile(settings.voice, settings.voices_dir)
    wanted = (article.language or "").split("-")[0].lower()
    if not wanted or profile.language == "any" or profile.language.split("-")[0].lower() == wanted:
        return profile
    profiles = list_profiles(settings.voices_dir)
    for candidate in profiles:
        if candidate.language.split("-")[0].lower() == wanted:
            reason = load_engine(candidate.engine).unavailable(candidate)
            if reason is None:
                return candidate
    known = ", ".join(f"{p.name} ({p.language})" for p in profiles)
    raise VoiceError(
        f"{article.source or 'article'}: the article is in {wanted!r} and no voice speaks it (voices: {known})"
    )


@contextlib.contextmanager
def clip_cache(settings: Settings) -> Iterator[ClipCache]:
    """The shared clip cache, or a throwaway one when caching is off."""
    from .synth.cache import ClipCache, default_cache_dir

    if not settings.cache:
        with tempfile.TemporaryDirectory(prefix="narrator-clips-") as folder:
            yield ClipCache(Path(folder), 0)
        return
    folder = Path(settings.cache_dir) if settings.cache_dir else default_cache_dir()
    cache = ClipCache(folder, settings.cache_max_mb * 1_000_000)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: can't create the clip cache: {exc.strerror}") from None
    yield cache
    cache.prune()


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
    # Audio modules load here, not at import, so `narrator script` starts quickly.
    from .assemble.audio import ENCODER_LOSS_LU
    from .assemble.plan import level, plan
    from .episodes.write import write_episode
    from .synth.synthesise import check_voice, default_jobs, synthesise_script

    started = time.perf_counter()
    load_profile(settings.voice, settings.voices_dir)  # an unknown voice fails before any work
    out = ensure_writable(Path(settings.out))
    article = read_article(source, settings, data=data, fmt=fmt)
    profile = pick_voice(article, settings)
    engine = load_engine(profile.engine)
    check_voice(engine, profile)
    intro = load_profile(profile.intro_voice, settings.voices_dir) if profile.intro_voice else None
    intro_engine = load_engine(intro.engine) if intro else None
    limit = min(engine.max_chars, intro_engine.max_chars) if intro_engine else engine.max_chars
    phonemes = getattr(engine, "phonemes", None)
    if intro_engine and getattr(intro_engine, "phonemes", None) != phonemes:
        phonemes = None  # two engines, two notations: use respellings both can read
    script = build_script(article, settings, max_chars=limit, lexicon=lexicon_for(profile, settings), phonemes=phonemes)
    jobs = settings.jobs or default_jobs()
    with clip_cache(settings) as cache:
        synthesis = synthesise_script(script, profile, cache=cache, intro_voice=intro, jobs=jobs, progress=progress)
        layout = plan(script, synthesis, profile)
        gain, _ = level(layout, settings.loudness + ENCODER_LOSS_LU)
        slug = slugify(article.title, fallback=slugify(Path(str(source)).stem, "article"))
        stats = {
            "characters_synthesised": synthesis.characters_synthesised,
            "characters_from_cache": synthesis.characters_cached,
            "engine_calls": synthesis.engine_calls,
            "intro_voice": intro.name if intro else None,
        }
        episode = write_episode(
            out,
            slug,
            plan=layout,
            gain=gain,
            script=script,
            voice=profile,
            engine=engine.name,
            settings=settings,
            stats={**stats, "elapsed_seconds": round(time.perf_counter() - started, 3)},
        )
    if update_feed:
        from .publish.local import LocalPublisher

        LocalPublisher().publish(out, settings)
    return episode
