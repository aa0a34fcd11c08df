"""Large lookup tables kept in shards, each read when a lookup first needs it.

A voice's dictionaries hold a few hundred thousand entries, and reading them whole takes
longer than the rest of loading the voice. Re-narrating an edited article speaks a
sentence or two and looks up a few dozen words. Kept in shards by a hash of the key, a
table reads only the shards its lookups fall in. Over a long article those are nearly all
of them, and unpacked they take five times the room (65 MB for hibari's), so only the
shards used most recently are kept unpacked. Small shards keep that cheap: a word whose
shard was let go costs a few microseconds to read again, and the words a shard holds
besides the one wanted take little room.

The stored form is Python's marshal format, a table's shards one after another in one
string with their offsets beside them (tens of thousands of small strings would take
longer to open than the rest of the file). A table is written once per cache with the
versions of the data and of Python, and :data:`LAYOUT`, in its name (see the engines
that use it).
"""

from __future__ import annotations

import marshal
import sys
import zlib
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

_MARK = "narrator-sharded-table-2"
SHARD_BYTES = 256  # about this much marshalled data per shard: a handful of entries
LAYOUT = f"t2s{SHARD_BYTES}"  # how tables are stored, for the names of files that hold them
LARGE = 4096  # str-keyed dicts with at least this many entries are kept in shards
KEEP_BYTES = 512 << 10  # a table's shards kept unpacked hold this much marshalled data at most


def _index(key: str, mask: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & mask


class ShardedTable(Mapping[str, Any]):
    """A read-only str-keyed mapping whose entries are unmarshalled a shard at a time.

    Only the shards used most recently are kept unpacked, at most ``keep`` of them (by
    default as many as hold :data:`KEEP_BYTES`, whatever size the shards were made): an
    article's common words stay at hand, and its rarer words don't leave the whole table
    unpacked by its end."""

    __slots__ = ("_data", "_half", "_length", "_mask", "_offsets", "_old", "_young")

    def __init__(self, data: bytes, offsets: array, length: int, keep: int | None = None) -> None:
        count = len(offsets) - 1
        if count < 1 or count & (count - 1) or offsets[0] != 0 or offsets[-1] != len(data):
            raise ValueError("a sharded table needs a power-of-two number of shards that fill its data")
        self._data = data
        self._offsets = offsets
        self._mask = count - 1
        self._length = length
        # Two generations of unpacked shards, each up to half the bound: a lookup moves its
        # shard to the young one, and when that is full the old one is dropped. Roughly
        # least recently used, at the cost of one dict lookup per hit.
        if keep is None:
            keep = KEEP_BYTES * count // max(1, len(data))
        self._half = max(1, keep // 2)
        self._young: dict[int, dict] = {}
        self._old: dict[int, dict] = {}

    def _shard(self, i: int) -> dict:
        shard = self._young.get(i)
        if shard is None:
            # Threads may race here: at worst a shard is unpacked twice, into equal dicts.
            shard = self._old.get(i)
            if shard is None:
                shard = self._read(i)
            young = self._young
            young[i] = shard
            if len(young) >= self._half:
                self._old, self._young = young, {}
        return shard

    def _read(self, i: int) -> dict:
        return marshal.loads(self._data[self._offsets[i] : self._offsets[i + 1]])

    def unpacked(self) -> int:
        """How many shards are held unpacked now."""
        return len(self._young.keys() | self._old.keys())

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
        # Straight from the stored shards: a whole pass mustn't push out the shards in use.
        for i in range(self._mask + 1):
            yield from self._read(i)

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
    stored = [marshal.dumps(s) for s in shards]
    offsets = array("I", [0])
    for shard in stored:
        offsets.append(offsets[-1] + len(shard))
    if sys.byteorder == "big":
        offsets.byteswap()
    return (_MARK, len(table), b"".join(stored), offsets.tobytes())


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


def _table(value: Any, keep: int | None = None) -> Any:
    if isinstance(value, tuple) and value and isinstance(value[0], str) and value[0].startswith(_MARK[:-1]):
        if value[0] != _MARK or len(value) != 4:
            raise ValueError("a table stored in another layout")
        offsets = array("I", value[3])  # little-endian, as stored
        if sys.byteorder == "big":
            offsets.byteswap()
        return ShardedTable(value[2], offsets, value[1], keep)
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
