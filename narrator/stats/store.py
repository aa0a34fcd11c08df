"""The listening figures of an output folder, in SQLite (``OUT/.stats/stats.sqlite3``, WAL
mode; a dotted folder, so ``narrator serve`` and the publishers never serve it).

It holds counts, not people:

- the player's events (``play``, ``progress`` at each tenth, ``complete``, ``speed``) are
  counted into daily figures per episode as they arrive. The raw event (the page view's
  random id, what happened, when) is kept for a day only, so that a repeated event of the
  same view counts once; older ones are deleted, and an event older than what has been
  deleted is refused, since it could no longer be told from a repeat.
- a download is counted once per client, episode and day, where the client is already a
  salted hash (:mod:`.salt`); the hashes, and what a client has fetched so far, are kept
  only while their day's logs may still come in (:meth:`StatsStore.forget_clients`).

Every change is one short transaction taken at once (``BEGIN IMMEDIATE``), so the
service's threads, its workers and an import on the command line can write together.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StatsError
from ..support import sqlite
from .events import KINDS
from .figures import DECILES, DayFigures, EpisodeFigures, StatsFigures, curve_of, median_heard

FOLDER = ".stats"
FILE = "stats.sqlite3"
#: Raw events are kept this long (seconds), to tell a repeat from a new event.
KEEP_EVENTS = 86400.0

_REACH = ", ".join(f"r{d} INTEGER NOT NULL DEFAULT 0" for d in DECILES)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS events (
    view TEXT NOT NULL,
    episode TEXT NOT NULL,
    kind TEXT NOT NULL,
    value REAL NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (view, episode, kind, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_time ON events (at);
CREATE TABLE IF NOT EXISTS daily (
    episode TEXT NOT NULL,
    day TEXT NOT NULL,
    plays INTEGER NOT NULL DEFAULT 0,
    completes INTEGER NOT NULL DEFAULT 0,
    downloads INTEGER NOT NULL DEFAULT 0,
    {_REACH},
    PRIMARY KEY (episode, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS speeds (
    episode TEXT NOT NULL,
    day TEXT NOT NULL,
    speed REAL NOT NULL,
    listens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (episode, day, speed)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS downloads (
    episode TEXT NOT NULL,
    client TEXT NOT NULL,
    day TEXT NOT NULL,
    PRIMARY KEY (episode, client, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fetches (
    episode TEXT NOT NULL,
    client TEXT NOT NULL,
    day TEXT NOT NULL,
    spans TEXT NOT NULL DEFAULT '',
    loose INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (episode, client, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imported (
    key TEXT PRIMARY KEY,
    done INTEGER NOT NULL DEFAULT 0,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value
);
"""


def _utc(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


class StatsStore:
    """The stats store at ``path``: one may be shared by the threads of a process."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        with sqlite.opening(self.path, "stats store", StatsError):
            fresh = not self.path.exists()
            # Counts only, nothing personal: readable by a web server running as another user.
            self.path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
            if fresh:
                os.chmod(self.path, 0o644)

    @classmethod
    def for_output(cls, out: Path) -> StatsStore:
        """The stats store of output folder ``out``."""
        return cls(Path(out) / FOLDER / FILE)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, kept open: closing the last one checkpoints the WAL and
        removes it, which would cost every event a disk flush."""
        db = getattr(self._local, "db", None)
        if db is None or self._local.pid != os.getpid():  # never one made before a fork
            # WAL with NORMAL never corrupts the store; a power cut may lose the last counts.
            db = sqlite.connect(self.path, synchronous="NORMAL", shared=True)
            self._local.db, self._local.pid = db, os.getpid()
        yield db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so two writers never deadlock."""
        try:
            with self._connect() as db, sqlite.immediate(db):
                yield db
        except sqlite3.Error as exc:
            raise StatsError(f"{self.path}: can't write the stats store: {exc}") from None

    def read(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._connect() as db:
                return db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise StatsError(f"{self.path}: can't read the stats store: {exc}") from None

    # -- the player's events --------------------------------------------------------------
    def add_event(self, episode: str, view: str, kind: str, value: float | None, at: dt.datetime) -> bool:
        """Count one event of page view ``view``; False if it was counted before (or is too
        old to tell). ``value`` is the tenth reached (10..100) for ``progress``, the speed
        for ``speed``, and None otherwise. Check it with :func:`.events.validate_event` first."""
        return self.add_events([(episode, view, kind, value, at)]) == 1

    def add_events(self, events: Iterable[tuple[str, str, str, float | None, dt.datetime]]) -> int:
        """Count several events in one transaction; how many were new."""
        added = 0
        with self.write() as db:
            for episode, view, kind, value, at in events:
                added += self._add_event(db, episode, view, kind, value, _utc(at))
        return added

    def _add_event(self, db: sqlite3.Connection, episode: str, view: str, kind: str, value: float | None,
                   at: dt.datetime) -> bool:  # fmt: skip
        if kind not in KINDS:
            raise StatsError(f"{kind[:40]}: not a kind of listening event")
        stamp = at.timestamp()
        forgotten = self._meta(db, "events_forgotten_before") or 0.0
        if stamp < forgotten:
            return False
        cutoff = stamp - KEEP_EVENTS
        if cutoff > forgotten:
            db.execute("DELETE FROM events WHERE at < ?", (cutoff,))
            self._set_meta(db, "events_forgotten_before", cutoff)
        day = at.date().isoformat()
        if kind == "complete":
            # The end was reached: the last tenth counts as heard, once, with its own event.
            self._insert_event(db, episode, view, "progress", 100.0, stamp, day)
        return self._insert_event(db, episode, view, kind, value, stamp, day)

    def _insert_event(self, db: sqlite3.Connection, episode: str, view: str, kind: str, value: float | None,
                      stamp: float, day: str) -> bool:  # fmt: skip
        key = 0.0 if value is None else float(value)
        cursor = db.execute("INSERT OR IGNORE INTO events (view, episode, kind, value, at) VALUES (?, ?, ?, ?, ?)",
                            (view, episode, kind, key, stamp))  # fmt: skip
        if cursor.rowcount != 1:
            return False
        db.execute("INSERT OR IGNORE INTO daily (episode, day) VALUES (?, ?)", (episode, day))
        if kind == "play":
            db.execute("UPDATE daily SET plays = plays + 1 WHERE episode = ? AND day = ?", (episode, day))
        elif kind == "complete":
            db.execute("UPDATE daily SET completes = completes + 1 WHERE episode = ? AND day = ?", (episode, day))
        elif kind == "progress":
            if int(key) not in DECILES or key != int(key):
                raise StatsError(f"{value}: progress is reported at each tenth, 10 to 100")
            column = f"r{int(key)}"
            db.execute(f"UPDATE daily SET {column} = {column} + 1 WHERE episode = ? AND day = ?", (episode, day))
        else:
            db.execute("INSERT INTO speeds (episode, day, speed, listens) VALUES (?, ?, ?, 1) "
                       "ON CONFLICT DO UPDATE SET listens = listens + 1", (episode, day, key))  # fmt: skip
        return True

    @staticmethod
    def _meta(db: sqlite3.Connection, name: str) -> Any:
        row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set_meta(db: sqlite3.Connection, name: str, value: Any) -> None:
        db.execute("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
                   (name, value))  # fmt: skip

    # -- downloads ------------------------------------------------------------------------
    def add_download(self, episode: str, client: str, day: dt.date) -> bool:
        """Count a download of ``episode`` by ``client`` (a salted hash) on ``day``; False if
        that client's download of it was counted that day already."""
        with self.write() as db:
            return self.count_download(db, episode, client, day)

    @staticmethod
    def count_download(db: sqlite3.Connection, episode: str, client: str, day: dt.date) -> bool:
        when = day.isoformat()
        cursor = db.execute("INSERT OR IGNORE INTO downloads (episode, client, day) VALUES (?, ?, ?)",
                            (episode, client, when))  # fmt: skip
        if cursor.rowcount != 1:
            return False
        db.execute("INSERT INTO daily (episode, day, downloads) VALUES (?, ?, 1) "
                   "ON CONFLICT DO UPDATE SET downloads = downloads + 1", (episode, when))  # fmt: skip
        return True

    def imported(self, key: str) -> int | None:
        """How far the log known by ``key`` was imported (bytes, or 1 for all of it), or None."""
        rows = self.read("SELECT done FROM imported WHERE key = ?", (key,))
        return int(rows[0][0]) if rows else None

    @staticmethod
    def mark_imported(db: sqlite3.Connection, key: str, done: int) -> None:
        """Remember, in the open transaction ``db``, that the log ``key`` was imported up to ``done``."""
        db.execute("INSERT INTO imported (key, done, at) VALUES (?, ?, strftime('%s', 'now')) "
                   "ON CONFLICT DO UPDATE SET done = excluded.done, at = excluded.at", (key, done))  # fmt: skip

    def forget_clients(self, before: dt.date) -> None:
        """Delete the client hashes, and what each fetched, of the days before ``before``."""
        with self.write() as db:
            db.execute("DELETE FROM downloads WHERE day < ?", (before.isoformat(),))
            db.execute("DELETE FROM fetches WHERE day < ?", (before.isoformat(),))

    def salt_of(self, day: dt.date) -> bytes:
        """The secret salt of ``day``, the current day: made when the day's first client is
        hashed, and replaced (the old one gone) on the next day."""
        with self.write() as db:
            kept = self._meta(db, "salt")
            if isinstance(kept, str) and kept.startswith(day.isoformat() + ":"):
                return bytes.fromhex(kept.partition(":")[2])
            salt = secrets.token_bytes(32)
            self._set_meta(db, "salt", f"{day.isoformat()}:{salt.hex()}")
            return salt

    # -- figures --------------------------------------------------------------------------
    def daily_rows(self, start: dt.date, end: dt.date, episode: str | None = None) -> list[dict[str, Any]]:
        """The stored daily counts from ``start`` to ``end`` (only days with any), by day and
        episode: plays, completes, downloads and ``reached_10`` ... ``reached_100``."""
        where, args = "day >= ? AND day <= ?", [start.isoformat(), end.isoformat()]
        if episode is not None:
            where, args = where + " AND episode = ?", [*args, episode]
        rows = self.read(f"SELECT * FROM daily WHERE {where} ORDER BY day, episode", args)
        return [
            {"day": r["day"], "episode": r["episode"], "plays": r["plays"], "downloads": r["downloads"],
             "completes": r["completes"], **{f"reached_{d}": r[f"r{d}"] for d in DECILES}}
            for r in rows
        ]  # fmt: skip

    def figures(
        self,
        episode: str | None = None,
        days: int = 30,
        today: dt.date | None = None,
        *,
        include: Iterable[str] = (),
    ) -> StatsFigures:
        """The figures of the ``days`` days up to ``today`` (UTC): of ``episode``, or of every
        episode with any (and those in ``include``, with none)."""
        days = max(1, int(days))
        end = today or dt.datetime.now(dt.UTC).date()
        start = end - dt.timedelta(days=days - 1)
        where = "day >= ? AND day <= ?"
        args: list[Any] = [start.isoformat(), end.isoformat()]
        if episode is not None:
            where += " AND episode = ?"
            args.append(episode)
        rows = self.read(f"SELECT * FROM daily WHERE {where}", args)
        speed_rows = self.read(f"SELECT episode, speed, sum(listens) AS n FROM speeds WHERE {where} "
                               "GROUP BY episode, speed", args)  # fmt: skip
        span = [start + dt.timedelta(days=i) for i in range(days)]
        names = {episode} if episode is not None else {row["episode"] for row in rows} | set(include)
        per: dict[str, dict[str, Any]] = {
            name: {"plays": 0, "completes": 0, "downloads": 0, "reach": [0] * len(DECILES),
                   "days": {d: [0, 0] for d in span}, "speeds": {}}
            for name in names
        }  # fmt: skip
        totals = {d: [0, 0] for d in span}
        for row in rows:
            one = per[row["episode"]]
            day = dt.date.fromisoformat(row["day"])
            one["plays"] += row["plays"]
            one["completes"] += row["completes"]
            one["downloads"] += row["downloads"]
            for i, d in enumerate(DECILES):
                one["reach"][i] += row[f"r{d}"]
            one["days"][day][0] += row["plays"]
            one["days"][day][1] += row["downloads"]
            totals[day][0] += row["plays"]
            totals[day][1] += row["downloads"]
        for row in speed_rows:
            per[row["episode"]]["speeds"][float(row["speed"])] = int(row["n"])
        episodes = []
        for name in sorted(names):
            one = per[name]
            curve = curve_of(one["plays"], one["reach"])
            episodes.append(EpisodeFigures(
                episode=name,
                plays=one["plays"],
                downloads=one["downloads"],
                completes=one["completes"],
                curve=curve,
                median_heard=median_heard(one["plays"], curve),
                speeds=tuple(sorted(one["speeds"].items())),
                days=tuple(DayFigures(day=d, plays=p, downloads=n) for d, (p, n) in one["days"].items()),
            ))  # fmt: skip
        return StatsFigures(
            start=start,
            end=end,
            days=tuple(DayFigures(day=d, plays=p, downloads=n) for d, (p, n) in totals.items()),
            episodes=tuple(episodes),
        )
