"""Bodies of small objects read from an object store (episode records, slug claims), kept
by bucket, key and ETag for as long as the process lives.

Rebuilding the feed or choosing a slug reads every record or claim in the store. A
listing gives each object's ETag with its key (a thousand keys a request), and an ETag
changes whenever the bytes do, so an object whose ETag was seen before need not be read
again: a long-lived worker's requests then grow with what changed, not with how many
episodes the store holds. Bodies are kept compressed, within a byte budget, the least
recently used going first.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable

#: Reads an object: its body and ETag, or (None, None) if there is none.
Fetch = Callable[[], tuple[bytes | None, str | None]]
BUDGET = 32 << 20  # bytes, compressed: tens of thousands of records


class ObjectCache:
    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self._bodies: OrderedDict[tuple[str, str], tuple[str, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, bucket: str, key: str, etag: str | None) -> bytes | None:
        """The body of ``key`` as it was when its ETag was ``etag``, if it was kept."""
        with self._lock:
            kept = self._bodies.get((bucket, key))
            if kept is None or not etag or kept[0] != etag:
                return None
            self._bodies.move_to_end((bucket, key))
        return zlib.decompress(kept[1])

    def put(self, bucket: str, key: str, etag: str | None, body: bytes) -> None:
        """Keep ``body``, the bytes of ``key`` whose ETag is ``etag`` (in place of any
        earlier version of it)."""
        if not etag:
            return
        packed = zlib.compress(body, 1)
        with self._lock:
            self._drop(bucket, key)
            if len(packed) > self.budget:
                return
            self._bodies[(bucket, key)] = (etag, packed)
            self._size += len(packed)
            while self._size > self.budget:
                _, (_, gone) = self._bodies.popitem(last=False)
                self._size -= len(gone)

    def read(self, bucket: str, key: str, etag: str | None, fetch: Fetch) -> bytes | None:
        """The body of ``key``, listed with ``etag``: as kept, or else ``fetch()``ed (its
        body and ETag, or None if there is none) and kept."""
        body = self.get(bucket, key, etag)
        if body is None:
            body, etag = fetch()
            if body is not None:
                self.put(bucket, key, etag, body)
        return body

    def forget(self, bucket: str, key: str) -> None:
        """Drop what is kept of ``key`` (it was deleted)."""
        with self._lock:
            self._drop(bucket, key)

    def _drop(self, bucket: str, key: str) -> None:  # with the lock held
        kept = self._bodies.pop((bucket, key), None)
        if kept is not None:
            self._size -= len(kept[1])


#: The process's cache, shared by the episode store and the S3 publisher.
BODIES = ObjectCache()
