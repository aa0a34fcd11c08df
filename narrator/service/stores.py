"""Where job records live: SQLite in the output folder for jobs run by the service
itself, Redis when Celery workers on other machines share the work.

The SQLite file is the embedded queue: a job is written there before the client hears
202, a worker claims it there in one transaction, and a job whose worker is gone goes
back to ``queued`` there. So a restart, however abrupt, loses nothing: every job that is
not finished is still in the file, and is resumed. A finished job's callback waits there
too, recorded with the job's end, until the service has sent it.

A full disk must not leave a job ``running`` for good, so the store keeps a little room
of its own: a reserve file beside the database, given up when writing a job's end (or
its return to the queue) finds the disk full, and made again once there is space.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..errors import OutputError
from .jobs import Job

T = TypeVar("T")
RESERVE = 1 << 20  # bytes kept free for the store: hundreds of job updates

#: Whether a stored job with the same key may stand for a new request.
Reuse = Callable[[Job], bool]

_COLUMNS = ("id", "key", "request", "status", "progress", "result", "error", "attempts", "worker", "heartbeat",
            "created", "updated")  # fmt: skip
_JSON = ("request", "result")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    request TEXT NOT NULL,
    status TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    result TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT,
    heartbeat REAL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_key ON jobs (key, created);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, created);
CREATE TABLE IF NOT EXISTS callbacks (
    job_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    created REAL NOT NULL
);
"""


class JobStore(Protocol):
    def create(self, job: Job, reuse: Reuse = ...) -> Job:
        """Store ``job``, unless a job with its key that has not failed exists and
        ``reuse`` accepts it; return the stored one."""

    def get(self, job_id: str) -> Job | None: ...

    def update(self, job_id: str, *, owner: str | None = None, **changes: Any) -> Job | None:
        """Change a job; with ``owner``, only while that worker still runs it. Returns
        the job as changed, or None if there is no such job (or it isn't ``owner``'s)."""

    def finish(self, job_id: str, *, owner: str | None, callback_url: str | None, **changes: Any) -> Job | None:
        """:meth:`update` a job to its end and, with ``callback_url``, leave its callback
        to be sent, in one step."""

    def pending_callbacks(self) -> dict[str, str]:
        """Callbacks not sent yet: job id to URL."""

    def delivered(self, job_id: str) -> None:
        """The job's callback was sent, or given up: it is no longer pending."""


def _always(job: Job) -> bool:
    return True


def _from_row(row: sqlite3.Row) -> Job:
    values = {name: row[name] for name in _COLUMNS}
    for name in _JSON:
        values[name] = json.loads(values[name]) if values[name] is not None else None
    return Job(**values)


class SqliteJobStore:
    """Jobs in ``OUT/.jobs/jobs.sqlite3`` (WAL mode): shared by the service and its
    worker processes, each with connections of its own."""

    def __init__(self, out: Path) -> None:
        folder = Path(out) / ".jobs"
        self.path = folder / "jobs.sqlite3"
        self.reserve = folder / "reserve"
        self._keeper: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
            # Held open while this process runs: when the last connection closes, SQLite
            # removes the WAL and its index, and a full disk has no room to make them again.
            self._keeper = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._keeper.execute("SELECT count(*) FROM jobs").fetchone()
        except OSError as exc:
            raise OutputError(f"{exc.filename or folder}: can't make the job store: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            self.close()
            raise OutputError(f"{self.path}: can't open the job store: {exc}") from None

    def close(self) -> None:
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    def keep_reserve(self) -> None:
        """Make the reserve file again if it is gone and the disk has room to spare."""
        if self.reserve.exists():
            return
        with contextlib.suppress(OSError):
            disk = os.statvfs(self.reserve.parent)
            if disk.f_bavail * disk.f_frsize < 8 * RESERVE:
                return
            spare = self.reserve.with_name(f".reserve.{os.getpid()}")
            try:
                with spare.open("wb") as fh:
                    fh.write(b"\0" * RESERVE)  # written, not sparse: the blocks are really taken
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(spare, self.reserve)
            finally:
                spare.unlink(missing_ok=True)

    def _roomy(self, write: Callable[[], T]) -> T:
        """``write``, tried once more with the reserve given up if the disk was full."""
        try:
            return write()
        except sqlite3.OperationalError as exc:
            # A full disk shows as SQLITE_FULL, or as an I/O error when the WAL index can't grow.
            if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR):
                raise
            try:
                self.reserve.unlink()
            except OSError:
                raise exc from None  # no reserve left to give
        return write()

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA synchronous=FULL")  # a job acknowledged with 202 survives a power cut
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once so two writers never deadlock."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def create(self, job: Job, reuse: Reuse = _always) -> Job:
        with self._write() as db:
            for row in db.execute("SELECT * FROM jobs WHERE key = ? AND status != 'failed' ORDER BY created DESC",
                                  (job.key,)):  # fmt: skip
                existing = _from_row(row)
                if reuse(existing):
                    return existing
            values = asdict(job)
            for name in _JSON:
                values[name] = json.dumps(values[name]) if values[name] is not None else None
            db.execute(f"INSERT INTO jobs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                       [values[name] for name in _COLUMNS])  # fmt: skip
        return job

    def get(self, job_id: str) -> Job | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _from_row(row) if row else None

    def update(self, job_id: str, *, owner: str | None = None, **changes: Any) -> Job | None:
        if "status" in changes:  # where a job stands must be written, full disk or not
            return self._roomy(lambda: self._update(job_id, owner, changes, None))
        return self._update(job_id, owner, changes, None)

    def finish(self, job_id: str, *, owner: str | None, callback_url: str | None, **changes: Any) -> Job | None:
        return self._roomy(lambda: self._update(job_id, owner, changes, callback_url))

    def _update(self, job_id: str, owner: str | None, changes: dict[str, Any], callback_url: str | None) -> Job | None:
        changes = {**changes, "updated": time.time()}
        names = [name for name in changes if name in _COLUMNS and name != "id"]
        values = [json.dumps(changes[n]) if n in _JSON and changes[n] is not None else changes[n] for n in names]
        where, args = "id = ?", [job_id]
        if owner is not None:
            where += " AND status = 'running' AND worker = ?"
            args.append(owner)
        with self._write() as db:
            cursor = db.execute(f"UPDATE jobs SET {', '.join(f'{n} = ?' for n in names)} WHERE {where}",
                                values + args)  # fmt: skip
            if cursor.rowcount == 0:
                return None
            if callback_url:
                db.execute("INSERT OR REPLACE INTO callbacks (job_id, url, created) VALUES (?, ?, ?)",
                           (job_id, callback_url, time.time()))  # fmt: skip
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _from_row(row)

    def pending_callbacks(self) -> dict[str, str]:
        with self._connect() as db:
            return dict(db.execute("SELECT job_id, url FROM callbacks ORDER BY created").fetchall())

    def delivered(self, job_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM callbacks WHERE job_id = ?", (job_id,))

    def claim(self, worker: str) -> Job | None:
        """Take the oldest queued job for ``worker``: it becomes ``running``, in one step."""
        with self._connect() as db:  # most polls find nothing: ask without taking the write lock
            if db.execute("SELECT 1 FROM jobs WHERE status = 'queued' LIMIT 1").fetchone() is None:
                return None
        now = time.time()
        with self._write() as db:
            row = db.execute("SELECT id FROM jobs WHERE status = 'queued' ORDER BY created LIMIT 1").fetchone()
            if row is None:
                return None
            db.execute("UPDATE jobs SET status = 'running', worker = ?, heartbeat = ?, attempts = attempts + 1, "
                       "progress = 0, updated = ? WHERE id = ?", (worker, now, now, row["id"]))  # fmt: skip
            job = db.execute("SELECT * FROM jobs WHERE id = ?", (row["id"],)).fetchone()
        return _from_row(job)

    def beat(self, job_id: str, worker: str) -> None:
        """The worker running ``job_id`` is alive."""
        with self._connect() as db:
            db.execute("UPDATE jobs SET heartbeat = ? WHERE id = ? AND status = 'running' AND worker = ?",
                       (time.time(), job_id, worker))  # fmt: skip

    def running(self) -> list[Job]:
        with self._connect() as db:
            return [_from_row(row) for row in db.execute("SELECT * FROM jobs WHERE status = 'running'")]

    def requeue(self, job: Job, *, failed: str | None = None) -> bool:
        """Give ``job`` back to the queue (or fail it with the reason ``failed``) if the
        worker it had still holds it. True if it changed."""
        status, error = ("failed", failed) if failed else ("queued", None)
        callback_url = job.request.get("callback_url") if failed else None

        def write() -> bool:
            with self._write() as db:
                cursor = db.execute(
                    "UPDATE jobs SET status = ?, error = ?, worker = NULL, heartbeat = NULL, progress = 0, updated = ? "
                    "WHERE id = ? AND status = 'running' AND worker IS ?",
                    (status, error, time.time(), job.id, job.worker),
                )
                if cursor.rowcount == 1 and callback_url:  # a job failed here is called back as any other
                    db.execute("INSERT OR REPLACE INTO callbacks (job_id, url, created) VALUES (?, ?, ?)",
                               (job.id, callback_url, time.time()))  # fmt: skip
                return cursor.rowcount == 1

        return self._roomy(write)

    def count(self, status: str) -> int:
        with self._connect() as db:
            return db.execute("SELECT count(*) FROM jobs WHERE status = ?", (status,)).fetchone()[0]


CALLBACKS = "narrator:callbacks"  # Redis hash: job id to the callback URL not yet sent


class RedisJobStore:
    """Jobs in Redis, where the Celery workers on other machines can see them."""

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def create(self, job: Job, reuse: Reuse = _always) -> Job:
        key = f"narrator:key:{job.key}"
        for _ in range(5):
            if self.redis.set(key, job.id, nx=True):
                self.redis.set(f"narrator:job:{job.id}", json.dumps(asdict(job)))
                return job
            held = self.redis.get(key)
            existing = self.get(held.decode()) if held else None
            if existing is not None and existing.status != "failed" and reuse(existing):
                return existing
            self.redis.delete(key)  # a failed or stale job: the key is free again
        self.redis.set(key, job.id)  # posted again and again meanwhile: this one wins
        self.redis.set(f"narrator:job:{job.id}", json.dumps(asdict(job)))
        return job

    def get(self, job_id: str) -> Job | None:
        raw = self.redis.get(f"narrator:job:{job_id}")
        return Job(**json.loads(raw)) if raw else None

    def update(self, job_id: str, *, owner: str | None = None, **changes: Any) -> Job | None:
        return self.finish(job_id, owner=owner, callback_url=None, **changes)

    def finish(self, job_id: str, *, owner: str | None, callback_url: str | None, **changes: Any) -> Job | None:
        job = self.get(job_id)
        if job is None or (owner is not None and (job.status != "running" or job.worker != owner)):
            return None
        for name, value in changes.items():
            setattr(job, name, value)
        job.updated = time.time()
        with self.redis.pipeline() as step:  # MULTI/EXEC: the job's end and its callback together
            step.set(f"narrator:job:{job_id}", json.dumps(asdict(job)))
            if callback_url:
                step.hset(CALLBACKS, job_id, callback_url)
            step.execute()
        return job

    def pending_callbacks(self) -> dict[str, str]:
        return {k.decode(): v.decode() for k, v in self.redis.hgetall(CALLBACKS).items()}

    def delivered(self, job_id: str) -> None:
        self.redis.hdel(CALLBACKS, job_id)
