"""Large lookup tables kept in shards, each read when a lookup first needs it.

A voice's dictionaries hold a few hundred thousand entries, and reading them whole takes
longer than the rest of loading the voice. Re-narrating an edited article speaks a
sentence or two and looks up a few dozen words. Kept in shards by a hash of the key, a
table reads only the shards its lookups fall in: all of them, over a whole article.

The stored form is Python's marshal format: a table is written once per cache with the
versions of the data and of Python in its name (see the engines that use it).
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

_MARK = "narrator-sharded-table-1"
SHARD_BYTES = 2048  # about this much marshalled data per shard: a few dozen entries
LARGE = 4096  # str-keyed dicts with at least this many entries are kept in shards


def _index(key: str, mask: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & mask


class ShardedTable(Mapping[str, Any]):
    """A read-only str-keyed mapping whose entries are unmarshalled a shard at a time."""

    __slots__ = ("_length", "_mask", "_shards")

    def __init__(self, shards: list[bytes], length: int) -> None:
        if not shards or len(shards) & (len(shards) - 1):
            raise ValueError("a sharded table needs a power-of-two number of shards")
        self._shards: list[bytes | dict] = list(shards)
        self._mask = len(shards) - 1
        self._length = length

    def _shard(self, i: int) -> dict:
        shard = self._shards[i]
        if isinstance(shard, bytes):
            # Two threads may read the same shard at once: both get equal dicts.
            shard = self._shards[i] = marshal.loads(shard)
        return shard  # type: ignore[return-value]

    def get(self, key: Any, default: Any = None) -> Any:
        if not isinstance(key, str):
            return default
        return self._shard(_index(key, self._mask)).get(key, default)

    def __getitem__(self, key: Any) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._shard(_index(key, self._mask))[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._shard(_index(key, self._mask))

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self._shards)):
            yield from self._shard(i)

    def __len__(self) -> int:
        return self._length


def _shard(table: dict[str, Any]) -> tuple:
    size = len(marshal.dumps(table))
    count = 1
    while count * SHARD_BYTES < size:
        count *= 2
    shards: list[dict[str, Any]] = [{} for _ in range(count)]
    for key, value in table.items():
        shards[_index(key, count - 1)][key] = value
    return (_MARK, len(table), [marshal.dumps(s) for s in shards])


def _large(value: Any) -> bool:
    return isinstance(value, dict) and len(value) >= LARGE and all(isinstance(k, str) for k in value)


def dumps(data: Any) -> bytes:
    """``data`` in marshal format, with its large str-keyed dicts (at the top or one level
    down) kept in shards, behind a CRC-32 of the whole: shards are read long after the
    file, so damage is found when it is opened."""
    if _large(data):
        data = _shard(data)
    elif isinstance(data, dict):
        data = {k: _shard(v) if _large(v) else v for k, v in data.items()}
    payload = marshal.dumps(data)
    return zlib.crc32(payload).to_bytes(4, "big") + payload


def _table(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == _MARK:
        return ShardedTable(value[2], value[1])
    return value


def loads(data: bytes) -> Any:
    """What :func:`dumps` stored, with its large dicts as :class:`ShardedTable`. Raises
    ValueError if the data is damaged."""
    if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "big"):
        raise ValueError("damaged table: its checksum doesn't match")
    value = _table(marshal.loads(data[4:]))
    if isinstance(value, dict):
        value = {k: _table(v) for k, v in value.items()}
    return value
