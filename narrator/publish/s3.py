"""Publish to S3 or any S3-compatible store (MinIO, R2, Ceph).

Layout under ``s3://bucket/prefix/``::

    feed.xml                                   short cache; rewritten with If-Match
    cover-<hash>.jpg                           generated cover art, when none is configured
    episodes/<slug>/episode.json               the episode's metadata: the store's truth
    episodes/<slug>/<version>/<slug>-<hash>.mp3     immutable, cached for a year
    episodes/<slug>/<version>/<slug>-<hash>.vtt ... transcripts and chapters beside it

Audio and sidecars go up first, then episode.json, then the feed, so the feed never
points at something missing. The feed is rebuilt from every episode.json in the store
and written with a conditional PUT; if another publisher changed it meanwhile (412 or
409), it is read again, rebuilt and retried. Old versions of an episode are deleted
only after a feed pointing at the new one is live.

The output folder decides what is listed: an episode that is a draft or held there is
taken out of the store's feed too (its record first, its files once the feed without
it is live), so a retraction in the editor reaches every target.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from ..episodes import store as episode_store
from ..episodes.store import EpisodeStore, newest_first
from ..errors import PublishError
from ..models import EpisodeRecord, PublishResult
from ..settings import Settings
from ..support.object_cache import BODIES
from ..support.s3url import error_code, one_line, parse_s3_url
from .cover import COVER
from .feed import FEED, render_feed, same_feed
from .published import content_type

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
NO_CACHE = "no-cache"
FEED_ATTEMPTS = 12
MULTIPART_THRESHOLD = 8 * 1024 * 1024


def parse_target(target: str) -> tuple[str, str]:
    return parse_s3_url(target, "S3 targets")


_code = error_code


def _status(exc: Exception) -> int:
    response = getattr(exc, "response", None) or {}
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


class S3Publisher:
    name = "s3"

    def __init__(self, target: str) -> None:
        self.target = target
        self.bucket, self.prefix = parse_target(target)
        self._client = None
        self._cover: str | None = None  # the generated cover's URL, once uploaded

    # -- plumbing -------------------------------------------------------------------------
    def client(self, settings: Settings):
        if self._client is None:
            import boto3
            from botocore.config import Config

            s3 = settings.s3
            config = Config(
                retries={"max_attempts": 8, "mode": "standard"},  # 5xx, throttling, timeouts
                connect_timeout=min(5.0, s3.timeout),
                read_timeout=s3.timeout,
                s3={"addressing_style": "path"} if s3.endpoint_url else {},
            )
            self._client = boto3.client("s3", endpoint_url=s3.endpoint_url, config=config)
        return self._client

    def public_base(self, settings: Settings) -> str:
        """The configured public URL, else the bucket's own."""
        if settings.podcast.public_base_url:
            return settings.podcast.public_base_url.rstrip("/") + "/"
        if settings.s3.endpoint_url:
            return f"{settings.s3.endpoint_url.rstrip('/')}/{self.bucket}/{self.prefix}"
        return f"https://{self.bucket}.s3.amazonaws.com/{self.prefix}"

    def _call(self, what: str, fn, *args, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return fn(*args, **kwargs)
        except ClientError as exc:
            raise PublishError(f"{self.target}: {what} failed: {_code(exc) or exc}") from exc
        except BotoCoreError as exc:
            raise PublishError(f"{self.target}: {what} failed: {exc}") from exc

    def _get_record(self, s3, key: str, etag: str | None = None) -> EpisodeRecord | None:
        """The record at ``key``; one listed with ``etag`` is read again only if it changed
        since this process read it (:mod:`..support.object_cache`)."""
        from botocore.exceptions import ClientError

        def fetch() -> tuple[bytes | None, str | None]:
            try:
                obj = s3.get_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if _code(exc) in ("NoSuchKey", "404") or _status(exc) == 404:
                    return None, None
                raise PublishError(f"{self.target}: reading {key} failed: {_code(exc)}") from exc
            return obj["Body"].read(), obj.get("ETag")

        body = BODIES.read(self.bucket, key, etag, fetch)
        return episode_store.loads(body) if body is not None else None

    def _extra(self, settings: Settings, name: str, cache: str) -> dict[str, str]:
        extra = {"ContentType": content_type(name), "CacheControl": cache}
        if settings.s3.acl:
            extra["ACL"] = settings.s3.acl
        return extra

    def _exists(self, s3, key: str, size: int, md5: str | None = None) -> bool:
        """Whether ``key`` holds the file: its ETag is the file's MD5 (a single-part
        upload's is), or else its length is the file's. Stores and gateways whose HEAD
        answers don't give an object's real length still match by ETag."""
        from botocore.exceptions import ClientError

        try:
            head = s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _status(exc) == 404 or _code(exc) in ("404", "NoSuchKey", "NotFound"):
                return False
            raise PublishError(f"{self.target}: checking {key} failed: {_code(exc)}") from exc
        if md5 is not None and str(head.get("ETag", "")).strip('"') == md5:
            return True
        return int(head.get("ContentLength", -1)) == size

    def _upload_cover(self, s3, out: Path, settings: Settings) -> list[str]:
        """Upload the folder's generated cover under a name made from its content, when
        no ``podcast_image`` is configured; returns the keys sent."""
        path = Path(out) / COVER
        if settings.podcast.image or not path.is_file():
            return []
        data = path.read_bytes()
        key = f"{self.prefix}cover-{hashlib.sha256(data).hexdigest()[:10]}.jpg"
        self._cover = self.public_base(settings) + key[len(self.prefix) :]
        if self._exists(s3, key, len(data), hashlib.md5(data, usedforsecurity=False).hexdigest()):
            return []  # the same cover is there: a publish uploads it only when it changed
        self._call("uploading the cover", s3.put_object, Bucket=self.bucket, Key=key, Body=data,
                   **self._extra(settings, key, IMMUTABLE))  # fmt: skip
        return [key]

    def _delete_old_covers(self, s3) -> list[str]:
        if self._cover is None:
            return []
        current = self.prefix + self._cover.rsplit("/", 1)[-1]
        listing = self._call("listing covers", s3.list_objects_v2, Bucket=self.bucket, Prefix=f"{self.prefix}cover-")
        stale = [o["Key"] for o in listing.get("Contents", []) if o["Key"] != current]
        for key in stale:
            self._call(f"deleting {key}", s3.delete_object, Bucket=self.bucket, Key=key)
        return stale

    # -- episodes -------------------------------------------------------------------------
    def _episode_prefix(self, slug: str) -> str:
        return f"{self.prefix}episodes/{slug}/"

    def _upload_episode(self, s3, folder: Path, record: EpisodeRecord, settings: Settings) -> list[str]:
        """Upload one episode's files under its version; returns the keys sent."""
        from boto3.s3.transfer import TransferConfig

        transfer = TransferConfig(multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=MULTIPART_THRESHOLD)
        base = f"{self._episode_prefix(record.slug)}{record.version}/"
        sent = []
        for _, name in record.files.items():
            path = folder / name
            key = base + name
            if self._exists(s3, key, path.stat().st_size):
                continue  # versioned keys never change, so an object there is this file
            self._call(
                f"uploading {name}",
                s3.upload_file,
                str(path),
                self.bucket,
                key,
                ExtraArgs=self._extra(settings, name, IMMUTABLE),
                Config=transfer,
            )
            sent.append(key)
        stored = replace(record, keys={kind: base + name for kind, name in record.files.items()})
        meta_key = episode_store.record_key(self._episode_prefix(record.slug))
        self._call(
            "writing episode.json",
            s3.put_object,
            Bucket=self.bucket,
            Key=meta_key,
            Body=episode_store.dumps(stored).encode(),
            **self._extra(settings, episode_store.record_key(""), NO_CACHE),
        )
        sent.append(meta_key)
        return sent

    def _store_episodes(self, s3) -> list[EpisodeRecord]:
        """Every episode in the store that belongs in the feed."""
        episodes = []
        paginator = s3.get_paginator("list_objects_v2")
        pages = self._call(
            "listing episodes", lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}episodes/"))
        )
        for page in pages:
            for obj in page.get("Contents", []):
                if episode_store.is_record_key(obj["Key"]):
                    record = self._get_record(s3, obj["Key"], obj.get("ETag"))
                    if record and record.keys and record.listed:
                        episodes.append(record)
        return newest_first(episodes)

    # -- the feed -------------------------------------------------------------------------
    def _current_feed(self, s3) -> tuple[bytes | None, str | None]:
        from botocore.exceptions import ClientError

        try:
            obj = s3.get_object(Bucket=self.bucket, Key=self.prefix + FEED)
        except ClientError as exc:
            if _status(exc) == 404 or _code(exc) in ("NoSuchKey", "404"):
                return None, None
            raise PublishError(f"{self.target}: reading the feed failed: {_code(exc)}") from exc
        return obj["Body"].read(), obj["ETag"]

    def _write_feed(self, s3, settings: Settings) -> tuple[bool, int]:
        """Rebuild the feed from the store and write it if it changed. Returns
        (written, number of episodes)."""
        from botocore.exceptions import ClientError

        base = self.public_base(settings)

        def file_url(record: EpisodeRecord, name: str) -> str:
            assert record.keys is not None
            key = record.keys["audio"].rsplit("/", 1)[0] + "/" + name if name else ""
            return base + quote(key[len(self.prefix) :]) if key else base

        for attempt in range(FEED_ATTEMPTS):
            current, etag = self._current_feed(s3)
            episodes = self._store_episodes(s3)
            body = render_feed(episodes, settings, feed_url=base + FEED, site_url=base, file_url=file_url,
                               image=self._cover).encode()  # fmt: skip
            if same_feed(current, body):  # unchanged but for lastBuildDate: leave it
                return False, len(episodes)
            condition = {"IfMatch": etag} if etag else {"IfNoneMatch": "*"}
            try:
                s3.put_object(
                    Bucket=self.bucket,
                    Key=self.prefix + FEED,
                    Body=body,
                    **self._extra(settings, FEED, SHORT),
                    **condition,
                )
                return True, len(episodes)
            except ClientError as exc:
                if _status(exc) in (409, 412) or _code(exc) in ("PreconditionFailed", "ConditionalRequestConflict"):
                    time.sleep(min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.5))
                    continue  # someone else published meanwhile: read, rebuild, retry
                raise PublishError(f"{self.target}: writing the feed failed: {_code(exc) or exc}") from exc
            except Exception as exc:
                from botocore.exceptions import BotoCoreError

                if isinstance(exc, BotoCoreError):
                    raise PublishError(f"{self.target}: writing the feed failed: {exc}") from exc
                raise
        raise PublishError(f"{self.target}: the feed kept changing under us; gave up after {FEED_ATTEMPTS} tries")

    def _delete_old_versions(self, s3, slug: str, keep: set[str]) -> list[str]:
        paginator = s3.get_paginator("list_objects_v2")
        pages = self._call(
            "listing old versions",
            lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=self._episode_prefix(slug))),
        )
        stale = [o["Key"] for p in pages for o in p.get("Contents", []) if o["Key"] not in keep]
        for key in stale:
            self._call(f"deleting {key}", s3.delete_object, Bucket=self.bucket, Key=key)
        return stale

    # -- the protocol ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _one_line(self, what: str) -> Iterator[None]:
        """botocore's errors that no step turned into a PublishError (no credentials, a
        store that can't be reached) as one line naming the target."""
        with one_line(self.target, what, PublishError):
            yield

    def publish(self, out: Path, settings: Settings) -> PublishResult:
        with self._one_line("publishing"):
            return self._publish(out, settings)

    def unpublish(self, slug: str, out: Path, settings: Settings) -> PublishResult:
        with self._one_line(f"removing {slug}"):
            return self._unpublish(slug, out, settings)

    def _publish(self, out: Path, settings: Settings) -> PublishResult:
        s3 = self.client(settings)
        uploaded = self._upload_cover(s3, out, settings)
        changed: list[EpisodeRecord] = []
        withdrawn: list[str] = []
        for record in EpisodeStore(Path(out)).all():
            meta_key = episode_store.record_key(self._episode_prefix(record.slug))
            remote = self._get_record(s3, meta_key)
            if not record.listed:  # a draft or held episode leaves the store's feed too
                if remote is not None:
                    self._call("withdrawing episode.json", s3.delete_object, Bucket=self.bucket, Key=meta_key)
                    withdrawn.append(record.slug)
                continue
            if remote and remote.version == record.version and remote.keys and remote.listed:
                continue  # unchanged: nothing to upload
            uploaded += self._upload_episode(s3, Path(out) / record.slug, record, settings)
            changed.append(record)
        written, count = self._write_feed(s3, settings)
        if written:
            uploaded.append(self.prefix + FEED)
        deleted: list[str] = []
        for record in changed:  # the new feed is live: older versions can go
            meta_key = episode_store.record_key(self._episode_prefix(record.slug))
            current = self._get_record(s3, meta_key)
            keep = {meta_key, *((current.keys or {}).values() if current else ())}
            deleted += self._delete_old_versions(s3, record.slug, keep)
        for slug in withdrawn:  # and so can the files of the episodes taken out of it
            deleted += [episode_store.record_key(self._episode_prefix(slug)),
                        *self._delete_old_versions(s3, slug, keep=set())]  # fmt: skip
        deleted += self._delete_old_covers(s3)
        return PublishResult(
            target=self.target,
            feed_url=self.public_base(settings) + FEED,
            episodes=count,
            uploaded=tuple(uploaded),
            deleted=tuple(deleted),
            feed_changed=written,
        )

    def _unpublish(self, slug: str, out: Path, settings: Settings) -> PublishResult:
        s3 = self.client(settings)
        meta_key = episode_store.record_key(self._episode_prefix(slug))
        if self._get_record(s3, meta_key) is None:
            raise PublishError(f"{slug}: no such episode in {self.target}")
        self._upload_cover(s3, out, settings)
        self._call("retracting episode.json", s3.delete_object, Bucket=self.bucket, Key=meta_key)
        written, count = self._write_feed(s3, settings)
        deleted = [meta_key, *self._delete_old_versions(s3, slug, keep=set())]
        return PublishResult(
            target=self.target,
            feed_url=self.public_base(settings) + FEED,
            episodes=count,
            uploaded=(self.prefix + FEED,) if written else (),
            deleted=tuple(deleted),
            feed_changed=written,
        )
