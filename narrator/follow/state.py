"""What following remembers, in SQLite beside the job store (``OUT/.jobs/follow.sqlite3``,
WAL mode): the sources and their validators (ETag, Last-Modified), every article each has
listed with what it was last narrated from, and each host's robots.txt and pauses. With
an object store (``store``), the store holds it, and this is its copy on this machine
(see :mod:`.shared`): :func:`.shared.open_state` opens it so.

Several processes may poll at once (the command line, the service's scheduler): every
change is one short transaction taken at once (``BEGIN IMMEDIATE``), and an article is
claimed, in one, before its page is fetched. A claim names its process; one whose
process is gone (killed mid-poll) is handed back on the next poll, and an article is
``done`` only once its episode is written, so a restart loses nothing and narrates
nothing twice.

An article's state is one of:

- ``new``: listed, not narrated yet; ``changed``: narrated, and the source says something
  about it changed; ``leaving``: narrated, and no longer listed (to look at once);
- ``claimed``: a process is on it (``task`` says which of the three it was);
- ``done``: its episode is as the page was last seen; ``skipped``: never to be narrated
  (filtered, too old, past the backfill, refused by robots.txt), with the reason;
- ``failed``: could not be narrated (the reason kept; tried again when it changes);
- ``gone``: its page answered 404 or 410; ``retracted``: its episode was retracted.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import OutputError
from ..support import sqlite
from .source import SourceConfig, make_source

FILE = Path(".jobs") / "follow.sqlite3"
#: A claim by a process on another machine is taken over after this long.
STALE_SECONDS = 3600.0
TODO = ("new", "changed", "leaving")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    etag TEXT,
    modified TEXT,
    digest TEXT,
    polled REAL,
    due REAL NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    added REAL NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    every REAL
);
CREATE TABLE IF NOT EXISTS documents (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    etag TEXT,
    modified TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    url TEXT NOT NULL,
    doc TEXT NOT NULL,
    title TEXT,
    dated REAL,
    entry TEXT,
    state TEXT NOT NULL,
    task TEXT,
    reason TEXT,
    listed INTEGER NOT NULL DEFAULT 1,
    body TEXT,
    etag TEXT,
    modified TEXT,
    slug TEXT,
    guid TEXT,
    owner TEXT,
    claimed REAL,
    next_body TEXT,
    next_etag TEXT,
    next_modified TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    seen REAL NOT NULL,
    PRIMARY KEY (source, key)
);
CREATE INDEX IF NOT EXISTS articles_by_state ON articles (state, source);
CREATE INDEX IF NOT EXISTS articles_by_doc ON articles (doc, listed);
CREATE TABLE IF NOT EXISTS hosts (
    host TEXT PRIMARY KEY,
    not_before REAL NOT NULL DEFAULT 0,
    robots TEXT,
    robots_at REAL
);
"""
#: Columns of ``sources`` added since the first stores were made: added to those on opening.
_ADDED = (("paused", "INTEGER NOT NULL DEFAULT 0"), ("every", "REAL"))


def _start_time(pid: int) -> str:
    """When process ``pid`` started (in clock ticks since boot, from /proc), so a claim
    names its process even once the number is reused; "" where /proc is not there."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rpartition(")")[2].split()[19]


def this_process() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def alive(owner: str, claimed: float, now: float) -> bool:
    """Whether the process that made a claim may still be at work on it."""
    host, _, rest = (owner or "").partition(":")
    pid_text, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return now - claimed < STALE_SECONDS
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process, alive
    return not started or _start_time(pid) == started


class Shared(Protocol):
    """The object store's follow state, told of each change made here."""

    def saved(self) -> None: ...

    def changed(self, change: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class Article:
    """An article's row."""

    source: str
    key: str
    url: str
    doc: str
    title: str | None
    dated: float | None
    entry: str | None
    state: str
    task: str | None
    reason: str | None
    listed: int
    body: str | None
    etag: str | None
    modified: str | None
    slug: str | None
    guid: str | None
    owner: str | None
    claimed: float | None
    next_body: str | None
    next_etag: str | None
    next_modified: str | None
    attempts: int
    seen: float


@dataclass(frozen=True)
class SourceState:
    """A source's row: its settings, validators and how its last polls went."""

    config: SourceConfig
    etag: str | None
    modified: str | None
    digest: str | None
    polled: float | None
    due: float
    failures: int
    error: str | None
    added: float
    #: Paused in the service: not polled until resumed (the command line polls it when named).
    paused: bool = False
    #: Seconds between the service's polls of it; None takes follow_every.
    every: float | None = None

    @property
    def url(self) -> str:
        return self.config.url

    def next_poll(self, every: float) -> float:
        """When the service polls it next (a time; 0 for now): ``every`` (or its own
        interval) after its last poll, or later while it backs off after errors."""
        interval = self.every or every
        return max(self.due, (self.polled + interval) if self.polled else 0.0)


class FollowState:
    """The follow store of output folder ``out``: open one per process (or thread)."""

    def __init__(self, out: Path) -> None:
        self.path = Path(out) / FILE
        #: The object store's state this is the copy of, if any (set by :func:`open_state`).
        self.shared: Shared | None = None
        with sqlite.opening(self.path, "follow store", OutputError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
                have = {row["name"] for row in db.execute("PRAGMA table_info(sources)")}
                for name, kind in _ADDED:  # a store made before the service could pause a source
                    if name not in have:
                        db.execute(f"ALTER TABLE sources ADD COLUMN {name} {kind}")

    def _connect(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return sqlite.connection(self.path)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so two writers never deadlock (and then
        sent to the object store, while this machine holds its lease)."""
        try:
            with self._connect() as db, sqlite.immediate(db):
                yield db
        except sqlite3.Error as exc:
            raise OutputError(f"{self.path}: can't write the follow store: {exc}") from None
        if self.shared is not None:
            self.shared.saved()

    def read(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._connect() as db:
                return db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise OutputError(f"{self.path}: can't read the follow store: {exc}") from None

    # -- sources ----------------------------------------------------------------------------
    def add(self, config: SourceConfig) -> SourceState:
        """Follow ``config`` (its settings replace a stored source's; its state stays)."""
        text = json.dumps(config.as_dict(), sort_keys=True)
        with self.write() as db:
            db.execute("INSERT INTO sources (url, config, added) VALUES (?, ?, ?) "
                       "ON CONFLICT (url) DO UPDATE SET config = excluded.config",
                       (config.url, text, time.time()))  # fmt: skip
        self._tell({"add": config.as_dict()})
        found = self.source(config.url)
        assert found is not None
        return found

    def remove(self, url: str) -> bool:
        """Stop following ``url`` and forget its articles (their episodes stay)."""
        with self.write() as db:
            gone = db.execute("DELETE FROM sources WHERE url = ?", (url,)).rowcount
            db.execute("DELETE FROM articles WHERE source = ?", (url,))
            db.execute("DELETE FROM documents WHERE source = ?", (url,))
        self._tell({"remove": url})
        return bool(gone)

    def schedule(self, url: str, *, paused: bool | None = None, every: float | None = None,
                 keep_every: bool = True) -> bool:  # fmt: skip
        """Pause or resume source ``url``, or set its own interval (None: follow_every,
        unless ``keep_every``); False if it isn't followed."""
        changes: dict[str, Any] = {}
        if paused is not None:
            changes["paused"] = int(paused)
        if every is not None or not keep_every:
            changes["every"] = every
        if not changes:
            return self.source(url) is not None
        names = ", ".join(f"{k} = ?" for k in changes)
        with self.write() as db:
            found = bool(db.execute(f"UPDATE sources SET {names} WHERE url = ?", (*changes.values(), url)).rowcount)
        self._tell({"schedule": url, **changes})
        return found

    def _tell(self, change: dict[str, Any]) -> None:
        if self.shared is not None:
            self.shared.changed(change)

    def apply(self, change: dict[str, Any]) -> None:
        """Make a change another machine asked for (:meth:`add`, :meth:`remove` or :meth:`schedule`)."""
        if "add" in change:
            self.add(make_source(change["add"]))
        elif "remove" in change:
            self.remove(str(change["remove"]))
        elif "schedule" in change:
            with self.write() as db:
                for name in ("paused", "every"):
                    if name in change:
                        db.execute(f"UPDATE sources SET {name} = ? WHERE url = ?", (change[name], change["schedule"]))

    @staticmethod
    def _source(row: sqlite3.Row) -> SourceState:
        config = make_source(json.loads(row["config"]), row["url"])
        return SourceState(config=config, etag=row["etag"], modified=row["modified"], digest=row["digest"],
                           polled=row["polled"], due=row["due"], failures=row["failures"], error=row["error"],
                           added=row["added"], paused=bool(row["paused"]), every=row["every"])  # fmt: skip

    def source(self, url: str) -> SourceState | None:
        rows = self.read("SELECT * FROM sources WHERE url = ?", (url,))
        return self._source(rows[0]) if rows else None

    def sources(self) -> list[SourceState]:
        """Every source followed, oldest first."""
        return [self._source(row) for row in self.read("SELECT * FROM sources ORDER BY added, url")]

    def polled(self, url: str, *, due: float, error: str | None = None, validators: dict | None = None) -> None:
        """Record a poll of source ``url``: when it is next due, and its error (counted
        towards its backoff) or its new validators."""
        with self.write() as db:
            if error is None:
                db.execute("UPDATE sources SET polled = ?, due = ?, failures = 0, error = NULL WHERE url = ?",
                           (time.time(), due, url))  # fmt: skip
            else:
                db.execute("UPDATE sources SET polled = ?, due = ?, failures = failures + 1, error = ? WHERE url = ?",
                           (time.time(), due, error, url))  # fmt: skip
            if validators is not None:
                kept = (validators.get("etag"), validators.get("modified"), validators.get("digest"))
                db.execute("UPDATE sources SET etag = ?, modified = ?, digest = ? WHERE url = ?", (*kept, url))

    # -- documents: a sitemap index's sitemaps ---------------------------------------------
    def document(self, url: str) -> tuple[str | None, str | None]:
        rows = self.read("SELECT etag, modified FROM documents WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["modified"]) if rows else (None, None)

    def documents(self, source: str) -> list[str]:
        """The sitemaps of source ``source`` (a sitemap index) read before."""
        return [row[0] for row in self.read("SELECT url FROM documents WHERE source = ? ORDER BY url", (source,))]

    def keep_document(self, source: str, url: str, etag: str | None, modified: str | None) -> None:
        with self.write() as db:
            db.execute("INSERT INTO documents (url, source, etag, modified) VALUES (?, ?, ?, ?) ON CONFLICT (url) "
                       "DO UPDATE SET source = excluded.source, etag = excluded.etag, modified = excluded.modified",
                       (url, source, etag, modified))  # fmt: skip

    def forget_documents(self, source: str, *, keep: Sequence[str]) -> None:
        """Forget the sitemaps source ``source`` no longer lists."""
        with self.write() as db:
            db.execute(f"DELETE FROM documents WHERE source = ? AND url NOT IN ({', '.join('?' * len(keep))})",
                       (source, *keep))  # fmt: skip

    # -- articles ---------------------------------------------------------------------------
    def articles(self, source: str | None = None, states: Sequence[str] = ()) -> list[Article]:
        sql, args = "SELECT * FROM articles WHERE 1", []
        if source is not None:
            sql += " AND source = ?"
            args.append(source)
        if states:
            sql += f" AND state IN ({', '.join('?' * len(states))})"
            args.extend(states)
        rows = self.read(sql + " ORDER BY dated IS NULL, dated, seen, key", args)
        return [Article(**dict(row)) for row in rows]

    def claim(self, source: str, key: str, owner: str) -> Article | None:
        """Take an article to work on, if it still needs it and no one else has it."""
        with self.write() as db:
            changed = db.execute(
                f"UPDATE articles SET state = 'claimed', task = state, owner = ?, claimed = ? "
                f"WHERE source = ? AND key = ? AND state IN ({', '.join('?' * len(TODO))})",
                (owner, time.time(), source, key, *TODO),
            ).rowcount
            if not changed:
                return None
            row = db.execute("SELECT * FROM articles WHERE source = ? AND key = ?", (source, key)).fetchone()
        return Article(**dict(row))

    def update(self, article: Article, **changes: Any) -> None:
        """Change a claimed article's row (``state`` and the rest), ending the claim
        unless the new state is ``claimed``; nothing when the claim is no longer the one
        ``article`` was read with."""
        if changes.get("state") not in (None, "claimed"):
            changes.setdefault("owner", None)
            changes.setdefault("claimed", None)
        names = ", ".join(f"{k} = ?" for k in changes)
        with self.write() as db:  # only while the claim is still the one ``article`` was read with
            db.execute(f"UPDATE articles SET {names} WHERE source = ? AND key = ? AND state = 'claimed' AND owner IS ?",
                       (*changes.values(), article.source, article.key, article.owner))  # fmt: skip

    def release(self, article: Article) -> None:
        """Hand a claimed article back untouched: its task is still to do."""
        with self.write() as db:
            db.execute("UPDATE articles SET state = task, owner = NULL, claimed = NULL "
                       "WHERE source = ? AND key = ? AND state = 'claimed' AND owner = ?",
                       (article.source, article.key, article.owner))  # fmt: skip

    def orphans(self, now: float, *, every: bool = False) -> list[Article]:
        """Claims whose process is gone (``every``: all of them, when this machine has
        taken the object store's state over from another, whose claims are void)."""
        return [a for a in self.articles(states=("claimed",)) if every or not alive(a.owner or "", a.claimed or 0, now)]

    # -- hosts ------------------------------------------------------------------------------
    def host(self, host: str) -> tuple[float, str | None, float | None]:
        """(not before, robots.txt as kept, when it was fetched) for ``host``."""
        rows = self.read("SELECT not_before, robots, robots_at FROM hosts WHERE host = ?", (host,))
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else (0.0, None, None)

    def pause_host(self, host: str, until: float) -> None:
        with self.write() as db:
            db.execute("INSERT INTO hosts (host, not_before) VALUES (?, ?) "
                       "ON CONFLICT (host) DO UPDATE SET not_before = max(not_before, excluded.not_before)",
                       (host, until))  # fmt: skip

    def keep_robots(self, host: str, text: str) -> None:
        with self.write() as db:
            db.execute("INSERT INTO hosts (host, robots, robots_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (host) DO UPDATE SET robots = excluded.robots, robots_at = excluded.robots_at",
                       (host, text, time.time()))  # fmt: skip
