"""Tidy one line of text: mojibake repaired, Unicode composed, invisible and control characters
dropped, and every run of white space (line breaks included, so words are never glued) one space."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# UTF-8 read as Windows-1252 or Latin-1 ("worldâ€™s", "Ã©"): only such lines pay for ftfy.
_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def tidy_line(line: str) -> str:
    """One line with mojibake repaired, invisible and control characters dropped and spaces
    collapsed."""
    if _MOJIBAKE.search(line):
        import ftfy  # a few ms to import, and only text with mojibake needs it

        line = ftfy.fix_encoding(line)
    line = _WS.sub(" ", unicodedata.normalize("NFC", line).translate(_INVISIBLE))
    if not line.isprintable():  # the slow path only for lines with control characters
        line = "".join(ch for ch in line if unicodedata.category(ch)[0] != "C")
    return line.strip()
