"""The publication's own lexicon: the pronunciations its editors saved, kept in the output
folder as ``OUT/lexicon.toml`` (the same TOML as any lexicon), with every change recorded
in ``OUT/.lexicon-history.jsonl`` (a dotted name: never served or published): who made it,
when, the term, and its entry before and after.

With an object store (``store``), machines share no folder, so both live in the store:
``<prefix>lexicon.toml``, replaced with ``If-Match`` on the version read (a save that
loses to another editor's reads theirs and applies its own change again), and the history
as one object a change under ``<prefix>.lexicon-history/``, named so they list in order.
Neither is given the store's public ACL.

Narration reads it over the configured lexicons, so an editor's fix wins.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import OutputError
from ..settings import Settings
from ..support.files import write_atomic
from ..text.lexicon import Entry, Lexicon, lexicon_toml, read_lexicon

if TYPE_CHECKING:
    from .s3_store import ObjectStore

LEXICON = "lexicon.toml"
HISTORY = ".lexicon-history.jsonl"  # a dotted name: kept, never published
STORED_HISTORY = ".lexicon-history/"  # in an object store: one object a change
_LOCK = ".lexicon.lock"


@dataclass(frozen=True)
class Change:
    at: str  # ISO 8601, UTC
    editor: str
    term: str
    old: dict[str, str] | None  # the entry's say, phonemes, ipa before; None: it was not there
    new: dict[str, str] | None  # after; None: removed


def kept_in(where: Settings | Path) -> Path | ObjectStore:
    """Where the publication's lexicon is kept: the object store of ``store``, or else the
    output folder (``where`` may be that folder itself)."""
    if not isinstance(where, Settings):
        return Path(where)
    if where.store:
        from .s3_store import ObjectStore

        return ObjectStore(where.store, Path(where.out), where)
    return Path(where.out)


def publication_lexicon(out: Path | ObjectStore) -> Lexicon:
    """The lexicon saved in ``out`` (a folder or an object store); empty when there is none."""
    if not isinstance(out, str | Path):
        return _stored_lexicon(out)
    path = Path(out) / LEXICON
    return read_lexicon(path) if path.is_file() else Lexicon()


def _fields(entry: Entry | None) -> dict[str, str] | None:
    if entry is None:
        return None
    return {k: v for k, v in (("say", entry.say), ("phonemes", entry.phonemes), ("ipa", entry.ipa)) if v}


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    # Two editors saving at once: each reads the lexicon the other wrote.
    with open(out / _LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _changed(current: Lexicon, term: str, entry: Entry | None) -> tuple[Lexicon, Entry | None]:
    """``current`` with ``term`` set to ``entry`` (removed when None), and its entry before."""
    old = next((e for e in current.entries if e.term == term), None)
    kept = tuple(e for e in current.entries if e.term != term)
    entries = kept + ((entry,) if entry is not None else ())
    return Lexicon(entries=entries, case_sensitive=current.case_sensitive), old


def save_entry(
    out: Path | ObjectStore, term: str, entry: Entry | None, editor: str, *, now: datetime | None = None
) -> Change:
    """Set (or with ``entry`` None, remove) ``term`` in the lexicon in ``out`` (a folder or
    an object store), recording the change as ``editor``'s."""
    if not isinstance(out, str | Path):
        return _save_stored(out, term, entry, editor, now)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            lexicon, old = _changed(publication_lexicon(out), term, entry)
            write_atomic(out / LEXICON, lexicon_toml(lexicon))
            change = Change(at=(now or datetime.now(UTC)).isoformat(timespec="seconds"), editor=editor, term=term,
                            old=_fields(old), new=_fields(entry))  # fmt: skip
            with open(out / HISTORY, "a", encoding="utf-8") as history:
                history.write(json.dumps(asdict(change), ensure_ascii=False) + "\n")
                history.flush()
                os.fsync(history.fileno())
    except OSError as exc:
        raise OutputError(f"{out}: can't save the lexicon: {exc.strerror or exc}") from None
    return change


def lexicon_history(out: Path | ObjectStore) -> list[Change]:
    """Every change to the lexicon in ``out`` (a folder or an object store), oldest first."""
    if not isinstance(out, str | Path):
        return _stored_history(out)
    path = Path(out) / HISTORY
    if not path.is_file():
        return []
    changes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError, TypeError):
            changes.append(Change(**json.loads(line)))
    return changes


# -- in an object store -------------------------------------------------------------------
#: The lexicon last read from each store, by its key: (ETag, lexicon). A worker asks the
#: store whether it changed (If-None-Match) instead of reading and parsing it every job.
_read: dict[tuple[str | None, str, str], tuple[str, Lexicon]] = {}
_read_lock = threading.Lock()


class _Body:
    """An object's bytes where :func:`read_lexicon` expects a file: its errors name the object."""

    def __init__(self, name: str, body: bytes) -> None:
        self.name, self.body = name, body

    def __str__(self) -> str:
        return self.name

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self.body)


def _key(store: ObjectStore) -> str:
    return store.prefix + LEXICON


def _parse(store: ObjectStore, body: bytes) -> Lexicon:
    return read_lexicon(cast(Path, _Body(f"s3://{store.bucket}/{_key(store)}", body)))


def _get_stored(store: ObjectStore) -> tuple[Lexicon, str | None]:
    """The stored lexicon and its ETag (None: there is none), from this process's copy when
    the store says it has not changed."""
    from botocore.exceptions import ClientError

    from ..publish.s3 import _status
    from .s3_store import _missing

    key = _key(store)
    cache_key = (store.settings.s3.endpoint_url, store.bucket, key)
    with _read_lock:
        known = _read.get(cache_key)
    condition = {"IfNoneMatch": known[0]} if known else {}
    with store._errors(f"reading {key}"):
        try:
            obj = store.s3.get_object(Bucket=store.bucket, Key=key, **condition)
        except ClientError as exc:
            if known and _status(exc) == 304:
                return known[1], known[0]
            if _missing(exc):
                with _read_lock:
                    _read.pop(cache_key, None)
                return Lexicon(), None
            raise
        body, etag = obj["Body"].read(), obj["ETag"]
    lexicon = _parse(store, body)
    with _read_lock:
        _read[cache_key] = (etag, lexicon)
    return lexicon, etag


def _stored_lexicon(store: ObjectStore) -> Lexicon:
    return _get_stored(store)[0]


def _save_stored(store: ObjectStore, term: str, entry: Entry | None, editor: str, now: datetime | None) -> Change:
    from .s3_store import ATTEMPTS, _pause

    key = _key(store)
    for attempt in range(ATTEMPTS):
        current, etag = _get_stored(store)
        lexicon, old = _changed(current, term, entry)
        if _put(store, key, lexicon_toml(lexicon).encode(), etag=etag, kind="application/toml"):
            break
        _pause(attempt)  # another editor saved meanwhile: apply this change to theirs
    else:
        raise OutputError(f"{store.target}: the lexicon kept changing; gave up after {ATTEMPTS} tries")
    at = now or datetime.now(UTC)
    change = Change(at=at.isoformat(timespec="seconds"), editor=editor, term=term, old=_fields(old),
                    new=_fields(entry))  # fmt: skip
    # Named by the time to the microsecond, then at random: they list oldest first, and
    # two changes never take one name.
    name = f"{store.prefix}{STORED_HISTORY}{at.astimezone(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:12]}.json"
    body = json.dumps(asdict(change), ensure_ascii=False).encode()
    if not _put(store, name, body, etag=None, kind="application/json"):
        raise OutputError(f"{store.target}: {name} is already there")
    return change


def _put(store: ObjectStore, key: str, body: bytes, *, etag: str | None, kind: str) -> bool:
    """Write ``key`` if it is still as read (``etag``; None: if there is none), with no
    public ACL: who changed what is not published. False when another writer came first."""
    from botocore.exceptions import ClientError

    from .s3_store import _lost_race, _missing

    condition: dict[str, Any] = {"IfMatch": etag} if etag else {"IfNoneMatch": "*"}
    with store._errors(f"writing {key}"):
        try:
            store.s3.put_object(Bucket=store.bucket, Key=key, Body=body, ContentType=kind, CacheControl="no-cache",
                                **condition)  # fmt: skip
        except ClientError as exc:
            if _lost_race(exc) or (etag and _missing(exc)):
                return False
            raise
    return True


#: The changes read from each store, by key: a change's object is never rewritten, so
#: the page that lists the lexicon fetches only the ones it has not seen.
_seen: dict[tuple[str | None, str, str], Change | None] = {}


def _stored_history(store: ObjectStore) -> list[Change]:
    endpoint = store.settings.s3.endpoint_url
    changes = []
    for key in sorted(store._keys(store.prefix + STORED_HISTORY)):
        name = (endpoint, store.bucket, key)
        with _read_lock:
            known = name in _seen
        if not known:
            body, _ = store._get(key)
            change = None
            with contextlib.suppress(ValueError, TypeError):
                change = Change(**json.loads(body or b""))
            with _read_lock:
                _seen[name] = change
        if _seen[name] is not None:
            changes.append(_seen[name])
    return changes
