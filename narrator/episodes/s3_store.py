"""The episode store in an object store (S3 or S3-compatible), shared by workers on many
machines that share no disk.

It keeps the layout of the S3 publisher (:mod:`narrator.publish.s3`), so its feed is
the publisher's, built from the same records::

    episodes/<slug>/episode.json                  the record: the episode's commit point
    episodes/<slug>/<version>/<slug>-<hash>.mp3   its files, immutable
    slugs/<slug>                                  the article that claimed the slug
    podcast.toml                                  the podcast's identity
    feed.xml

A worker narrates into a local folder of its own (``out``, where episodes are staged),
uploads the episode's files, and writes the record last: until then nothing points at
the files, so an episode whose worker died half way is never listed. Every write of
shared state is conditional: a slug is claimed with ``If-None-Match: *``, so two workers
can't take the same one, and a record or the identity is replaced with ``If-Match`` on
the version read, so a change made meanwhile by another machine is read again, never
overwritten unseen.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..models import Cue, Episode, EpisodeRecord, PublishResult, Status
from ..publish.feed import FEED
from ..publish.s3 import IMMUTABLE, NO_CACHE, S3Publisher, _code, _status
from ..settings import Settings
from ..support.object_cache import BODIES
from ..support.s3url import one_line
from .guids import Claim
from .store import EpisodeStore, Store, is_record_key, loads, newest_first, record_key, valid_slug
from .store import dumps as dump_record

SLUGS = "slugs/"
IDENTITY = "podcast.toml"
ATTEMPTS = 12  # tries of a conditional write that keeps losing to other machines
#: Seconds an episode's files stay after a newer version replaced them: another machine
#: may have uploaded them for a record it has yet to write.
GRACE = 900.0


def _lost_race(exc: Exception) -> bool:
    """A conditional write refused because another writer came first."""
    return _status(exc) in (409, 412) or _code(exc) in ("PreconditionFailed", "ConditionalRequestConflict")


def _missing(exc: Exception) -> bool:
    return _status(exc) == 404 or _code(exc) in ("NoSuchKey", "404", "NotFound")


def _pause(attempt: int) -> None:
    time.sleep(min(1.0, 0.02 * 2**attempt) * random.uniform(0.5, 1.5))


def _record(slug: str, body: bytes | None) -> EpisodeRecord | None:
    """The record of episode ``slug`` in ``body``, if it is one and complete."""
    record = loads(body) if body is not None else None
    if record is None or record.slug != slug or not record.keys:
        return None
    return record


class ObjectStore:
    """The episodes of ``s3://bucket/prefix``, staged on this machine in ``out``."""

    def __init__(self, target: str, out: Path, settings: Settings) -> None:
        self.target = target
        self.out = Path(out)
        self.settings = settings
        self.publisher = S3Publisher(target)
        self.bucket, self.prefix = self.publisher.bucket, self.publisher.prefix

    def __str__(self) -> str:
        return self.target

    @property
    def s3(self):
        return self.publisher.client(self.settings)

    @contextlib.contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        """botocore's errors as one OutputError naming the store."""
        with one_line(self.target, what, OutputError):
            yield

    # -- objects --------------------------------------------------------------------------
    def _get(self, key: str) -> tuple[bytes | None, str | None]:
        """An object's bytes and ETag, or (None, None) if there is none."""
        from botocore.exceptions import ClientError

        with self._errors(f"reading {key}"):
            try:
                obj = self.s3.get_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if _missing(exc):
                    return None, None
                raise
            return obj["Body"].read(), obj["ETag"]

    def _put(self, key: str, body: bytes, *, etag: str | None, cache: str = NO_CACHE) -> bool:
        """Write ``key`` if it is still as read (``etag``; None: if there is none). False
        when another writer came first."""
        from botocore.exceptions import ClientError

        condition = {"IfMatch": etag} if etag else {"IfNoneMatch": "*"}
        with self._errors(f"writing {key}"):
            try:
                sent = self.s3.put_object(Bucket=self.bucket, Key=key, Body=body,
                                          **self.publisher._extra(self.settings, key, cache), **condition)  # fmt: skip
            except ClientError as exc:
                if _lost_race(exc) or (etag and _missing(exc)):
                    return False
                raise
        BODIES.put(self.bucket, key, sent.get("ETag"), body)  # what this process wrote, it need not read
        return True

    def _listing(self, prefix: str) -> list[tuple[str, str | None]]:
        """The keys under ``prefix``, each with its ETag."""
        with self._errors("listing the store"):
            paginator = self.s3.get_paginator("list_objects_v2")
            return [(o["Key"], o.get("ETag")) for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix)
                    for o in page.get("Contents", [])]  # fmt: skip

    def _keys(self, prefix: str) -> list[str]:
        return [key for key, _ in self._listing(prefix)]

    def _body(self, key: str, etag: str | None) -> bytes | None:
        """The bytes of ``key``, listed with ``etag``: read again only if they changed
        since this process last read them (:mod:`..support.object_cache`)."""
        return BODIES.read(self.bucket, key, etag, lambda: self._get(key))

    def _record_key(self, slug: str) -> str:
        return record_key(f"{self.prefix}episodes/{slug}/")

    # -- records --------------------------------------------------------------------------
    def folder(self, slug: str) -> Path:
        """Where episode ``slug`` is staged on this machine."""
        if not valid_slug(slug):
            raise OutputError(f"{slug[:100]}: no such episode in {self.target}")
        return self.out / slug

    def _read(self, slug: str) -> tuple[EpisodeRecord | None, str | None]:
        if not valid_slug(slug):
            return None, None
        body, etag = self._get(self._record_key(slug))
        return _record(slug, body), etag

    def read(self, slug: str) -> EpisodeRecord | None:
        """The record of episode ``slug``, or None if there is none."""
        return self._read(slug)[0]

    def get(self, slug: str) -> EpisodeRecord:
        record = self.read(slug)
        if record is None:
            raise OutputError(f"{slug[:100]}: no such episode in {self.target}")
        return record

    def episode(self, record: EpisodeRecord, cues: tuple[Cue, ...] = ()) -> Episode:
        """``record``'s episode where it is staged on this machine."""
        return EpisodeStore(self.out).episode(record, cues)

    def write(self, record: EpisodeRecord, folder: Path | None = None) -> None:
        """Write ``record`` into a staged ``folder``, or replace the stored record (its
        status, say) if no one changed it since it was read."""
        if folder is not None:
            EpisodeStore(self.out).write(record, folder)
            return
        self._update(record.slug, lambda _: record)

    def _update(self, slug: str, change: Callable[[EpisodeRecord], EpisodeRecord]) -> EpisodeRecord:
        """Apply ``change`` to the stored record, read again and applied again whenever
        another machine wrote it meanwhile."""
        for attempt in range(ATTEMPTS):
            current, etag = self._read(slug)
            if current is None:
                raise OutputError(f"{slug[:100]}: no such episode in {self.target}")
            record = replace(change(current), keys=current.keys)
            if self._put(self._record_key(slug), dump_record(record).encode(), etag=etag):
                return record
            _pause(attempt)
        raise OutputError(f"{self.target}: {slug}: the record kept changing; gave up after {ATTEMPTS} tries")

    def all(self) -> list[EpisodeRecord]:
        """Every episode whose record is written, whatever its status, newest first."""
        records = []
        for key, etag in self._listing(f"{self.prefix}episodes/"):
            if is_record_key(key):
                slug = key[len(self.prefix) + len("episodes/") :].split("/", 1)[0]
                record = _record(slug, self._body(key, etag)) if valid_slug(slug) else None
                if record is not None:
                    records.append(record)
        return newest_first(records)

    def listed(self) -> list[EpisodeRecord]:
        return [r for r in self.all() if r.listed]

    def file_text(self, record: EpisodeRecord, kind: str) -> str:
        """The text of one of ``record``'s files (``transcript``, ``chapters``...)."""
        key = (record.keys or {}).get(kind)
        body = self._get(key)[0] if key else None
        if body is None:
            raise OutputError(f"{self.target}: {record.slug}: no {kind} in the store")
        return body.decode("utf-8")

    def set_status(self, slug: str, status: Status, check: Mapping[str, Any] | None = None) -> EpisodeRecord:
        """Mark an episode published, held (with the check that flagged it) or draft."""
        return self._update(slug, lambda r: replace(r, status=status, check=check if status == "held" else None))

    def remove(self, slug: str) -> None:
        """Take episode ``slug`` away: its record first (it leaves every listing at once),
        then its files. Its slug stays claimed by its article."""
        if self.read(slug) is None:
            raise OutputError(f"{slug}: no such episode in {self.target}")
        with self._errors(f"removing {slug}"):
            self.s3.delete_object(Bucket=self.bucket, Key=self._record_key(slug))
            BODIES.forget(self.bucket, self._record_key(slug))
            for key in self._keys(f"{self.prefix}episodes/{slug}/"):
                self.s3.delete_object(Bucket=self.bucket, Key=key)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        yield  # every shared write is conditional: nothing to hold

    # -- slugs ----------------------------------------------------------------------------
    def claims(self) -> dict[str, Claim]:
        """The slugs claimed by articles: slug to claim."""
        found = {}
        for key, etag in self._listing(self.prefix + SLUGS):
            slug = key[len(self.prefix + SLUGS) :]
            if valid_slug(slug):
                body = self._body(key, etag)
                if body is not None:
                    found[slug] = Claim.loads(body.decode("utf-8", "replace"))
        return found

    def take_claim(self, slug: str, claim: Claim) -> bool:
        """Claim ``slug`` for an article, unless another machine has it: False then."""
        return self._put(self.prefix + SLUGS + slug, claim.dumps().encode(), etag=None)

    # -- the podcast's identity -----------------------------------------------------------
    def identity_text(self) -> str | None:
        body, _ = self._get(self.prefix + IDENTITY)
        return body.decode("utf-8") if body is not None else None

    def write_identity_text(self, text: str, changed: Callable[[str | None], bool] = lambda _: False) -> None:
        """Store the podcast's identity, unless another machine ``changed`` it since this
        one read it: then theirs stands. Written with If-None-Match or If-Match, so of two
        machines storing it at once, the first wins."""
        key = self.prefix + IDENTITY
        for attempt in range(ATTEMPTS):
            current, etag = self._get(key)
            if changed(current.decode("utf-8") if current is not None else None):
                return
            if self._put(key, text.encode(), etag=etag):
                return
            _pause(attempt)
        raise OutputError(f"{self.target}: the podcast's identity kept changing; gave up after {ATTEMPTS} tries")

    # -- committing -----------------------------------------------------------------------
    def commit(self, folder: Path, record: EpisodeRecord) -> list[str]:
        """Upload a staged episode's files, then its record: the record is written last,
        so the episode is listed only once all of it is there. Returns the keys sent."""
        s3, settings, publisher = self.s3, self.settings, self.publisher
        base = f"{self.prefix}episodes/{record.slug}/{record.version}/"
        sent = []
        with self._errors(f"uploading {record.slug}"):
            # One listing, not a HEAD a file: only a job done again finds any of them there.
            listing = s3.list_objects_v2(Bucket=self.bucket, Prefix=base)
            there = {o["Key"]: o["Size"] for o in listing.get("Contents", [])}
            for _, name in record.files.items():
                path = Path(folder) / name
                key = base + name
                if there.get(key) == path.stat().st_size:
                    continue  # versioned keys never change: an object there is this file
                s3.upload_file(str(path), self.bucket, key, ExtraArgs=publisher._extra(settings, name, IMMUTABLE))
                sent.append(key)
        stored = replace(record, keys={kind: base + name for kind, name in record.files.items()})
        key = self._record_key(record.slug)
        for attempt in range(ATTEMPTS):
            _, etag = self._get(key)
            if self._put(key, dump_record(stored).encode(), etag=etag):
                return [*sent, key]
            _pause(attempt)  # another machine wrote it meanwhile: this narration is the newer
        raise OutputError(f"{self.target}: {record.slug}: the record kept changing; gave up after {ATTEMPTS} tries")

    def publish(self, staged: Iterable[EpisodeRecord] = ()) -> PublishResult:
        """Commit the episodes ``staged`` on this machine (in ``out``), rebuild the store's
        feed (with If-Match, as the publisher does), then delete what the feed no longer
        points at."""
        s3, settings, publisher = self.s3, self.settings, self.publisher
        with self._errors("publishing"):
            uploaded = publisher._upload_cover(s3, self.out, settings)
        staged = list(staged)
        for record in staged:
            uploaded += self.commit(self.out / record.slug, record)
        with self._errors("writing the feed"):
            written, count = publisher._write_feed(s3, settings)
        deleted: list[str] = []
        with self._errors("deleting old versions"):
            for record in staged:
                deleted += self._delete_old_versions(record.slug)
            deleted += publisher._delete_old_covers(s3)
        return PublishResult(target=self.target, feed_url=publisher.public_base(settings) + FEED, episodes=count,
                             uploaded=(*uploaded, *((self.prefix + FEED,) if written else ())),
                             deleted=tuple(deleted), feed_changed=written)  # fmt: skip

    def _delete_old_versions(self, slug: str) -> list[str]:
        """Delete the files of ``slug`` its record doesn't name, once GRACE seconds old:
        younger ones may be another machine's, uploaded for a record not written yet."""
        import datetime as dt

        current = self.read(slug)
        keep = {self._record_key(slug), *((current.keys or {}).values() if current else ())}
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=GRACE)
        paginator = self.s3.get_paginator("list_objects_v2")
        stale = [o["Key"] for page in paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}episodes/{slug}/")
                 for o in page.get("Contents", []) if o["Key"] not in keep and o["LastModified"] < cutoff]  # fmt: skip
        for key in stale:
            self.s3.delete_object(Bucket=self.bucket, Key=key)
        return stale

    def unpublish(self, slug: str) -> PublishResult:
        """Remove episode ``slug`` and rebuild the feed without it."""
        self.remove(slug)
        with self._errors("writing the feed"):
            written, count = self.publisher._write_feed(self.s3, self.settings)
        return PublishResult(target=self.target, feed_url=self.publisher.public_base(self.settings) + FEED,
                             episodes=count, uploaded=(self.prefix + FEED,) if written else (),
                             deleted=(self._record_key(slug),), feed_changed=written)  # fmt: skip


def open_store(settings: Settings) -> Store:
    """The episode store ``settings`` name: the object store of ``store``, staged in the
    output folder, or the output folder itself."""
    if settings.store:
        return ObjectStore(settings.store, Path(settings.out), settings)
    return EpisodeStore(Path(settings.out))
