"""The words a voice's dictionary has, kept in the clip cache as a list of lines.

A script needs them (which capital runs are words), and the engines keep them in formats
made for pronouncing, not for listing: hibari's JSON takes a tenth of a second to read,
which is a fifth of re-narrating an unchanged article. One word per line reads in a
fifth of that time."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..output import write_atomic

if TYPE_CHECKING:
    from .engines import TTSEngine


def known_words(engine: TTSEngine, folder: Path | None) -> frozenset[str]:
    """``engine.known_words()``, from ``folder`` when it has them for this dictionary.

    An engine says which dictionary it has with ``dictionary_id`` (say, its package's
    version); one that doesn't is asked every time."""
    ident = getattr(engine, "dictionary_id", None)
    if folder is None or not ident:
        return engine.known_words()
    name = hashlib.sha256(f"{engine.name}\n{ident}".encode()).hexdigest()[:24]
    path = Path(folder) / "words" / f"{name}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}
    except (OSError, UnicodeDecodeError):
        pass
    words = engine.known_words()
    if words:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, "\n".join(sorted(w for w in words if "\n" not in w)), durable=False)
        except OSError:
            pass  # a cache that can't be written costs time, not correctness
    return words
