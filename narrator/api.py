"""The library API, and the only orchestration in narrator: the CLI, the HTTP service
and the job workers call these functions and nothing below them.

ingest -> clean -> script -> master (synthesise while assembling) -> episode -> publish

The rule for a new episode lives in :func:`narrate`: write it (as a draft if asked),
listen to it if asked and hold it back when the check flags it, then rebuild every
feed it belongs to.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .episodes.slugs import slugify
from .episodes.store import EpisodeStore, valid_slug
from .errors import HeldError, OutputError
from .ingest.clean import clean_article
from .ingest.limits import within_limits
from .ingest.sources import ingest
from .models import Article, Episode, EpisodeRecord, Progress, PublishResult, Script, Status, VoiceInfo, VoiceProfile
from .script.build import build_script
from .settings import LOCAL_BASE_URL, Settings, with_overrides
from .support.files import StagedFolder, ensure_writable, writing_in
from .synth.cache import cache_folder
from .synth.voices import Voicing, list_profiles, load_profile, pick_voice, voice_infos, voicing_for
from .text.lexicon import Lexicon, load_lexicons

if TYPE_CHECKING:
    from .episodes.check import CheckReport
    from .follow.report import PollResult
    from .publish.identity import Identity
    from .script.lint import Finding


# -- reading ------------------------------------------------------------------------------
def start_process() -> None:
    """What a program that runs narrator (its command line, service and workers) sets
    once for its whole process, before any work: how the C allocator returns memory
    (:mod:`narrator.support.memory`). Library callers in another program leave it alone."""
    from .support.memory import return_large_blocks

    return_large_blocks()


def read_article(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Article:
    """Ingest and clean: the article's own content and metadata, within the limits the
    settings set (:func:`narrator.ingest.limits.within_limits`)."""
    return within_limits(clean_article(ingest(source, settings, data=data, fmt=fmt)), settings, source)


def _lexicon(profile: VoiceProfile, settings: Settings) -> Lexicon:
    """The publication's lexicon with the voice's own on top."""
    return load_lexicons([settings.lexicon, profile.lexicon], settings.lexicons_dir)


def _script(
    article: Article, voicing: Voicing, settings: Settings, words: Set[str] | None = None
) -> Script:  # fmt: skip
    speaker = voicing.engine
    return build_script(article, settings, max_chars=voicing.max_chars, lexicon=_lexicon(voicing.profile, settings),
                        engine=voicing.pronouncer, initialisms=speaker.initialisms,
                        words=voicing.known_words(cache_folder(settings)) if words is None else words)  # fmt: skip


def make_script(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Script:
    """Everything that would be spoken for ``source`` by the configured voice, without
    synthesising."""
    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    return _script(read_article(source, settings, data=data, fmt=fmt), voicing, settings)


def readable(settings: Settings) -> Callable[[str], str]:
    """How a person reads what the configured voice says: its pronunciation markup
    (``[Kyiv](/kˈiɪv/)``) shown as the word it stands for."""
    return voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir).engine.unmark


def lint(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> tuple[Script, list[Finding]]:
    """The script for ``source`` and what an editor should fix before narrating it."""
    from .script.lint import lint_script

    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    words = voicing.known_words(cache_folder(settings))
    script = _script(read_article(source, settings, data=data, fmt=fmt), voicing, settings, words)
    return script, lint_script(script, _lexicon(voicing.profile, settings), voicing.engine, words)


# -- narrating ----------------------------------------------------------------------------
@contextlib.contextmanager
def _written(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None,
    fmt: str | None,
    progress: Progress | None,
    status: Status,
) -> Iterator[tuple[Episode, StagedFolder]]:
    """Narrate ``source`` into a staged episode folder, without touching any feed. The
    caller swaps it in; it is committed when the block succeeds and rolled back (the
    previous episode put back, or none) when it fails."""
    # Audio modules load here, not at import, so `narrator script` starts quickly.
    from .assemble.master import Encoding, master
    from .episodes.write import Narration, write_new
    from .synth.cache import clip_cache
    from .synth.synthesise import Synthesiser, check_voice, default_jobs, script_keys

    started = time.perf_counter()
    load_profile(settings.voice, settings.voices_dir)  # an unknown voice fails before any work
    article = read_article(source, settings, data=data, fmt=fmt)
    # Only now, with an article to narrate, is anything made in the output folder.
    store = EpisodeStore(ensure_writable(Path(settings.out)))
    voicing = voicing_for(pick_voice(article, settings.voice, settings.voices_dir), settings.voices_dir)
    check_voice(voicing.engine, voicing.profile)
    voicing.prepare(cache_folder(settings))
    script = _script(article, voicing, settings)
    keys = script_keys(script, voicing)
    encoding = Encoding(bitrate=settings.audio.bitrate, sample_rate=settings.audio.sample_rate,
                        target=settings.audio.loudness)  # fmt: skip
    with clip_cache(settings) as cache:
        # Synthesis runs in the background while finished segments are encoded.
        jobs = settings.jobs or default_jobs()
        with Synthesiser(voicing, cache, keys.tasks, jobs=jobs, progress=progress) as synthesiser:
            audio = master(script, voicing.profile, keys, synthesiser, cache, encoding)
        base = slugify(article.title, fallback=slugify(Path(str(source)).stem, "article"))
        narration = Narration(script=script, encoded=audio, voice=voicing.profile.name, engine=voicing.engine.name,
                              status=status, intro_voice=voicing.intro.name if voicing.intro else None,
                              elapsed_seconds=round(time.perf_counter() - started, 3))  # fmt: skip
        episode, staged = write_new(store, base, narration, settings)
    with staged:
        yield episode, staged


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

    The episode takes its place only when every step before the publish has passed, and
    a publish that fails puts the previous episode back (or none): a failed narration
    leaves nothing a later publish would put in a feed.
    """
    # The stored podcast, the public feeds' rules and the check are checked before any work.
    podcast = _podcast(settings)
    settings = podcast.settings
    if not draft:
        _refuse_broken_feeds(settings)
    if check:
        from .episodes.check import require_qa

        require_qa()
    held = None
    status: Status = "draft" if draft else "published"
    writes = writing_in(Path(settings.out), cache_folder(settings))
    with writes, _written(source, settings, data=data, fmt=fmt, progress=progress, status=status) as (episode, staged):
        try:
            if check:
                # Listened to where it was written, so the episode in place stays in
                # every feed until the new one has passed.
                report = replace(check_episode(staged.path), episode=str(episode.directory))
                if report.flagged and not force:
                    record = replace(episode.record, status="held", check=report.as_dict())
                    EpisodeStore(Path(settings.out)).write(record, staged.path)
                    episode = replace(episode, record=record)
                    held = "; ".join(f"{s.title}: {s.reason} (WER {s.wer:.0%})" for s in report.sections if s.flagged)
            staged.swap()
            _publish_all(podcast, removing=draft or held is not None)
        except BaseException:
            if staged.swapped:
                staged.rollback()
                with contextlib.suppress(Exception):  # the folder's feed as it was, if it can be written
                    _publish(podcast, None, removing=True)
            raise
    if held is not None:
        raise HeldError(f"{episode.directory}: held back from the feed by the check: {held}")
    return episode


def check_episode(folder: Path, *, max_wer: float | None = None) -> CheckReport:
    """Transcribe an episode offline and score each section against its script."""
    from .episodes.check import DEFAULT_MAX_WER
    from .episodes.check import check_episode as run

    return run(Path(folder), max_wer=DEFAULT_MAX_WER if max_wer is None else max_wer)


# -- the episode store and the feeds ------------------------------------------------------
def list_episodes(settings: Settings) -> list[EpisodeRecord]:
    """Every episode in the output folder, whatever its status, newest first."""
    return EpisodeStore(Path(settings.out)).all()


def find_episode(slug: str, settings: Settings) -> EpisodeRecord | None:
    """Episode ``slug`` of the output folder, or None if there is none."""
    return EpisodeStore(Path(settings.out)).read(slug)


def _podcast(settings: Settings, *, update: bool = False, strict: bool = True) -> Identity:
    """``settings`` with the podcast stored in the output folder applied (see
    :mod:`narrator.publish.identity`): read once by each call, and passed on."""
    from .publish.identity import resolve

    return resolve(settings, Path(settings.out), update=update, strict=strict)


def _targets(settings: Settings) -> list[str | None]:
    """Where the folder's episodes go: the folder itself, and ``publish_to`` if set."""
    return [None, settings.publish_to] if settings.publish_to else [None]


def _refuse_broken_feeds(settings: Settings) -> None:
    """PublishError, before any work, when a public feed this would rebuild breaks Apple's rules."""
    from .publish.rules import refuse_broken_feed

    for target in _targets(settings):
        refuse_broken_feed(settings, target)


def publish(
    settings: Settings,
    *,
    target: str | None = None,
    force: bool = False,
    update_podcast: bool = False,
    removing: bool = False,
) -> PublishResult:
    """Publish the output folder's episodes to ``target`` (the folder itself when None,
    or ``s3://bucket/prefix``) and rebuild its feed.

    The podcast stored in the folder (``OUT/podcast.toml``) is used whatever the
    settings say; an explicit setting that differs from it is a ConfigError unless
    ``update_podcast``. A public target's feed must meet Apple's rules unless ``force``.
    ``removing`` marks a publish that only takes episodes out: it is never refused."""
    podcast = _podcast(settings, update=update_podcast, strict=not removing)
    return _publish(podcast, target, force=force, removing=removing)[0]


def _publish(
    podcast: Identity, target: str | None, *, force: bool = False, removing: bool = False
) -> tuple[PublishResult, Identity]:
    """:func:`publish` with the stored podcast already read; returns the podcast as it
    is stored after it, for the next target."""
    from .publish import load_publisher
    from .publish.cover import ensure_cover
    from .publish.feed import FEED, podcast_guid
    from .publish.identity import write_identity
    from .publish.rules import is_local_url, refuse_broken_feed

    settings = podcast.settings
    out = Path(settings.out)
    publisher = load_publisher(target)
    base = publisher.public_base(settings)
    public = target is not None or not is_local_url(base)
    wanted = dict(podcast.wanted)
    if public and not settings.podcast.guid and not is_local_url(base):
        # The podcast's guid comes from its first public feed URL and is kept from then
        # on, so it survives a move to another address.
        wanted["guid"] = podcast_guid(base + FEED)
        settings = with_overrides(settings, podcast_guid=wanted["guid"])
    if public and not (force or removing):
        refuse_broken_feed(settings, target)
    if public and not settings.podcast.image:
        ensure_cover(ensure_writable(out), settings.podcast.title)
    result = publisher.publish(out, settings)
    if wanted != podcast.stored:
        write_identity(out, wanted)
    return result, replace(podcast, settings=settings, stored=wanted, wanted=wanted)


def publish_everywhere(settings: Settings, *, removing: bool = False) -> list[PublishResult]:
    """Rebuild the folder's own feed, then publish to ``publish_to`` if it is set."""
    return _publish_all(_podcast(settings, strict=not removing), removing=removing)


def _publish_all(podcast: Identity, *, removing: bool) -> list[PublishResult]:
    results = []
    for target in _targets(podcast.settings):
        result, podcast = _publish(podcast, target, removing=removing)
        results.append(result)
    return results


def unpublish(slug: str, settings: Settings, *, target: str | None = None) -> PublishResult:
    """Take episode ``slug`` out of ``target`` (the folder itself when None) and its feed.

    A retraction is never refused: the stored podcast is used as it is."""
    return _unpublish(slug, _podcast(settings, strict=False).settings, target)


def _unpublish(slug: str, settings: Settings, target: str | None) -> PublishResult:
    from .publish import load_publisher

    return load_publisher(target).unpublish(slug, Path(settings.out), settings)


def retract(slug: str, settings: Settings) -> PublishResult:
    """Remove episode ``slug`` from the folder and from ``publish_to``, if it reached it."""
    from .errors import NarratorError

    settings = _podcast(settings, strict=False).settings
    result = _unpublish(slug, settings, None)
    if settings.publish_to:
        with contextlib.suppress(NarratorError):  # it may never have reached the store
            _unpublish(slug, settings, settings.publish_to)
    return result


def set_status(slug: str, status: Status, settings: Settings) -> EpisodeRecord:
    """Publish a draft or held episode, or take one back to draft, and rebuild every
    feed: a draft leaves the folder's feed and the store's alike."""
    podcast = _podcast(settings, strict=status == "published")
    if status == "published":  # refused before the status changes, not after
        _refuse_broken_feeds(podcast.settings)
    record = EpisodeStore(Path(settings.out)).set_status(slug, status)
    _publish_all(podcast, removing=status != "published")
    return record


def embed(slug: str, settings: Settings, base_url: str | None = None) -> str:
    """The accessible player snippet for episode ``slug``, for a CMS to paste."""
    from .episodes.player import embed_snippet
    from .episodes.transcript import parse_vtt

    settings = _podcast(settings, strict=False).settings  # the stored podcast's base URL and title
    store = EpisodeStore(Path(settings.out))
    record = store.get(slug)
    cues = parse_vtt((store.folder(slug) / record.files.transcript).read_text(encoding="utf-8"))
    return embed_snippet(record, cues, settings, base_url or settings.podcast.public_base_url or LOCAL_BASE_URL)


def unpublished(url_path: str) -> bool:
    """Whether a request path names something in the output folder that is never served
    (a dotted name: the job store, the slug claims, folders still being written)."""
    from .publish.published import unpublished as rule

    return rule(url_path)


def preview_server(settings: Settings, host: str, port: int, *, quiet: bool = False):
    """An HTTP server previewing the output folder, and the base URL it answers at.

    It never writes to the folder: the feed is rendered in memory for the server's own
    address, with the podcast stored in the folder."""
    from .publish.serve import make_server
    from .publish.site import preview_files

    settings = _podcast(settings, strict=False).settings
    store = EpisodeStore(Path(settings.out))
    if not Path(settings.out).is_dir():
        raise OutputError(f"{settings.out}: no such folder to serve")

    def render(base: str) -> dict[str, bytes]:
        return preview_files(store, settings, base)

    server = make_server(Path(settings.out), host, port, render=render, quiet=quiet)
    return server, server.base_url


# -- voices -------------------------------------------------------------------------------
def voices(settings: Settings) -> list[VoiceInfo]:
    """Every voice profile, the user's first, and whether each can run here."""
    return voice_infos(settings.voices_dir, settings.voice)


def voice_names(settings: Settings) -> list[str]:
    """The names of the voice profiles, the user's first, without loading any engine:
    what a client of the service may choose from (never a path)."""
    return list(dict.fromkeys(p.name for p in list_profiles(settings.voices_dir)))


# -- what the service needs -----------------------------------------------------------------
def is_episode_slug(slug: str) -> bool:
    """True if ``slug`` is a name narrator could have given an episode."""
    return valid_slug(slug)


def clean_leftovers(settings: Settings) -> list[Path]:
    """Remove what narrations that died mid-write left in the output folder (staging
    folders no live process holds); returns what was removed."""
    from .support.files import clean_staging

    return clean_staging(Path(settings.out))


def _address_policy(settings: Settings):
    from .ingest.fetch import allow_all, public_only

    return allow_all if settings.fetch.allow_private_urls else public_only


def callback_refusal(url: str, settings: Settings) -> str | None:
    """Why a job may not call ``url`` back (the same rules as article URLs), or None."""
    from .ingest.fetch import refusal

    return refusal(url, policy=_address_policy(settings))


def send_callback(url: str, body: bytes, headers: Mapping[str, str], settings: Settings, *, timeout: float) -> int:
    """POST ``body`` to ``url`` through the guarded client, within ``timeout`` seconds;
    the answer's status. FetchError if it is refused or doesn't answer."""
    from .ingest.fetch import post

    headers = {"User-Agent": settings.fetch.user_agent, **headers}
    return post(url, body, headers=headers, timeout=timeout, policy=_address_policy(settings))


# -- following sources --------------------------------------------------------------------
def follow(sources: Iterable[str | Mapping[str, Any]], settings: Settings, **options: Any) -> Iterator[PollResult]:
    """Poll feeds, news sitemaps and lists of URLs (with none given, all the folder follows)
    once or ``every`` seconds, narrating new articles and keeping episodes in step with
    changed ones; yields each poll's result (see :func:`narrator.follow.run.follow_sources`)."""
    from .follow.run import Actions, follow_sources

    actions = Actions(read=read_article, narrate=narrate, retract=retract, find=find_episode, episodes=list_episodes,
                      publish=publish_everywhere)
    return follow_sources(sources, settings, actions, **options)


def forget_source(source: str, settings: Settings) -> bool:
    """Stop following ``source`` (its URL or path); its episodes stay. False if it wasn't followed."""
    from .follow.run import forget

    return forget(source, settings)
