"""The episode store: the only code that reads or writes ``episode.json``.

An output folder holds one folder per episode, ``OUT/<slug>/``, with its files and an
``episode.json`` describing them (:class:`~narrator.models.EpisodeRecord`). The file
carries a schema number; files from before the number existed (schema 1, where a held
or draft episode was marked ``held`` with the check report, or ``{"draft": true}``)
still load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, Protocol

from ..errors import OutputError
from ..models import STATUSES, Chapter, Cue, Episode, EpisodeFiles, EpisodeRecord, SectionSpan, Status
from ..support.files import write_atomic

METADATA = "episode.json"
SCHEMA = 2
LOCK = ".narrator.lock"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


def record_key(folder_key: str) -> str:
    """Where an episode's record is kept under ``folder_key``: an episode folder's path
    or an object store's prefix for it, ending in "/" (or "" for the bare name)."""
    return folder_key + METADATA


def is_record_key(key: str) -> bool:
    """True if ``key`` (a path or an object key) names an episode's record."""
    return key.endswith("/" + METADATA)


def valid_slug(slug: str) -> bool:
    """A slug narrator could have made: lowercase ASCII letters, digits and hyphens."""
    return bool(_SLUG.match(slug))


def _when(value: Any) -> dt.date | dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        if "T" in value or " " in value or len(value) > 10:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _status(data: Mapping[str, Any]) -> Status:
    status = data.get("status")
    if status in STATUSES:
        return status
    if data.get("held"):  # schema 1
        return "draft" if (data.get("check") or {}).get("draft") else "held"
    return "published"


def record_to_dict(record: EpisodeRecord) -> dict[str, Any]:
    """The JSON form of a record."""
    data: dict[str, Any] = {"schema": SCHEMA}
    for name in (f.name for f in fields(EpisodeRecord)):
        value = getattr(record, name)
        if name in ("published", "narrated_at"):
            value = value.isoformat() if value else None
        elif name == "files":
            value = dict(value.items())
        elif name == "chapters":
            value = [{"start": c.start, "title": c.title} for c in value]
        elif name == "sections":
            value = [{"title": s.title, "start": s.start, "end": s.end, "text": s.text} for s in value]
        elif name in ("check", "keys"):
            if value is None:
                continue
            value = dict(value)
        data[name] = value
    return data


def _files(value: Any) -> EpisodeFiles:
    return EpisodeFiles(**{k: v for k, v in value.items() if k in {f.name for f in fields(EpisodeFiles)}})


def _mapping(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, dict) else None


#: How a field's JSON value is read: by its name when it needs more than its type says...
_READ_FIELD: dict[str, Callable[[Any], Any]] = {
    "files": _files,
    "published": _when,
    "narrated_at": _when,
    "chapters": lambda value: tuple(Chapter(start=float(c["start"]), title=str(c["title"])) for c in value),
    "sections": lambda value: tuple(
        SectionSpan(title=str(s["title"]), start=float(s["start"]), end=float(s["end"]), text=str(s["text"]))
        for s in value
    ),
    "check": _mapping,
    "keys": _mapping,
}
#: ...else by its type; a field of another type is kept as the JSON has it.
_READ_TYPE: dict[str, Callable[[Any], Any]] = {"str": str, "int": int, "float": float}


def record_from_dict(data: Any) -> EpisodeRecord | None:
    """A record from its JSON form, or None if ``data`` is not one. A field the JSON lacks
    (or leaves empty, for a text or a count) takes its default; one without a default
    must be there."""
    if not isinstance(data, dict) or not data.get("slug") or not data.get("guid"):
        return None
    values: dict[str, Any] = {"status": _status(data)}
    try:
        for f in fields(EpisodeRecord):
            if f.name in values:
                continue
            value = data.get(f.name)
            read = _READ_FIELD.get(f.name) or _READ_TYPE.get(str(f.type))
            required = f.default is MISSING and f.default_factory is MISSING
            if value is None or (not value and read in (str, int) and not required):
                if required:
                    return None
                continue
            values[f.name] = read(value) if read else value
        return EpisodeRecord(**values)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def dumps(record: EpisodeRecord) -> str:
    return json.dumps(record_to_dict(record), ensure_ascii=False, indent=2) + "\n"


def loads(text: str | bytes) -> EpisodeRecord | None:
    """A record from ``episode.json``'s text, or None if it is damaged or not one."""
    try:
        return record_from_dict(json.loads(text))
    except ValueError:
        return None


def read_folder(folder: Path) -> EpisodeRecord | None:
    """The record in an episode folder wherever it is, or None."""
    try:
        return loads((Path(folder) / METADATA).read_bytes())
    except OSError:
        return None


def newest_first(records: list[EpisodeRecord]) -> list[EpisodeRecord]:
    return sorted(records, key=EpisodeRecord.sort_key, reverse=True)


class Store(Protocol):
    """What narrating, listing and publishing need of an episode store: the output folder
    (:class:`EpisodeStore`), or an object store shared by many machines
    (:class:`~narrator.episodes.s3_store.ObjectStore`), where ``out`` only stages
    narrations. A slug is claimed in either by :func:`~narrator.episodes.slugs.claim`, and
    the podcast's identity kept by :mod:`narrator.publish.identity`."""

    out: Path

    def folder(self, slug: str) -> Path: ...

    def read(self, slug: str) -> EpisodeRecord | None: ...

    def get(self, slug: str) -> EpisodeRecord: ...

    def episode(self, record: EpisodeRecord, cues: tuple[Cue, ...] = ()) -> Episode: ...

    def write(self, record: EpisodeRecord, folder: Path | None = None) -> None: ...

    def all(self) -> list[EpisodeRecord]: ...

    def listed(self) -> list[EpisodeRecord]: ...

    def set_status(self, slug: str, status: Status, check: Mapping[str, Any] | None = None) -> EpisodeRecord: ...

    def remove(self, slug: str) -> None: ...


class EpisodeStore:
    """The episodes of an output folder."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)

    def folder(self, slug: str) -> Path:
        """The folder of episode ``slug``; OutputError for a slug narrator can't have made."""
        if not valid_slug(slug):
            raise OutputError(f"{slug[:100]}: no such episode in {self.out}")
        return self.out / slug

    def read(self, slug: str) -> EpisodeRecord | None:
        """The record of episode ``slug``, or None if there is none: a folder still being
        written, a symlink, or an ``episode.json`` narrator didn't write for this folder
        (hand-made, or copied from another episode)."""
        try:
            folder = self.folder(slug)
            if folder.is_symlink() or (folder / METADATA).is_symlink():
                return None  # narrator never makes one: it could lead anywhere
            record = loads((folder / METADATA).read_bytes())
        except (OSError, OutputError):
            return None
        return record if record is not None and record.slug == slug else None

    def episode(self, record: EpisodeRecord, cues: tuple[Cue, ...] = ()) -> Episode:
        """``record``'s episode where it lives in this store, ``OUT/<slug>/``."""
        folder = self.out / record.slug
        return Episode(record=record, directory=folder, metadata_file=folder / METADATA, cues=cues)

    def get(self, slug: str) -> EpisodeRecord:
        record = self.read(slug)
        if record is None:
            raise OutputError(f"{slug[:100]}: no such episode in {self.out}")
        return record

    def write(self, record: EpisodeRecord, folder: Path | None = None) -> None:
        """Write ``record`` into ``folder`` (by default, the episode's own)."""
        write_atomic((folder or self.folder(record.slug)) / METADATA, dumps(record))

    def all(self) -> list[EpisodeRecord]:
        """Every complete episode, whatever its status, newest first."""
        records = []
        if self.out.is_dir():
            for path in sorted(self.out.glob(f"*/{METADATA}")):
                if not valid_slug(path.parent.name):
                    continue  # a folder still being written, or not narrator's
                record = self.read(path.parent.name)
                if record and (path.parent / record.files.audio).is_file():
                    records.append(record)
        return newest_first(records)

    def listed(self) -> list[EpisodeRecord]:
        """The episodes that belong in feeds, newest first."""
        return [r for r in self.all() if r.listed]

    def set_status(self, slug: str, status: Status, check: Mapping[str, Any] | None = None) -> EpisodeRecord:
        """Mark an episode published, held (with the check that flagged it) or draft."""
        from dataclasses import replace

        record = replace(self.get(slug), status=status, check=check if status == "held" else None)
        self.write(record)
        return record

    def remove(self, slug: str) -> None:
        """Take episode ``slug`` away: moved aside in one step, then deleted."""
        folder = self.folder(slug)
        if self.read(slug) is None:  # only an episode of this store: never any folder that looks like one
            raise OutputError(f"{slug}: no such episode in {self.out}")
        trash = Path(tempfile.mkdtemp(dir=self.out, prefix=f".{slug}.", suffix=".old"))
        os.replace(folder, trash / slug)
        shutil.rmtree(trash, ignore_errors=True)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One writer of the feed and the episode list at a time, across processes."""
        with open(self.out / LOCK, "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
