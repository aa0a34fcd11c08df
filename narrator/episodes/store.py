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
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..files import write_atomic
from ..models import STATUSES, Chapter, EpisodeFiles, EpisodeRecord, SectionSpan, Status

METADATA = "episode.json"
SCHEMA = 2
LOCK = ".narrator.lock"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


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
    for name in EpisodeRecord.__dataclass_fields__:
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


def record_from_dict(data: Any) -> EpisodeRecord | None:
    """A record from its JSON form, or None if ``data`` is not one."""
    if not isinstance(data, dict) or not data.get("slug") or not data.get("guid"):
        return None
    try:
        files = data["files"]
        record = EpisodeRecord(
            slug=str(data["slug"]),
            guid=str(data["guid"]),
            version=str(data["version"]),
            title=str(data["title"]),
            files=EpisodeFiles(**{k: v for k, v in files.items() if k in EpisodeFiles.__dataclass_fields__}),
            duration=float(data["duration"]),
            bytes=int(data["bytes"]),
            author=data.get("author"),
            published=_when(data.get("published")),
            language=data.get("language"),
            url=data.get("url"),
            source=data.get("source") or "",
            format=data.get("format") or "text",
            description=data.get("description") or "",
            voice=data.get("voice") or "",
            engine=data.get("engine") or "",
            intro_voice=data.get("intro_voice"),
            loudness_lufs=data.get("loudness_lufs"),
            true_peak_dbtp=data.get("true_peak_dbtp"),
            bitrate_kbps=data.get("bitrate_kbps"),
            sample_rate=data.get("sample_rate"),
            words=int(data.get("words") or 0),
            characters_synthesised=int(data.get("characters_synthesised") or 0),
            characters_from_cache=int(data.get("characters_from_cache") or 0),
            engine_calls=int(data.get("engine_calls") or 0),
            elapsed_seconds=data.get("elapsed_seconds"),
            disclosure=data.get("disclosure"),
            chapters=tuple(Chapter(start=float(c["start"]), title=str(c["title"])) for c in data.get("chapters", [])),
            sections=tuple(
                SectionSpan(title=str(s["title"]), start=float(s["start"]), end=float(s["end"]), text=str(s["text"]))
                for s in data.get("sections", [])
            ),
            narrated_at=_when(data.get("narrated_at")),  # type: ignore[arg-type]
            status=_status(data),
            check=data.get("check") if isinstance(data.get("check"), dict) else None,
            keys=data.get("keys") if isinstance(data.get("keys"), dict) else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return record


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
