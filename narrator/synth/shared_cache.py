"""The clip cache shared by machines through an object store (S3 or S3-compatible).

Each machine keeps its own :class:`~narrator.synth.cache.ClipCache` on disk, bounded
and pruned as before; the object store stands behind it. A clip or encoded segment
missing from the disk is fetched from the store and written to disk (read through);
one made here is sent to the store once the narration's audio is done (written back),
so a correction synthesises only its edited sentences whichever machine narrates it.

Keys name content (a hash of engine, voice, parameters and text), so two machines that
write the same key write the same bytes: plain PUTs, no conditions, no locks. An object
carries the SHA-256 of its bytes; one whose length or hash doesn't match counts as a
miss. A store that can't be reached or refuses costs one warning in the log, and the
narration goes on from the disk and the voice alone. Nothing here removes objects but
:func:`prune_store`, when asked (``narrator cache prune``).

Layout under ``s3://bucket/prefix/``: ``<key>.clip`` and ``<key>.part``, named as on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..support.files import write_atomic
from ..support.s3url import parse_s3_url

if TYPE_CHECKING:
    from ..settings import Settings

log = logging.getLogger(__name__)

HASH_META = "sha256"  # user metadata: x-amz-meta-sha256
UPLOADERS = 8  # PUTs in flight at once when the narration's new files are sent
_NAME = re.compile(r"[0-9a-f]{64}\.(clip|part)")


def parse_url(url: str) -> tuple[str, str]:
    """``s3://bucket/prefix`` as (bucket, ``prefix/`` or "")."""
    return parse_s3_url(url, "shared caches")


def s3_client(settings: Settings, *, attempts: int = 3):
    """A boto3 S3 client for the configured endpoint; credentials come from boto3's own lookup."""
    import boto3
    from botocore.config import Config

    s3 = settings.s3
    config = Config(
        retries={"max_attempts": attempts, "mode": "standard"},
        connect_timeout=min(5.0, s3.timeout),
        read_timeout=s3.timeout,
        max_pool_connections=UPLOADERS + 2,
        s3={"addressing_style": "path"} if s3.endpoint_url else {},
    )
    return boto3.client("s3", endpoint_url=s3.endpoint_url, config=config)


def _code(exc: Exception) -> str:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def _missing(exc: Exception) -> bool:
    response = getattr(exc, "response", None) or {}
    status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    return status == 404 or _code(exc) in ("NoSuchKey", "404", "NotFound")


class SharedStore:
    """The object store behind one narration's clip cache.

    The client is made on first use, so a narration that finds everything on disk never
    loads boto3. After the first failure other than a missing object, the store is left
    alone for the rest of the narration, with one warning."""

    def __init__(self, url: str, settings: Settings, *, make_client=None) -> None:
        self.url = url
        self.bucket, self.prefix = parse_url(url)
        self._make_client = make_client or (lambda: s3_client(settings))
        self._client = None
        self._lock = threading.Lock()
        self.down = False
        #: Requests made to the store, by kind; objects fetched and sent.
        self.requests = {"get": 0, "put": 0}
        self.fetched = 0
        self.sent = 0

    def _client_or_none(self):
        with self._lock:
            if self.down:
                return None
            if self._client is None:
                try:
                    self._client = self._make_client()
                except Exception as exc:  # boto3 missing or misconfigured: as good as a store that is down
                    self._give_up(f"can't make a client: {exc}")
                    return None
            return self._client

    def _give_up(self, reason: str) -> None:
        if not self.down:
            self.down = True
            log.warning("%s: shared clip cache unavailable, synthesising here: %s", self.url, reason)

    def fetch(self, path: Path) -> bool:
        """Copy the object named like ``path`` (``<key>.clip`` or ``<key>.part``) from the
        store to ``path``, if it is there and whole."""
        if not _NAME.fullmatch(path.name):
            return False
        client = self._client_or_none()
        if client is None:
            return False
        from botocore.exceptions import BotoCoreError, ClientError

        name = self.prefix + path.name
        with self._lock:
            self.requests["get"] += 1
        try:
            answer = client.get_object(Bucket=self.bucket, Key=name)
            data = answer["Body"].read()
        except ClientError as exc:
            if not _missing(exc):
                self._give_up(f"reading {name}: {_code(exc) or exc}")
            return False
        except BotoCoreError as exc:
            self._give_up(f"reading {name}: {exc}")
            return False
        expected = (answer.get("Metadata") or {}).get(HASH_META)
        if len(data) != int(answer.get("ContentLength", -1)) or expected != hashlib.sha256(data).hexdigest():
            log.info("%s: %s is damaged or partial: made again", self.url, name)
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data, durable=False)
        except OSError as exc:
            raise OutputError(f"{path}: can't write to the clip cache: {exc.strerror}") from None
        with self._lock:
            self.fetched += 1
        return True

    def send(self, paths: list[Path]) -> int:
        """Upload ``paths`` (clips and segments on disk), several at a time, and wait for
        them; returns how many were sent."""
        paths = [p for p in paths if _NAME.fullmatch(p.name)]
        if not paths or self._client_or_none() is None:
            return 0
        started = time.perf_counter()
        with ThreadPoolExecutor(min(UPLOADERS, len(paths))) as pool:
            sent = sum(pool.map(self._put, paths))
        log.debug("%s: sent %d objects in %.2f s", self.url, sent, time.perf_counter() - started)
        return sent

    def _put(self, path: Path) -> bool:
        client = self._client_or_none()
        if client is None:
            return False
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            data = path.read_bytes()
        except OSError:
            return False  # pruned meanwhile by another narration: made again when wanted
        name = self.prefix + path.name
        with self._lock:
            self.requests["put"] += 1
        try:
            # Unconditional: a machine writing the same key writes the same bytes.
            client.put_object(Bucket=self.bucket, Key=name, Body=data,
                              Metadata={HASH_META: hashlib.sha256(data).hexdigest()})  # fmt: skip
        except (ClientError, BotoCoreError) as exc:
            self._give_up(f"writing {name}: {_code(exc) or exc}")
            return False
        with self._lock:
            self.sent += 1
        return True


# -- pruning ------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class PruneResult:
    """What :func:`prune_store` removed and what it left."""

    url: str
    removed: int
    removed_bytes: int
    kept: int
    kept_bytes: int


def prune_store(
    url: str, settings: Settings, *, older_than: float | None = None, max_bytes: int | None = None,
    now: float | None = None,
) -> PruneResult:  # fmt: skip
    """Remove from the shared cache at ``url`` the clips and segments written more than
    ``older_than`` seconds ago, then the oldest others until the rest fit in
    ``max_bytes``. Other objects under the prefix are left alone. A narration that wanted
    a removed object makes it again and sends it back."""
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, prefix = parse_url(url)
    client = s3_client(settings, attempts=8)
    now = time.time() if now is None else now
    objects: list[tuple[float, int, str]] = []
    try:
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                if _NAME.fullmatch(item["Key"][len(prefix) :]):
                    objects.append((item["LastModified"].timestamp(), int(item["Size"]), item["Key"]))
        objects.sort()
        doomed = [o for o in objects if older_than is not None and o[0] < now - older_than]
        left = objects[len(doomed) :]
        total = sum(size for _, size, _ in left)
        if max_bytes is not None:
            for item in list(left):
                if total <= max_bytes:
                    break
                doomed.append(item)
                left.remove(item)
                total -= item[1]
        for n in range(0, len(doomed), 1000):  # DeleteObjects takes 1000 keys at most
            batch = [{"Key": key} for _, _, key in doomed[n : n + 1000]]
            answer = client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise OutputError(f"{url}: deleting {first.get('Key')} failed: {first.get('Code')}")
    except ClientError as exc:
        raise OutputError(f"{url}: pruning the shared cache failed: {_code(exc) or exc}") from None
    except BotoCoreError as exc:
        raise OutputError(f"{url}: pruning the shared cache failed: {exc}") from None
    with contextlib.suppress(Exception):
        client.close()
    return PruneResult(url=url, removed=len(doomed), removed_bytes=sum(s for _, s, _ in doomed), kept=len(left),
                       kept_bytes=total)  # fmt: skip
