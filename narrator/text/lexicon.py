"""Pronunciation lexicons: TOML files mapping a term to how a voice should say it.

A term may have a respelling (``say``), which any voice can read, and exact phonemes for
engines that read them inline: ``phonemes`` in the misaki alphabet (hibari), ``ipa`` in
the IPA (Piper). How the phonemes are written into the text is the engine's business
(:meth:`~narrator.synth.engines.TTSEngine.mark`). Lexicons are looked up in the user's
folder first, then the built-in ``lexicons/``; later ones override earlier.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..settings import read_toml
from ..support.resources import builtin_dir

if TYPE_CHECKING:
    from ..synth.engines import TTSEngine


@dataclass(frozen=True)
class Entry:
    term: str
    say: str | None = None
    phonemes: str | None = None
    ipa: str | None = None

    def phonemes_in(self, alphabet: str | None) -> str | None:
        """This term's phonemes in ``alphabet`` ("misaki" or "ipa"), if the lexicon has them."""
        return {"misaki": self.phonemes, "ipa": self.ipa}.get(alphabet or "")


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

    def apply(self, text: str, engine: TTSEngine | None = None) -> str:
        """``text`` with each term replaced by how ``engine`` should say it: inline
        phonemes in the engine's own markup where the lexicon has them in its alphabet,
        else the respelling."""
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
            phonemes = entry.phonemes_in(engine.phonemes) if engine is not None else None
            if engine is not None and phonemes:
                return engine.mark(word, phonemes)
            return entry.say or word

        return pattern.sub(say, text)


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


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string: the same quotes and the same escapes.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def lexicon_toml(lexicon: Lexicon) -> str:
    """``lexicon`` in the TOML that :func:`read_lexicon` reads: a term with a respelling
    alone as ``Term = "respelling"``, any other as a table of ``say``, ``phonemes``, ``ipa``."""
    lines = [f"case_sensitive = {'true' if lexicon.case_sensitive else 'false'}", "", "[terms]"]
    for e in lexicon.entries:
        key = e.term if re.fullmatch(r"[A-Za-z0-9_-]+", e.term) else _toml_string(e.term)
        if e.say is not None and e.phonemes is None and e.ipa is None:
            lines.append(f"{key} = {_toml_string(e.say)}")
        else:
            fields = [(k, v) for k, v in (("say", e.say), ("phonemes", e.phonemes), ("ipa", e.ipa)) if v is not None]
            lines.append(f"{key} = {{ " + ", ".join(f"{k} = {_toml_string(v)}" for k, v in fields) + " }")
    return "\n".join(lines) + "\n"


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
