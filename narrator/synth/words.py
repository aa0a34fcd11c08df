"""The words a voice's dictionary has, kept in the clip cache as a list of lines.

A script needs them (which capital runs are words), and the engines keep them in formats
made for pronouncing, not for listing: hibari's JSON takes a tenth of a second to read,
which is a fifth of re-narrating an unchanged article. Sorted, one word per line, it
reads in a tenth of that time, and is searched as it is rather than hashed into a set:
a script looks up a handful of words."""

from __future__ import annotations

import bisect
import contextlib
import hashlib
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING

from ..support.files import write_atomic

if TYPE_CHECKING:
    from .engines import TTSEngine


class SortedWords(Set[str]):
    """A set of words held as a sorted list: quick to make from the sorted file, and
    membership by binary search."""

    def __init__(self, words: list[str]) -> None:
        self._words = words  # sorted, no repeats

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:  # what | and & return
        return frozenset(it)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        i = bisect.bisect_left(self._words, word)
        return i < len(self._words) and self._words[i] == word

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


def _read(path: Path) -> SortedWords | None:
    """The words in ``path``, if its first line (the SHA-256 of the rest) vouches for it."""
    data = path.read_bytes()
    digest, _, body = data.partition(b"\n")
    if digest.decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        return None
    words = body.decode("utf-8").split("\n")
    words.pop()  # after the last newline
    return SortedWords(words)


def _write(path: Path, words: Iterable[str]) -> None:
    body = "".join(f"{w}\n" for w in sorted({w for w in words if w and "\n" not in w})).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, hashlib.sha256(body).hexdigest().encode() + b"\n" + body, durable=False)


def known_words(engine: TTSEngine, folder: Path | None) -> Set[str]:
    """``engine.known_words()``, from ``folder`` when it has them for this dictionary.

    An engine says which dictionary it has with ``dictionary_id`` (say, its package's
    version); one that doesn't is asked every time."""
    ident = getattr(engine, "dictionary_id", None)
    if folder is None or not ident:
        return engine.known_words()
    name = hashlib.sha256(f"sorted words 2\n{engine.name}\n{ident}".encode()).hexdigest()[:24]
    path = Path(folder) / "words" / f"{name}.txt"
    try:
        found = _read(path)
        if found is not None:
            return found
    except (OSError, UnicodeDecodeError, IndexError):
        pass
    words = engine.known_words()
    if words:
        with contextlib.suppress(OSError):  # a cache that can't be written costs time, not correctness
            _write(path, words)
    return words
