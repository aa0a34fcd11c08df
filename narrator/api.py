"""The library API, and the only orchestration in narrator: the CLI, the HTTP service
and the job workers call these functions and nothing below them.

ingest -> clean -> script -> synthesise -> assemble -> episode -> publish

The rule for a new episode lives in :func:`narrate`: write it (as a draft if asked),
listen to it if asked and hold it back when the check flags it, then rebuild every
feed it belongs to.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .episodes.store import EpisodeStore
from .errors import HeldError, OutputError
from .ingest.clean import clean_article
from .ingest.sources import ingest
from .models import Article, Episode, EpisodeRecord, PublishResult, Script, Status, VoiceProfile
from .output import ensure_writable, slugify
from .script import build_script
from .settings import LOCAL_BASE_URL, Settings, with_overrides
from .synth.voices import Voicing, list_profiles, load_profile, pick_voice, voicing_for
from .text.lexicon import Lexicon, load_lexicons

if TYPE_CHECKING:
    from .check import CheckReport
    from .lint import Finding
    from .synth.cache import ClipCache

#: Called once with the number of chunks to synthesise, then with 1 after each.
Progress = Callable[[int], None]


# -- reading ------------------------------------------------------------------------------
def read_article(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Article:
    """Ingest and clean: the article's own content and metadata."""
    return clean_article(ingest(source, settings, data=data, fmt=fmt))


def _lexicon(profile: VoiceProfile, settings: Settings) -> Lexicon:
    """The publication's lexicon with the voice's own on top."""
    return load_lexicons([settings.lexicon, profile.lexicon], settings.lexicons_dir)


def _script(article: Article, voicing: Voicing, settings: Settings) -> Script:
    speaker = voicing.engine
    return build_script(article, settings, max_chars=voicing.max_chars, lexicon=_lexicon(voicing.profile, settings),
                        engine=voicing.pronouncer, initialisms=speaker.initialisms,
                        words=speaker.known_words())  # fmt: skip


def make_script(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Script:
    """Everything that would be spoken for ``source`` by the configured voice, without
    synthesising."""
    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    return _script(read_article(source, settings, data=data, fmt=fmt), voicing, settings)


def lint(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> tuple[Script, list[Finding]]:
    """The script for ``source`` and what an editor should fix before narrating it."""
    from .lint import lint_script

    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    script = _script(read_article(source, settings, data=data, fmt=fmt), voicing, settings)
    return script, lint_script(script, _lexicon(voicing.profile, settings), voicing.engine)


# -- narrating ----------------------------------------------------------------------------
@contextlib.contextmanager
def _clip_cache(settings: Settings) -> Iterator[ClipCache]:
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


def _write(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None,
    fmt: str | None,
    progress: Progress | None,
    status: Status,
) -> Episode:
    """Narrate ``source`` into its episode folder, without touching any feed."""
    # Audio modules load here, not at import, so `narrator script` starts quickly.
    from .assemble.master import Encoding, master
    from .episodes.write import write_episode
    from .synth.synthesise import Synthesiser, check_voice, default_jobs, script_keys

    started = time.perf_counter()
    load_profile(settings.voice, settings.voices_dir)  # an unknown voice fails before any work
    store = EpisodeStore(ensure_writable(Path(settings.out)))
    article = read_article(source, settings, data=data, fmt=fmt)
    voicing = voicing_for(pick_voice(article, settings.voice, settings.voices_dir), settings.voices_dir)
    check_voice(voicing.engine, voicing.profile)
    script = _script(article, voicing, settings)
    keys = script_keys(script, voicing)
    encoding = Encoding(bitrate=settings.audio.bitrate, sample_rate=settings.audio.sample_rate,
                        target=settings.audio.loudness)  # fmt: skip
    with _clip_cache(settings) as cache:
        # Synthesis runs in the background while finished segments are encoded.
        jobs = settings.jobs or default_jobs()
        with Synthesiser(voicing, cache, keys.tasks, jobs=jobs, progress=progress) as synthesiser:
            audio = master(script, voicing.profile, keys, synthesiser, cache, encoding)
        slug = slugify(article.title, fallback=slugify(Path(str(source)).stem, "article"))
        return write_episode(
            store,
            slug,
            encoded=audio,
            script=script,
            voice=voicing.profile.name,
            engine=voicing.engine.name,
            settings=settings,
            status=status,
            stats={
                "intro_voice": voicing.intro.name if voicing.intro else None,
                "elapsed_seconds": round(time.perf_counter() - started, 3),
            },
        )


def narrate(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
    draft: bool = False,
    check: bool = False,
    force: bool = False,
) -> Episode:
    """Narrate ``source`` into ``settings.out/<slug>/`` and rebuild every feed.

    A ``draft`` stays out of feeds until :func:`set_status` publishes it. With
    ``check``, the episode is transcribed first and, if a section is flagged, held back
    from every feed (HeldError) unless ``force`` is given.
    """
    episode = _write(source, settings, data=data, fmt=fmt, progress=progress, status="draft" if draft else "published")
    if check:
        report = check_episode(episode.directory)
        if report.flagged and not force:
            EpisodeStore(Path(settings.out)).set_status(episode.slug, "held", report.as_dict())
            publish_everywhere(settings)
            bad = "; ".join(f"{s.title}: {s.reason} (WER {s.wer:.0%})" for s in report.sections if s.flagged)
            raise HeldError(f"{episode.directory}: held back from the feed by the check: {bad}")
    publish_everywhere(settings)
    return episode


def check_episode(folder: Path, *, max_wer: float | None = None) -> CheckReport:
    """Transcribe an episode offline and score each section against its script."""
    from .check import DEFAULT_MAX_WER
    from .check import check_episode as run

    return run(Path(folder), max_wer=DEFAULT_MAX_WER if max_wer is None else max_wer)


# -- the episode store and the feeds ------------------------------------------------------
def list_episodes(settings: Settings) -> list[EpisodeRecord]:
    """Every episode in the output folder, whatever its status, newest first."""
    return EpisodeStore(Path(settings.out)).all()


def find_episode(slug: str, settings: Settings) -> EpisodeRecord | None:
    """Episode ``slug`` of the output folder, or None if there is none."""
    return EpisodeStore(Path(settings.out)).read(slug)


def publish(settings: Settings, *, target: str | None = None) -> PublishResult:
    """Publish the output folder's episodes to ``target`` (the folder itself when None,
    or ``s3://bucket/prefix``) and rebuild its feed."""
    from .publish import load_publisher

    return load_publisher(target).publish(Path(settings.out), settings)


def publish_everywhere(settings: Settings) -> list[PublishResult]:
    """Rebuild the folder's own feed, then publish to ``publish_to`` if it is set."""
    results = [publish(settings)]
    if settings.publish_to:
        results.append(publish(settings, target=settings.publish_to))
    return results


def unpublish(slug: str, settings: Settings, *, target: str | None = None) -> PublishResult:
    """Take episode ``slug`` out of ``target`` (the folder itself when None) and its feed."""
    from .publish import load_publisher

    return load_publisher(target).unpublish(slug, Path(settings.out), settings)


def retract(slug: str, settings: Settings) -> PublishResult:
    """Remove episode ``slug`` from the folder and from ``publish_to``, if it reached it."""
    from .errors import NarratorError

    result = unpublish(slug, settings)
    if settings.publish_to:
        with contextlib.suppress(NarratorError):  # it may never have reached the store
            unpublish(slug, settings, target=settings.publish_to)
    return result


def set_status(slug: str, status: Status, settings: Settings) -> EpisodeRecord:
    """Publish a draft or held episode, or take one back to draft, and rebuild every feed."""
    record = EpisodeStore(Path(settings.out)).set_status(slug, status)
    publish_everywhere(settings)
    return record


def embed(slug: str, settings: Settings, base_url: str | None = None) -> str:
    """The accessible player snippet for episode ``slug``, for a CMS to paste."""
    from .episodes.player import embed_snippet
    from .episodes.transcript import parse_vtt

    store = EpisodeStore(Path(settings.out))
    record = store.get(slug)
    cues = parse_vtt((store.folder(slug) / record.files.transcript).read_text(encoding="utf-8"))
    return embed_snippet(record, cues, settings, base_url or settings.podcast.public_base_url or LOCAL_BASE_URL)


def preview_server(settings: Settings, host: str, port: int):
    """An HTTP server for previewing the output folder, its feed rebuilt for its address."""
    from .publish.serve import make_server

    base = f"http://{host if host != '0.0.0.0' else '127.0.0.1'}:{port}/"
    if not settings.podcast.public_base_url:
        settings = with_overrides(settings, public_base_url=base)
    publish(settings)
    return make_server(Path(settings.out), host, port), base


# -- voices -------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class VoiceInfo:
    """A voice profile, and whether it can run here."""

    profile: VoiceProfile
    reason: str | None  # why it can't run here, or None
    default: bool

    @property
    def available(self) -> bool:
        return self.reason is None


def voices(settings: Settings) -> list[VoiceInfo]:
    """Every voice profile, the user's first, and whether each can run here."""
    from .errors import EngineError
    from .synth.engines import load_engine

    found = []
    for profile in list_profiles(settings.voices_dir):
        try:
            reason = load_engine(profile.engine).unavailable(profile)
        except EngineError as exc:
            reason = str(exc)
        found.append(VoiceInfo(profile=profile, reason=reason, default=profile.name == settings.voice))
    return found
