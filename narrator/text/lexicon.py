"""Pronunciation lexicons: TOML files mapping a term to how a voice should say it.

A term may have a respelling (``say``), which any voice can read, and exact phonemes for
engines that accept them: ``phonemes`` in the misaki alphabet for hibari (written inline
as ``[term](/phonemes/)``), ``ipa`` for Piper (``[[ ipa ]]``). Lexicons are looked up in
the user's folder first, then the built-in ``lexicons/``; later ones override earlier.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..resources import builtin_dir
from ..settings import read_toml

PHONEME_FORMATS = ("misaki", "piper")


@dataclass(frozen=True)
class Entry:
    term: str
    say: str | None = None
    phonemes: str | None = None
    ipa: str | None = None


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...] = ()
    case_sensitive: bool = True

    def __bool__(self) -> bool:
        return bool(self.entries)

    def terms(self) -> set[str]:
        return {e.term if self.case_sensitive else e.term.lower() for e in self.entries}

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s entries added, replacing ones for the same term."""
        by_term = {e.term: e for e in self.entries}
        by_term.update({e.term: e for e in other.entries})
        return Lexicon(entries=tuple(by_term.values()), case_sensitive=self.case_sensitive and other.case_sensitive)

    def apply(self, text: str, phonemes: str | None = None) -> str:
        """``text`` with each term replaced by how the engine should say it."""
        if not self.entries:
            return text
        entries = sorted(self.entries, key=lambda e: -len(e.term))
        lookup = {(e.term if self.case_sensitive else e.term.lower()): e for e in entries}
        pattern = re.compile(
            r"(?<![\w\[/-])(" + "|".join(re.escape(e.term) for e in entries) + r")(?![\w\]/-])",
            0 if self.case_sensitive else re.IGNORECASE,
        )

        def say(m: re.Match[str]) -> str:
            word = m.group(1)
            entry = lookup[word if self.case_sensitive else word.lower()]
            if phonemes == "misaki" and entry.phonemes:
                return f"[{word}](/{entry.phonemes}/)"
            if phonemes == "piper" and entry.ipa:
                return f"[[ {entry.ipa} ]]"
            return entry.say or word

        return pattern.sub(say, text)


_MARKUP = re.compile(r"\[([^\]]+)\]\(/[^)]*/\)|\[\[ [^\]]* \]\]")


def plain(text: str) -> str:
    """Text with inline pronunciations reduced to their words (for display and checks)."""
    return _MARKUP.sub(lambda m: m.group(1) or "", text)


def read_lexicon(path: Path) -> Lexicon:
    data = read_toml(path, "lexicon")
    entries = []
    for term, value in data.get("terms", {}).items():
        if isinstance(value, str):
            entries.append(Entry(term=term, say=value))
        elif isinstance(value, dict) and set(value) <= {"say", "phonemes", "ipa"}:
            entries.append(Entry(term=term, say=value.get("say"), phonemes=value.get("phonemes"),
                                 ipa=value.get("ipa")))  # fmt: skip
        else:
            raise ConfigError(f"{path}: term {term!r} needs a respelling or a table of say, phonemes, ipa")
    return Lexicon(entries=tuple(entries), case_sensitive=bool(data.get("case_sensitive", True)))


def find_lexicon(name: str, user_dir: Path | None = None) -> Path:
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        return path
    for folder in ([Path(user_dir)] if user_dir else []) + [builtin_dir("lexicons")]:
        candidate = folder / f"{name}.toml"
        if candidate.is_file():
            return candidate
    raise ConfigError(f"{name}: no such lexicon")


def load_lexicons(names: list[str | None], user_dir: Path | None = None) -> Lexicon:
    """The named lexicons merged in order (a later one wins for the same term)."""
    result = Lexicon()
    for name in names:
        if name:
            result = result.merged(read_lexicon(find_lexicon(name, user_dir)))
    return result


@cache
def dictionary_words() -> frozenset[str]:
    """Words the default voice has a dictionary pronunciation for (hibari's lexicons)."""
    try:
        import hibari
    except ImportError:
        return frozenset()
    assets = Path(hibari.__file__).parent / "assets"
    words: set[str] = set()
    for name in ("lexicon_us_gold.json.gz", "lexicon_us_silver.json.gz"):
        try:
            with gzip.open(assets / name, "rt", encoding="utf-8") as fh:
                words.update(json.load(fh))
        except (OSError, ValueError):
            continue
    return frozenset(words)
