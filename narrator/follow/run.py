"""Polling: each source read (:mod:`.sync`), then each of its articles that needs it
fetched and narrated, narrated again, or retracted, one at a time, each under a claim in
the follow store.

An article is narrated from the page as fetched here (politely, see :mod:`.polite`),
under its own URL, so its episode is the same episode whatever its title becomes. It is
narrated again only when the words read from the page (title, author, date, body)
differ from those last narrated; the clip cache then synthesises only what changed.

This package can't import :mod:`narrator.api` (the API calls it), so the API hands it
what to do with an article as :class:`Actions`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, FetchError, IngestError, NarratorError, SourceError
from ..ingest.fetch import media_type
from ..ingest.sources import detect_format
from ..models import Article, Episode, EpisodeRecord, PublishResult
from ..settings import Settings
from ..support.files import clean_staging
from ..synth.voices import load_profile
from .polite import Disallowed, Paused, Polite, Stopped, Validators
from .report import ArticleResult, PollResult, SourceResult
from .shared import open_state, shared_of
from .source import SourceConfig, make_source, read_sources_file, unique
from .state import Article as Row
from .state import SourceState, this_process
from .sync import MAX_ATTEMPTS, read_source, record

#: Told what a poll is doing: (what, done, total), e.g. ("narrating: <title>", 2, 5).
Watcher = Callable[[str, int, int], None]
#: After a source fails, it is next polled after this long, doubled at each failure
#: in a row (up to follow_max_backoff).
FIRST_BACKOFF = 60.0


class _Halt(Exception):
    """An error that would stop every article of a source alike (a full disk, a voice
    that can't run, a publish refused): the source's articles wait for the next poll."""


@dataclass(frozen=True)
class Actions:
    """What following does with articles: :mod:`narrator.api`'s functions."""

    read: Callable[..., Article]  # read_article(source, settings, data=, fmt=)
    narrate: Callable[..., Episode]  # narrate(source, settings, data=, fmt=, draft=)
    retract: Callable[[str, Settings], PublishResult]
    find: Callable[[str, Settings], EpisodeRecord | None]
    episodes: Callable[[Settings], list[EpisodeRecord]]
    publish: Callable[[Settings], object]  # publish_everywhere: rebuild the feeds


def article_digest(article: Article) -> str:
    """What an episode is narrated from: title, author, date, language and words."""
    parts = [article.title or "", article.author or "", article.published.isoformat() if article.published else "",
             article.language or ""]  # fmt: skip
    for section in article.sections:
        parts.append("\x1d" + (section.title or ""))
        parts.extend(section.paragraphs)
    return hashlib.sha256("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _page(url: str, data: bytes, content_type: str | None) -> tuple[bytes, str]:
    """The page as the reader takes it (UTF-8, with a byte-order mark when the server
    named another charset), and its format as ingest reads it from the media type."""
    media, charset = media_type(content_type)
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8") and not data.startswith(b"\xef\xbb\xbf"):
        with contextlib.suppress(LookupError, UnicodeDecodeError):  # else left for the reader to detect
            data = b"\xef\xbb\xbf" + data.decode(charset).encode("utf-8")
    return data, detect_format(url, data, media)


class Poller:
    """Polls sources for one process: a polite client and the follow store, shared by
    every poll it makes."""

    def __init__(self, settings: Settings, actions: Actions, *, stop: threading.Event | None = None,
                 watch: Watcher | None = None) -> None:  # fmt: skip
        self.settings = settings
        self.actions = actions
        self.stop = stop
        self.watch = watch or (lambda what, done, total: None)
        self.state = open_state(settings)
        #: The object store's follow state and its lease, with ``store``.
        self.shared = shared_of(self.state)
        self.polite = Polite(settings, self.state, stop)
        self.owner = this_process()

    # -- after a process died mid-poll -------------------------------------------------------
    def reconcile(self) -> None:
        """Hand back the claims of processes that are gone: as done when the episode was
        written before the process died (its feeds are rebuilt, in case it died before
        they were), else as still to do; and clear what their narrations left half-written."""
        now = time.time()
        folders = {Path(self.settings.out): self.settings}
        republish: set[Path] = set()
        took_over = self.shared is not None and self.shared.took_over
        for row in self.state.orphans(now, every=took_over):  # a former holder's claims are all void
            source = self.state.source(row.source)
            settings = source.config.settings_for(self.settings) if source else self.settings
            written = None
            if row.task in ("new", "changed") and row.next_body:
                written = next((r for r in self.actions.episodes(settings) if r.url == row.url and r.narrated_at
                                and r.narrated_at.timestamp() >= int(row.claimed or 0)), None)  # fmt: skip
            if written is not None:
                self.state.update(row, state="done", body=row.next_body, etag=row.next_etag,
                                  modified=row.next_modified, slug=written.slug, guid=written.guid, reason=None,
                                  title=written.title, attempts=0)  # fmt: skip
            else:
                self.state.update(row, state=row.task or "new")
            folders[Path(settings.out)] = settings
            if written is not None:
                republish.add(Path(settings.out))
        for folder, settings in folders.items():
            if folder.is_dir():
                clean_staging(folder)
                if folder in republish:
                    with contextlib.suppress(NarratorError):  # the next narration into it publishes again
                        self.actions.publish(settings)
        if took_over:
            self.shared.took_over = False

    # -- a poll ------------------------------------------------------------------------------
    def poll(self, urls: Iterable[str], *, due_only: bool = False) -> PollResult:
        started = dt.datetime.now(dt.UTC)
        if self.shared is not None and not self.shared.take():
            return self._elsewhere(started, urls)
        self.reconcile()
        results: list[SourceResult] = []
        stopped = False
        for url in urls:
            if self._lost():
                stopped = True
                break
            source = self.state.source(url)
            if source is None:
                continue  # forgotten meanwhile
            result = SourceResult(source=url)
            results.append(result)
            if due_only and source.due > time.time():
                result.status = "not due"
                continue
            try:
                self._poll_source(source, result)
            except Stopped:
                stopped = True
                break
        return PollResult(started=started, finished=dt.datetime.now(dt.UTC), sources=tuple(results), stopped=stopped)

    def _lost(self) -> bool:
        """Whether another machine took the lease over mid-poll: this one stops."""
        return self.shared is not None and self.shared.lost

    def _elsewhere(self, started: dt.datetime, urls: Iterable[str]) -> PollResult:
        """A poll not made here: another machine holds the object store's lease."""
        assert self.shared is not None
        until = dt.datetime.fromtimestamp(self.shared.elsewhere or time.time(), dt.UTC).strftime("%H:%M:%S UTC")
        why = f"{self.shared}: another machine follows the sources (its lease runs until {until})"
        sources = tuple(SourceResult(source=url, status="elsewhere", error=why) for url in urls)
        return PollResult(started=started, finished=dt.datetime.now(dt.UTC), sources=sources)

    def close(self) -> None:
        """Hand the object store's lease back, so another machine may follow at once."""
        if self.shared is not None:
            self.shared.release()

    def _poll_source(self, source: SourceState, result: SourceResult) -> None:
        self.watch(f"reading {source.url}", 0, 0)
        try:
            read = read_source(source, self.polite, self.state, self.settings, result)
        except Paused as exc:
            result.status, result.error = "paused", str(exc)
            self.state.polled(source.url, due=exc.until, error=str(exc))
        except (SourceError, FetchError) as exc:
            result.status, result.error = "failed", str(exc)
            backoff = min(FIRST_BACKOFF * 2**source.failures, self.settings.follow.max_backoff)
            self.state.polled(source.url, due=time.time() + backoff, error=result.error)
        else:
            result.kind = read.kind
            if read.documents:
                record(source, read, self.state, self.settings, result)
            self.state.polled(source.url, due=0.0, validators=read.validators)
        # Articles still to do are done even when the source can't be read this time.
        todo = self.state.articles(source.url, states=("new", "changed", "leaving"))
        for done, row in enumerate(todo):
            if (self.stop is not None and self.stop.is_set()) or self._lost():
                raise Stopped
            try:
                outcome = self._article(source.config, row, done, len(todo))
            except _Halt as exc:  # the rest would fail alike: left for the next poll
                result.status, result.error = "failed", str(exc)
                return
            if outcome is not None:
                result.articles.append(outcome)

    # -- an article --------------------------------------------------------------------------
    def _article(self, config: SourceConfig, row: Row, done: int, total: int) -> ArticleResult | None:
        claimed = self.state.claim(row.source, row.key, self.owner)
        if claimed is None:
            return None  # another process has it, or did it
        what = {"new": "narrating", "changed": "checking", "leaving": "checking"}[claimed.task or "new"]
        self.watch(f"{what}: {claimed.title or claimed.url}", done, total)
        try:
            return self._work(config, claimed)
        except NarratorError as exc:  # not the article's doing (the folder, the voice, a publish): it waits
            self.state.release(claimed)
            raise _Halt(str(exc)) from None
        except BaseException:
            self.state.release(claimed)
            raise

    def _retract(self, config: SourceConfig, row: Row, why: str) -> ArticleResult:
        settings = config.settings_for(self.settings)
        if row.slug and self.actions.find(row.slug, settings) is not None:
            self.actions.retract(row.slug, settings)
        self.state.update(row, state="retracted", reason=why)
        return ArticleResult(url=row.url, action="retracted", title=row.title, slug=row.slug, guid=row.guid, reason=why)

    def _work(self, config: SourceConfig, row: Row) -> ArticleResult | None:
        settings = config.settings_for(self.settings)
        if row.task == "leaving" and config.retract_removed and row.slug:
            return self._retract(config, row, "it left the source")
        existing = self.actions.find(row.slug, settings) if row.slug else None
        if row.task == "changed" and row.slug and existing is None:
            self.state.update(row, state="retracted", reason="its episode was removed")
            return None  # retracted by an editor: not brought back
        validators = Validators(row.etag, row.modified) if row.task != "new" else None
        try:
            answer = self.polite.get(row.url, validators)
        except Disallowed:
            self.state.update(row, state="skipped" if row.task == "new" else "done", reason="robots.txt disallows it")
            return ArticleResult(url=row.url, action="skipped", title=row.title, reason="robots.txt disallows it")
        except Paused as exc:
            self.state.release(row)
            return ArticleResult(url=row.url, action="deferred", title=row.title, reason=str(exc))
        except FetchError as exc:
            return self._failed(row, str(exc), transient=True)
        if answer.status == 304 and validators is not None:
            self.state.update(row, state="done")
            return None
        if answer.status in (404, 410):
            why = f"HTTP {answer.status} {answer.reason}"
            if row.slug and config.retract_gone:
                return self._retract(config, row, why)
            self.state.update(row, state="gone", reason=why)
            return ArticleResult(url=row.url, action="gone", title=row.title, slug=row.slug, guid=row.guid, reason=why)
        if row.task == "leaving":
            self.state.update(row, state="done")  # still there: its episode stays
            return None
        if answer.status != 200:
            return self._failed(row, f"{row.url}: HTTP {answer.status} {answer.reason}", transient=True)
        data, fmt = _page(row.url, answer.body, answer.header("content-type"))
        try:
            body = article_digest(self.actions.read(row.url, settings, data=data, fmt=fmt))
        except IngestError as exc:
            return self._failed(row, str(exc), transient=False)
        kept = Validators.of(answer)
        if body == row.body and existing is not None:
            self.state.update(row, state="done", etag=kept.etag, modified=kept.modified, reason=None, attempts=0)
            return None
        # Recorded before narrating, so a restart after the episode is written finds it.
        self.state.update(row, state="claimed", next_body=body, next_etag=kept.etag, next_modified=kept.modified)
        draft = existing.status != "published" if existing is not None else config.draft
        try:
            episode = self.actions.narrate(row.url, settings, data=data, fmt=fmt, draft=draft)
        except IngestError as exc:
            return self._failed(row, str(exc), transient=False)
        record = episode.record
        self.state.update(row, state="done", body=body, etag=kept.etag, modified=kept.modified, slug=record.slug,
                          guid=record.guid, title=record.title, reason=None, attempts=0)  # fmt: skip
        return ArticleResult(url=row.url, action="updated" if existing is not None else "narrated",
                             title=record.title, slug=record.slug, guid=record.guid, status=record.status,
                             audio=str(episode.audio))  # fmt: skip

    def _failed(self, row: Row, why: str, *, transient: bool) -> ArticleResult:
        """A failure: a network one is tried again in the next polls (MAX_ATTEMPTS in
        all); an article that can't be read or narrated waits until it changes."""
        attempts = row.attempts + 1
        again = transient and attempts < MAX_ATTEMPTS
        self.state.update(row, state=(row.task or "new") if again else "failed", reason=why, attempts=attempts)
        return ArticleResult(url=row.url, action="failed", title=row.title, slug=row.slug,
                             reason=why + (" (tried again at the next poll)" if again else ""))  # fmt: skip


def follow_sources(
    sources: Iterable[str | Mapping[str, Any]],
    settings: Settings,
    actions: Actions,
    *,
    sources_file: Path | None = None,
    every: float | None = None,
    stop: threading.Event | None = None,
    watch: Watcher | None = None,
) -> Iterator[PollResult]:
    """Poll ``sources`` (URLs, paths, or tables of a source's keys; and those of
    ``sources_file``), once, or every ``every`` seconds until ``stop`` is set; with none
    given, every source the output folder follows and the service hasn't paused (read
    again before each poll). The sources given are followed from then on, with the
    settings given. Yields each poll's result as it ends."""
    configs = [make_source(s) for s in sources]
    if sources_file is not None:
        configs += read_sources_file(sources_file)
    for config in configs:  # an unknown voice fails now, not at each article
        load_profile(config.voice or settings.voice, settings.voices_dir)
    poller = Poller(settings, actions, stop=stop, watch=watch)
    if poller.shared is not None:
        poller.shared.refresh()  # the sources the store follows, on a machine new to it
    for config in unique(configs):
        poller.state.add(config)
    given = [c.url for c in unique(configs)]
    if not given and not poller.state.sources():
        raise ConfigError(f"{settings.store or settings.out}: follows no source yet: give a feed, a sitemap or a "
                          "list of URLs")  # fmt: skip
    try:
        while True:
            urls = given or [s.url for s in poller.state.sources() if not s.paused]
            result = poller.poll(urls, due_only=every is not None)
            yield result
            if every is None or result.stopped:
                return
            if stop is not None:
                if stop.wait(every):
                    return
            else:
                time.sleep(every)
    finally:
        poller.close()


def forget(url: str, settings: Settings) -> bool:
    """Stop following ``url`` (a source's URL or path); its episodes stay."""
    state = open_state(settings)
    shared = shared_of(state)
    if shared is not None:
        shared.refresh()
    return state.remove(make_source(url).url)
