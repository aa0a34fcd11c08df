"""How likely a voice is to say a written name wrong.

A voice says a word from its dictionary the way the dictionary says. For any other word it
guesses from the letters by English rules, which serve an English-shaped name ("Farrady",
"Northwire") and fail one spelt by another language's rules ("Zhuravskyi", "Bhriain",
"Csörgő"). So a name is a risk when the voice's dictionary lacks it and no list of common
names vouches for it, and the more so the less its letters look like English: letters
outside English spelling, runs of three letters that hardly any word in the voice's own
dictionary has (the dictionary is the model of English spelling, so no table of English is
kept here), letters doubled that English never doubles, and length: a long name gives the
guess more places to go wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from functools import cache
from pathlib import Path

NAMES_PATH = Path(__file__).with_name("names.txt")

#: A name scoring this or more is worth an editor's attention.
THRESHOLD = 0.5

# A run of three letters (word edges marked ^ and $) found in fewer dictionary words than
# this is rare in English spelling.
_RARE = 3

# Letter groups other languages' spellings use and English's doesn't: named in a finding's
# reason when a rare run holds one, as an editor would recognise them.
_FOREIGN = ("szcz", "shch", "prz", "sz", "cz", "rz", "zh", "kh", "yy", "ij", "aoi", "bh", "mh", "tx", "gj", "xh", "wy")
# Doubled letters English spelling doesn't double (Dutch, Finnish, Norse, Slavic names do).
_DOUBLES = re.compile(r"([aiuyhjkqvwx])\1")


_CODE = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz^$")}


def _letter_codes():
    import numpy as np

    table = np.zeros(256, dtype=np.uint8)
    for ch, i in _CODE.items():
        table[ord(ch)] = i
    return table


@dataclass(frozen=True)
class Risk:
    """How likely the voice is to say a word wrong (0 to 1), and why."""

    score: float
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@cache
def common_names() -> frozenset[str]:
    """The bundled list of common given names and surnames (``names.txt``)."""
    text = NAMES_PATH.read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.partition("#")[0].split())


def in_dictionary(word: str, dictionary: Set[str]) -> bool:
    """Whether the voice finds ``word`` in ``dictionary`` the way hibari's lexicon looks a
    word up: as written, in lower case or capitalised, or as the plural or possessive of
    a word it has."""

    def has(w: str) -> bool:
        return w in dictionary or w.lower() in dictionary or w.capitalize() in dictionary

    if has(word):
        return True
    for suffix, stem in (("'s", ""), ("’s", ""), ("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1 and has(word[: -len(suffix)] + stem):
            return True
    return False


class NameRisk:
    """Scores names against one voice's dictionary (``dictionary``: the words it has)."""

    def __init__(self, dictionary: Set[str], names: Set[str] | None = None) -> None:
        self.dictionary = dictionary
        self.names = common_names() if names is None else names
        self._table = None  # numpy counts of every run of three, made when first asked

    def _count(self, run: str) -> int:
        """In how many places in the dictionary's words the three letters ``run`` (word
        edges marked ^ and $) appear."""
        if self._table is None:
            import numpy as np

            # Every dictionary word once, lower case, as ^word$; each letter (and edge)
            # numbered 0 to 27, and every run of three counted at once.
            words = {w.lower() for w in self.dictionary if w.isascii() and w.isalpha()}
            data = np.frombuffer("".join(f"^{w}$" for w in words).encode("ascii"), dtype=np.uint8)
            codes = _letter_codes()[data].astype(np.int64)
            self._table = np.bincount(codes[:-2] * 784 + codes[1:-1] * 28 + codes[2:], minlength=28**3)
        a, b, c = (_CODE.get(ch) for ch in run)
        if a is None or b is None or c is None:
            return 0
        return int(self._table[a * 784 + b * 28 + c])

    def _parts(self, word: str) -> list[str]:
        """``word``'s pieces as English reads them: two dictionary words joined
        ("Northwire", "Ashdown") are read as the two."""
        lower = word.lower()
        for i in range(3, len(lower) - 2):
            if in_dictionary(lower[:i], self.dictionary) and in_dictionary(lower[i:], self.dictionary):
                return [lower[:i], lower[i:]]
        return [lower]

    def _rare_runs(self, word: str) -> list[str]:
        runs = []
        for part in self._parts(word):
            marked = f"^{part}$"
            runs += [marked[i : i + 3] for i in range(len(marked) - 2) if self._count(marked[i : i + 3]) < _RARE]
            runs += [m.group(0) for m in _DOUBLES.finditer(part)]
        return runs

    def risk(self, word: str) -> Risk | None:
        """How likely the voice is to say ``word`` (one name, no spaces) wrong, or None
        when its dictionary, or the list of common names, has it."""
        stem = re.sub(r"['’]s$", "", word)
        if stem in self.names or in_dictionary(word, self.dictionary):
            return None
        reasons = ["not in the voice's dictionary"]
        score = 0.3
        foreign = sorted({c for c in stem if c.isalpha() and not c.isascii()})
        if foreign:
            score += 0.4
            reasons.append(f"letters {_quoted(foreign)} not in English spelling")
        plain = "".join(c for c in unicodedata.normalize("NFKD", stem) if c.isascii() and c.isalpha())
        rare = self._rare_runs(plain) if plain else []
        if rare:
            score += 0.25 * min(len(rare), 2)
            # A group an editor recognises ("sz") if a rare run holds one, else the runs.
            groups = [g for g in _FOREIGN if any(g in run for run in rare)]
            named = groups[:2] or list(dict.fromkeys(run.strip("^$") for run in rare))[:2]
            reasons.append(f"letters {_quoted(named)} rare in English")
        if len(plain) >= 10:
            score += 0.1
            reasons.append("long")
        return Risk(round(min(score, 1.0), 2), tuple(reasons))


def _quoted(items: list[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)
