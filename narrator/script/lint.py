"""Lint: what an editor should fix before any audio is made.

Two kinds of finding: text the normaliser could not turn into words ("unspoken": digits
left as digits or glued to letters, symbols other than punctuation, and capital runs no
list, dictionary or lexicon explains, which the normaliser had to guess how to say), and
names the voice has no dictionary pronunciation for and no lexicon covers, the likeliest
to be mispronounced.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import asdict, dataclass

from ..models import Script
from ..synth.engines import TTSEngine
from ..text.capitals import unknown_capitals
from ..text.lexicon import Lexicon

_PUNCTUATION = set(".,;:!?'\"()-–—…")

_NAME = re.compile(r"\b[A-Z][a-z]+(?:['’-][A-Za-z]+)*\b")


@dataclass(frozen=True)
class Finding:
    kind: str  # "unspoken" or "unknown-name"
    text: str
    sentence: str
    section: str
    reason: str = ""  # for "unspoken": "digits", "symbol" or "capitals"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _known(word: str, dictionary: Set[str], lexicon_terms: set[str]) -> bool:
    word = re.sub(r"['’]s$", "", word)
    parts = [p for p in re.split(r"[-'’]", word) if p]
    return all(
        p in dictionary or p.lower() in dictionary or p.capitalize() in dictionary or p in lexicon_terms for p in parts
    )


def unread(written: str, spoken: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(reason, token) for each piece of ``spoken`` no rule turned into words, and each
    capital run in ``written`` that no list, dictionary or ``known`` term explains."""
    found: list[tuple[str, str]] = []
    for raw in spoken.split():
        token = raw.strip(".,;:!?\"'()")
        if any(ch.isdigit() for ch in token):
            found.append(("digits", token))
        elif any(not (ch.isalnum() or ch.isspace() or ch in _PUNCTUATION) for ch in token):
            found.append(("symbol", token))
    found += [("capitals", w) for w in unknown_capitals(written, known)]
    return found


def lint_script(script: Script, lexicon: Lexicon, engine: TTSEngine, dictionary: Set[str]) -> list[Finding]:
    """Findings in script order, each name reported once. ``dictionary`` holds the words
    the engine has a pronunciation for."""
    terms = lexicon.terms() | {t.lower() for t in lexicon.terms()}
    known = dictionary | terms
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for part in script.parts:
        label = part.title or part.kind
        for utterance in part.utterances:
            spoken = engine.unmark(utterance.spoken)
            for reason, piece in unread(utterance.written, spoken, known):
                if ("unspoken", piece) not in seen:
                    seen.add(("unspoken", piece))
                    findings.append(Finding("unspoken", piece, utterance.written, label, reason))
            if not dictionary:
                continue
            for name in _NAME.findall(spoken):
                if not _known(name, dictionary, terms) and ("unknown-name", name) not in seen:
                    seen.add(("unknown-name", name))
                    findings.append(Finding("unknown-name", name, utterance.written, label))
    return findings
