"""Tidy one line of text: Unicode composed, invisible and control characters dropped,
and every run of white space (line breaks included, so words are never glued) one space."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def tidy_line(line: str) -> str:
    """One line with invisible and control characters dropped and spaces collapsed."""
    line = _WS.sub(" ", unicodedata.normalize("NFC", line).translate(_INVISIBLE))
    if not line.isprintable():  # the slow path only for lines with control characters
        line = "".join(ch for ch in line if unicodedata.category(ch)[0] != "C")
    return line.strip()
