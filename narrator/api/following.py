"""Following sources: feeds, news sitemaps and lists of URLs polled, their articles kept in
step; and what the service needs to follow them (its sources, their schedule, its polling)."""


from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..models import Episode, EpisodeRecord
from ..settings import Settings
from . import narrating
from .episodes import find_episode, list_episodes, publish_everywhere, retract
from .narrating import narrate
from .reading import read_article

if TYPE_CHECKING:
    from ..follow.report import PollResult
    from ..follow.state import FollowState, SourceState


# -- following sources --------------------------------------------------------------------
def follow(sources: Iterable[str | Mapping[str, Any]], settings: Settings, **options: Any) -> Iterator[PollResult]:
    """Poll feeds, news sitemaps and lists of URLs (with none given, all the folder follows)
    once or ``every`` seconds, narrating new articles and keeping episodes in step with
    changed ones; yields each poll's result (see :func:`narrator.follow.run.follow_sources`)."""
    from ..follow.run import Actions, follow_sources

    actions = Actions(read=read_article, narrate=narrate, retract=retract, find=find_episode, episodes=list_episodes,
                      publish=publish_everywhere)
    return follow_sources(sources, settings, actions, **options)


def forget_source(source: str, settings: Settings) -> bool:
    """Stop following ``source`` (its URL or path); its episodes stay. False if it wasn't followed."""
    from ..follow.run import forget

    return forget(source, settings)


# -- the service's sources ----------------------------------------------------------------
def source_id(url: str) -> str:
    """The name the service gives source ``url`` in its paths: short, and never the URL."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _state(settings: Settings) -> FollowState:
    """The follow store; with an object store, the store's as last written by the machine
    that follows (and, while it is this one, as it is now)."""
    from ..follow.shared import open_state, shared_of

    state = open_state(settings)
    shared = shared_of(state)
    if shared is not None:
        shared.refresh()
    return state


def _when(stamp: float | None) -> str | None:
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat(timespec="seconds") if stamp else None


def _episode(record: EpisodeRecord) -> dict[str, Any]:
    return {"slug": record.slug, "title": record.title, "status": record.status,
            "audio": f"/files/{record.slug}/{record.files.audio}",
            "page": f"/files/{record.slug}/index.html"}  # fmt: skip


#: Articles a source's summary shows at most, the newest first.
SHOWN_ARTICLES = 50


def _summary(source: SourceState, state: FollowState, settings: Settings,
             episodes: dict[str, EpisodeRecord]) -> dict[str, Any]:  # fmt: skip
    rows = state.articles(source.url)
    shown = [a for a in reversed(rows) if a.slug or a.state != "skipped"][:SHOWN_ARTICLES]
    articles = []
    for row in shown:
        record = episodes.get(row.slug) if row.slug else None
        articles.append({"url": row.url, "title": record.title if record else row.title, "state": row.state,
                         "reason": row.reason, "episode": _episode(record) if record else None})  # fmt: skip
    options = source.config.as_dict()
    return {
        "id": source_id(source.url),
        "url": source.url,
        "options": {k: v for k, v in options.items() if k != "url"},
        "paused": source.paused,
        "every": source.every,
        "last_poll": _when(source.polled),
        "next_poll": None if source.paused else _when(source.next_poll(settings.follow.every) or time.time()),
        "error": source.error,
        "failures": source.failures,
        "listed": len(rows),
        "skipped": sum(1 for a in rows if a.state == "skipped"),
        "articles": articles,
    }


def followed_sources(settings: Settings) -> list[dict[str, Any]]:
    """Every source the output folder follows, oldest first, as the service shows it: its
    options, when it was last polled and is next, its error, and its articles (not those
    skipped) with their episodes."""
    state = _state(settings)
    episodes = {r.slug: r for r in list_episodes(settings)}
    return [_summary(s, state, settings, episodes) for s in state.sources()]


def followed_source(source: str, settings: Settings) -> dict[str, Any] | None:
    """A source by its id (:func:`source_id`) or URL, as :func:`followed_sources` shows it."""
    state = _state(settings)
    found = next((s for s in state.sources() if source in (s.url, source_id(s.url))), None)
    if found is None:
        return None
    return _summary(found, state, settings, {r.slug: r for r in list_episodes(settings)})


def add_source(options: Mapping[str, Any], settings: Settings, *,
               every: float | None = None) -> tuple[dict[str, Any], bool]:  # fmt: skip
    """Follow a source on the web (``options``: its url and the keys of a ``[[source]]``),
    polled every ``every`` seconds (None: follow_every). A source followed already takes
    the options given and keeps its state. ConfigError for options that can't be, an
    address refused or a voice that doesn't exist. Returns the source as
    :func:`followed_sources` shows it, and whether it is new."""
    from ..errors import ConfigError
    from ..follow.source import make_source
    from ..ingest.fetch import refusal
    from ..synth.voices import load_profile
    from .service import _address_policy

    config = make_source(options)
    if not config.is_url:
        raise ConfigError(f"{config.url}: a source must be an http:// or https:// URL")
    refused = refusal(config.url, policy=_address_policy(settings))
    if refused:
        raise ConfigError(f"{config.url}: refused: {refused}")
    if config.voice:
        load_profile(config.voice, settings.voices_dir)
    state = _state(settings)
    new = state.source(config.url) is None
    state.add(config)
    state.schedule(config.url, every=every, keep_every=False)
    shown = followed_source(config.url, settings)
    assert shown is not None
    return shown, new


def pause_source(source: str, paused: bool, settings: Settings) -> dict[str, Any] | None:
    """Pause (or resume) the polling of a source, by id or URL; None if it isn't followed."""
    found = followed_source(source, settings)
    if found is None:
        return None
    _state(settings).schedule(found["url"], paused=paused)
    return followed_source(found["url"], settings)


def article_episode(url: str, settings: Settings) -> EpisodeRecord | None:
    """The episode narrated from the article at ``url``, if there is one."""
    return next((r for r in list_episodes(settings) if r.url == url), None)


def episode_of(slug: str, settings: Settings) -> Episode | None:
    """Episode ``slug`` and where it lives, as :func:`narrate` returns it."""
    from .episodes import _store

    store = _store(settings)  # the object store's, in store mode: the episode is staged here
    record = store.read(slug)
    return store.episode(record) if record is not None else None


class SourcePolling:
    """Polling for a long-running process (the service's scheduler): the sources that
    are due, and a poll of them, with ``narrate`` in place of :func:`narrate` (the
    service hands each article to its job queue; it returns None when ``stop`` was set
    while it waited) and ``stop`` to end a poll early, its articles left to do."""

    def __init__(self, settings: Settings, *, narrate: Callable[..., Episode | None] | None = None,
                 stop: threading.Event | None = None) -> None:  # fmt: skip
        from ..follow.polite import Stopped
        from ..follow.run import Actions, Poller

        def narrate_or_stop(*args: Any, **options: Any) -> Episode:
            episode = (narrate or narrating.narrate)(*args, **options)
            if episode is None:
                raise Stopped  # the article's claim is handed back; its job stays queued
            return episode

        actions = Actions(read=read_article, narrate=narrate_or_stop, retract=retract, find=find_episode,
                          episodes=list_episodes, publish=publish_everywhere)  # fmt: skip
        self.settings = settings
        self.poller = Poller(settings, actions, stop=stop)
        self._resumed = False

    def due(self, now: float | None = None) -> tuple[list[str], float | None]:
        """The sources due now (not paused), and when the next of the rest is due. At the
        first look, a source with articles a stopped process left to do is due at once
        (unless it is backing off), so a restart finishes them without waiting its turn.
        With an object store, none while another machine holds its lease: the next look
        is when that lease runs out."""
        now = time.time() if now is None else now
        shared = self.poller.shared
        if shared is not None and not shared.take():
            shared.refresh()
            return [], shared.elsewhere
        unfinished: set[str] = set()
        if not self._resumed:
            self._resumed = True
            unfinished = {a.source for a in self.poller.state.articles(states=("new", "changed", "leaving", "claimed"))}
        due, later = [], []
        for source in self.poller.state.sources():
            if source.paused:
                continue
            at = source.next_poll(self.settings.follow.every)
            if source.url in unfinished:
                at = min(at, source.due)
            (due if at <= now else later).append(source.url if at <= now else at)
        return due, min(later, default=None)

    def poll(self, urls: list[str]) -> PollResult:
        return self.poller.poll(urls, due_only=True)

    def close(self) -> None:
        """Stop following here: another machine may take over at once."""
        self.poller.close()
