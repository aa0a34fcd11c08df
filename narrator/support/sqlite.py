"""The SQLite habits narrator's stores share (the job store, the follow store, the stats
store): how a connection is opened, how a write transaction is taken, and how a store
that can't be made or opened becomes one line."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import NarratorError


def connect(path: Path, *, synchronous: str = "FULL", shared: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are taken by :func:`immediate`),
    rows by name, waiting up to 30 s for another writer. ``shared``: usable from threads
    other than the one that made it."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=not shared)
    try:
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA synchronous={synchronous}")
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def connection(path: Path, *, synchronous: str = "FULL") -> Iterator[sqlite3.Connection]:
    """A connection of :func:`connect`, closed afterwards."""
    db = connect(path, synchronous=synchronous)
    try:
        yield db
    finally:
        db.close()


@contextlib.contextmanager
def immediate(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (BEGIN IMMEDIATE) so two writers never
    deadlock; rolled back if the block fails, so a kept connection starts its next call
    afresh."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the first error is the one to tell
                db.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def opening(path: Path, what: str, error: type[NarratorError]) -> Iterator[None]:
    """Make or open the store ``what`` at ``path``: a folder that can't be made, or a file
    that isn't a database, is one line (``error``) naming the file."""
    try:
        yield
    except OSError as exc:
        raise error(f"{exc.filename or path}: can't make the {what}: {exc.strerror or exc}") from None
    except sqlite3.Error as exc:
        raise error(f"{path}: can't open the {what}: {exc}") from None
