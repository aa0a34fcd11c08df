"""The episode store and the feeds: listing, publishing, retracting, embedding and previewing."""


from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..episodes.store import EpisodeStore, Store
from ..errors import OutputError
from ..models import EpisodeRecord, PublishResult, Status
from ..settings import LOCAL_BASE_URL, Settings, with_overrides
from ..support.files import ensure_writable

if TYPE_CHECKING:
    from ..episodes.s3_store import ObjectStore
    from ..publish.identity import Identity


def _store(settings: Settings) -> Store:
    """The episode store: the object store named by ``store`` (narrations staged in the
    output folder), else the output folder."""
    if settings.store:
        from ..episodes.s3_store import open_store

        return open_store(settings)
    return EpisodeStore(Path(settings.out))


def _shared(settings: Settings) -> ObjectStore | None:
    """The object store the episodes and the podcast live in, if not the output folder."""
    store = _store(settings) if settings.store else None
    return store if not isinstance(store, EpisodeStore) else None


# -- the episode store and the feeds ------------------------------------------------------
def list_episodes(settings: Settings) -> list[EpisodeRecord]:
    """Every episode in the store (the output folder, or ``store``), whatever its status, newest first."""
    return _store(settings).all()


def find_episode(slug: str, settings: Settings) -> EpisodeRecord | None:
    """Episode ``slug`` of the store, or None if there is none."""
    return _store(settings).read(slug)


def _podcast(settings: Settings, *, update: bool = False, strict: bool = True) -> Identity:
    """``settings`` with the podcast stored in the output folder applied (see
    :mod:`narrator.publish.identity`): read once by each call, and passed on."""
    from ..publish.identity import resolve

    return resolve(settings, Path(settings.out), update=update, strict=strict, store=_shared(settings))


def _targets(settings: Settings) -> list[str | None]:
    """Where the folder's episodes go: the folder itself (or the object store that holds
    them instead), and ``publish_to`` if set."""
    first = settings.store or None
    return [first, settings.publish_to] if settings.publish_to and settings.publish_to != first else [first]


def _refuse_broken_feeds(settings: Settings) -> None:
    """PublishError, before any work, when a public feed this would rebuild breaks Apple's rules."""
    from ..publish.rules import refuse_broken_feed

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
    podcast: Identity,
    target: str | None,
    *,
    force: bool = False,
    removing: bool = False,
    commit: tuple[EpisodeRecord, ...] = (),
) -> tuple[PublishResult, Identity]:
    """:func:`publish` with the stored podcast already read; returns the podcast as it
    is stored after it, for the next target. With an object store (``store``), the
    episodes in ``commit``, staged in the output folder, go into it first."""
    from ..publish import load_publisher
    from ..publish.cover import ensure_cover
    from ..publish.feed import FEED, podcast_guid
    from ..publish.identity import write_identity
    from ..publish.rules import is_local_url, refuse_broken_feed

    settings = podcast.settings
    out = Path(settings.out)
    target = target or settings.store  # with an object store, its feed is the folder's
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
    shared = _shared(settings)
    if shared is not None and target == settings.store:
        result = shared.publish(commit)
    else:
        result = publisher.publish(out, settings)
    if wanted != podcast.stored:
        write_identity(out, wanted, store=shared, read=podcast.stored)
    return result, replace(podcast, settings=settings, stored=wanted, wanted=wanted)


def publish_everywhere(settings: Settings, *, removing: bool = False) -> list[PublishResult]:
    """Rebuild the folder's own feed, then publish to ``publish_to`` if it is set."""
    return _publish_all(_podcast(settings, strict=not removing), removing=removing)


def _publish_all(podcast: Identity, *, removing: bool, commit: tuple[EpisodeRecord, ...] = ()) -> list[PublishResult]:
    results = []
    for target in _targets(podcast.settings):
        result, podcast = _publish(podcast, target, removing=removing, commit=commit)
        results.append(result)
    return results


def unpublish(slug: str, settings: Settings, *, target: str | None = None) -> PublishResult:
    """Take episode ``slug`` out of ``target`` (the folder itself when None) and its feed.

    A retraction is never refused: the stored podcast is used as it is."""
    return _unpublish(slug, _podcast(settings, strict=False).settings, target)


def _unpublish(slug: str, settings: Settings, target: str | None) -> PublishResult:
    from ..publish import load_publisher

    shared = _shared(settings)
    if shared is not None and target in (None, settings.store):
        return shared.unpublish(slug)
    return load_publisher(target).unpublish(slug, Path(settings.out), settings)


def retract(slug: str, settings: Settings) -> PublishResult:
    """Remove episode ``slug`` from the folder and from ``publish_to``, if it reached it."""
    from ..errors import NarratorError

    settings = _podcast(settings, strict=False).settings
    result = _unpublish(slug, settings, None)
    if settings.publish_to and settings.publish_to != settings.store:
        with contextlib.suppress(NarratorError):  # it may never have reached the store
            _unpublish(slug, settings, settings.publish_to)
    return result


def set_status(slug: str, status: Status, settings: Settings) -> EpisodeRecord:
    """Publish a draft or held episode, or take one back to draft, and rebuild every
    feed: a draft leaves the folder's feed and the store's alike."""
    podcast = _podcast(settings, strict=status == "published")
    if status == "published":  # refused before the status changes, not after
        _refuse_broken_feeds(podcast.settings)
    record = _store(settings).set_status(slug, status)
    _publish_all(podcast, removing=status != "published")
    return record


def embed(slug: str, settings: Settings, base_url: str | None = None) -> str:
    """The accessible player snippet for episode ``slug``, for a CMS to paste."""
    from ..episodes.player import embed_snippet
    from ..episodes.transcript import parse_vtt

    settings = _podcast(settings, strict=False).settings  # the stored podcast's base URL and title
    store = _store(settings)
    record = store.get(slug)
    if isinstance(store, EpisodeStore):
        transcript = (store.folder(slug) / record.files.transcript).read_text(encoding="utf-8")
    else:
        transcript = store.file_text(record, "transcript")
    cues = parse_vtt(transcript)
    return embed_snippet(record, cues, settings, base_url or settings.podcast.public_base_url or LOCAL_BASE_URL)


def unpublished(url_path: str) -> bool:
    """Whether a request path names something in the output folder that is never served
    (a dotted name: the job store, the slug claims, folders still being written)."""
    from ..publish.published import unpublished as rule

    return rule(url_path)


def preview_server(
    settings: Settings, host: str, port: int, *, quiet: bool = False, access_log: Path | None = None
):
    """An HTTP server previewing the output folder, and the base URL it answers at.

    It never writes to the folder: the feed is rendered in memory for the server's own
    address, with the podcast stored in the folder. With ``access_log``, a line a request
    is appended to that file, for ``narrator stats import``."""
    from ..publish.serve import make_server
    from ..publish.site import preview_files

    settings = _podcast(settings, strict=False).settings
    store = EpisodeStore(Path(settings.out))
    if not Path(settings.out).is_dir():
        raise OutputError(f"{settings.out}: no such folder to serve")

    def render(base: str) -> dict[str, bytes]:
        return preview_files(store, settings, base)

    server = make_server(Path(settings.out), host, port, render=render, quiet=quiet, access_log=access_log)
    return server, server.base_url


