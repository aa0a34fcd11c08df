"""Reading a source and deciding what to narrate from it.

Every article a source lists is recorded, once, under its key (its guid or id, else its
URL). On a source's first poll only its newest ``backfill`` articles are to be
narrated, and the rest of its archive is recorded as skipped, so no later poll takes it
for new; after that, every article it lists for the first time is new. Articles outside
the source's filters (categories and tags, URL patterns, age) are recorded as skipped
too. An article whose entry in the source changes (its title, date, summary, lastmod)
is looked at again; one that leaves the source is looked at once more, for a 404 or 410.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import FetchError, SourceError
from ..settings import Settings
from .parse import Item, Listing, read_listing
from .polite import FEED_TYPES, Disallowed, Polite, Validators
from .report import SourceResult
from .source import SourceConfig
from .state import FollowState, SourceState

#: The most sitemaps of one index read in a poll.
MAX_SITEMAPS = 100
#: An unreadable article is tried in this many polls before it is given up on (until it changes).
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Read:
    """A source as read: each document's items (None for one unchanged since the last
    poll), and the validators to keep for the source itself."""

    kind: str | None
    documents: dict[str, tuple[Item, ...] | None]
    validators: dict[str, str | None] | None


def _file(source: SourceState, settings: Settings, result: SourceResult) -> Read:
    path = Path(source.url)
    try:
        if path.stat().st_size > settings.fetch.max_bytes:
            raise SourceError(f"{path}: larger than {settings.fetch.max_bytes} bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except OSError as exc:
        raise SourceError(f"{path}: can't read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest == source.digest:
        result.status = "unchanged"
        return Read(None, {}, None)
    listing = read_listing(data, name=str(path), expected=source.config.kind, max_bytes=settings.fetch.max_bytes)
    if listing.kind == "sitemap-index":
        raise SourceError(f"{path}: a sitemap index in a file; follow it by its URL")
    return Read(listing.kind, {source.url: listing.items}, {"digest": digest})


def _fetch(url: str, polite: Polite, validators: Validators, expected: str | None,
           settings: Settings) -> tuple[Listing | None, Validators]:  # fmt: skip
    """A listing as fetched (None when unchanged), and the validators to keep."""
    try:
        answer = polite.get(url, validators, accept=FEED_TYPES)
    except Disallowed:
        raise SourceError(f"{url}: robots.txt does not allow narrator to fetch it") from None
    if answer.status == 304 and (validators.etag or validators.modified):
        return None, validators
    if answer.status != 200:
        raise FetchError(f"{url}: HTTP {answer.status} {answer.reason}")
    listing = read_listing(answer.body, name=url, base=answer.url, expected=expected,
                           max_bytes=settings.fetch.max_bytes)  # fmt: skip
    return listing, Validators.of(answer)


def read_source(source: SourceState, polite: Polite, state: FollowState, settings: Settings,
                result: SourceResult) -> Read:  # fmt: skip
    """What ``source`` lists now; SourceError, FetchError or Paused when it can't be read.
    A sitemap index's sitemaps are read each with its own validators, also when the
    index itself is unchanged; one that fails is a warning in ``result``, and what it
    listed before is left as it was."""
    if not source.config.is_url:
        return _file(source, settings, result)
    listing, kept = _fetch(source.url, polite, Validators(source.etag, source.modified), source.config.kind, settings)
    validators: dict[str, str | None] = {"etag": kept.etag, "modified": kept.modified, "digest": None}
    if listing is None:
        sitemaps = state.documents(source.url)
        if not sitemaps:
            result.status = "unchanged"
            return Read(None, {}, validators)
    elif listing.kind != "sitemap-index":
        return Read(listing.kind, {source.url: listing.items}, validators)
    else:
        sitemaps = list(listing.sitemaps[:MAX_SITEMAPS])
        state.forget_documents(source.url, keep=sitemaps)
        if len(listing.sitemaps) > MAX_SITEMAPS:
            result.warnings.append(f"{source.url}: lists {len(listing.sitemaps)} sitemaps; the first "
                                   f"{MAX_SITEMAPS} are read")  # fmt: skip
    documents: dict[str, tuple[Item, ...] | None] = {}
    for url in sitemaps:
        etag, modified = state.document(url)
        try:
            child, kept = _fetch(url, polite, Validators(etag, modified), "sitemap", settings)
        except (SourceError, FetchError) as exc:
            result.warnings.append(str(exc))
            documents[url] = None
            state.keep_document(source.url, url, etag, modified)  # asked again at the next poll
            continue
        if child is not None and child.kind == "sitemap-index":
            result.warnings.append(f"{url}: a sitemap index inside a sitemap index; not read")
            documents[url] = None
            continue
        documents[url] = child.items if child is not None else None
        state.keep_document(source.url, url, kept.etag, kept.modified)
    return Read("sitemap-index", documents, validators)


def _ranked(items: list[Item]) -> list[Item]:
    """Newest first: dated items by date, then undated ones in the order listed."""
    stamps = {i.key: i.when.timestamp() for i in items if i.when}
    return sorted((i for i in items if i.key in stamps), key=lambda i: -stamps[i.key]) + [
        i for i in items if i.key not in stamps
    ]


def _too_old(item: Item, config: SourceConfig, settings: Settings, now: float) -> str | None:
    days = settings.follow.max_age_days if config.max_age_days is None else config.max_age_days
    when = item.published or item.updated
    if days and when and when.timestamp() < now - days * 86400:
        return f"dated {when.date().isoformat()}, more than {days:g} days ago"
    return None


def record(source: SourceState, read: Read, state: FollowState, settings: Settings, result: SourceResult) -> None:
    """Record what ``read`` lists, in one transaction: new articles, changed ones, and
    those that left the source."""
    config = source.config
    now = time.time()
    listed: dict[str, Item] = {}  # by key, with the document that lists it
    docs: dict[str, str] = {}
    for doc, items in read.documents.items():
        for item in items or ():
            listed[item.key], docs[item.key] = item, doc
    with state.write() as db:
        rows = {row["key"]: row for row in db.execute(
            "SELECT key, doc, state, entry, listed, slug FROM articles WHERE source = ?", (source.url,))}  # fmt: skip
        first = not rows  # checked in the transaction: two first polls at once are one
        fresh = [item for key, item in listed.items() if key not in rows]
        wanted: dict[str, str | None] = {i.key: config.wants(i) or _too_old(i, config, settings, now) for i in fresh}
        if first:
            backfill = settings.follow.backfill if config.backfill is None else config.backfill
            taken = [i for i in _ranked(fresh) if wanted[i.key] is None]
            for item in taken[backfill:]:
                wanted[item.key] = f"older than the {backfill} newest articles the first poll narrates"
        for item in fresh:
            reason = wanted[item.key]
            db.execute("INSERT INTO articles (source, key, url, doc, title, dated, entry, state, reason, seen) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (source.url, item.key, item.url, docs[item.key], item.title, _stamp(item), item.digest,
                        "skipped" if reason else "new", reason, now))  # fmt: skip
        for key, item in listed.items():
            row = rows.get(key)
            if row is not None:
                _again(db, source.url, item, docs[key], row, now)
        _left(db, source.url, read, listed, rows)
    result.listed = len(listed)
    result.new = sum(1 for i in fresh if wanted[i.key] is None)


def _stamp(item: Item) -> float | None:
    when = item.published or item.updated
    return when.timestamp() if isinstance(when, dt.datetime) else None


def _again(db: sqlite3.Connection, source: str, item: Item, doc: str, row: sqlite3.Row, now: float) -> None:
    """An article listed before: looked at again if its entry changed, or if it had left."""
    status = row["state"]
    changed = row["entry"] != item.digest
    if status == "leaving":
        status = "changed" if changed else "done"
    elif changed and status in ("done", "gone", "retracted"):
        status = "changed"
    elif changed and status == "failed":
        status = "changed" if row["slug"] else "new"
    db.execute("UPDATE articles SET url = ?, doc = ?, title = coalesce(?, title), dated = coalesce(?, dated), "
               "entry = ?, listed = 1, seen = ?, state = ?, attempts = CASE WHEN ? THEN 0 ELSE attempts END "
               "WHERE source = ? AND key = ?",
               (item.url, doc, item.title, _stamp(item), item.digest, now, status, changed, source,
                item.key))  # fmt: skip


def _left(db: sqlite3.Connection, source: str, read: Read, listed: dict[str, Item], rows: dict) -> None:
    """Articles no longer listed, in the documents read in full (a sitemap that answered
    304 or failed still lists what it did) or in documents no longer there at all."""
    whole = {doc for doc, items in read.documents.items() if items is not None}
    for key, row in rows.items():
        if key in listed or not row["listed"]:
            continue
        if row["doc"] in whole or (read.kind == "sitemap-index" and row["doc"] not in read.documents):
            status = "leaving" if row["state"] == "done" else row["state"]
            db.execute("UPDATE articles SET listed = 0, state = ? WHERE source = ? AND key = ?", (status, source, key))
