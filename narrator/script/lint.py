"""Lint: what an editor should fix before any audio is made.

Two kinds of finding: text the normaliser could not turn into words ("unspoken": digits
left as digits or glued to letters, symbols other than punctuation, and capital runs no
list, dictionary or lexicon explains that the normaliser spells out as letters), and names
the voice is likely to say wrong ("unknown-name"): not in its dictionary, not in any
lexicon, not a common name, and spelt unlike English (:mod:`narrator.script.risk`).

Lint reads the script, what the voice is given, not the article: a word is judged as it
will be said ("VALTERA" in a dateline is said "Valtera", and judged as that name).
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import asdict, dataclass

from ..models import Script
from ..synth.engines import TTSEngine
from ..text.capitals import unknown_capitals
from ..text.lexicon import Lexicon
from .risk import THRESHOLD, NameRisk

_PUNCTUATION = set(".,;:!?'\"()-–—…")

# A word of letters (any alphabet), with apostrophes inside; hyphens split words.
_WORD = re.compile(r"(?<![\w'’])[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*")


@dataclass(frozen=True)
class Finding:
    kind: str  # "unspoken" or "unknown-name"
    text: str
    sentence: str
    section: str
    #: Why: for "unspoken", "digits", "symbol" or "capitals"; for "unknown-name", what makes
    #: the name a risk ("not in the voice's dictionary; letters 'sz' rare in English").
    reason: str = ""
    #: How likely the voice is to say it wrong, 0 to 1 (1 for text it can't say at all).
    score: float = 1.0
    #: What the voice is given for ``text``.
    spoken: str = ""

    def as_dict(self) -> dict[str, str | float]:
        return asdict(self)


def unread(written: str, spoken: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(reason, token) for each piece of ``spoken`` no rule turned into words, and each
    capital run in ``written`` that no list, dictionary or ``known`` term explains and
    that ``spoken`` doesn't say as a word."""
    found: list[tuple[str, str]] = []
    for raw in spoken.split():
        token = raw.strip(".,;:!?\"'()")
        if any(ch.isdigit() for ch in token):
            found.append(("digits", token))
        elif any(not (ch.isalnum() or ch.isspace() or ch in _PUNCTUATION) for ch in token):
            found.append(("symbol", token))
    for run in unknown_capitals(written, known):
        # Read as a word ("VALTERA" as "Valtera"), it is a name like any other.
        if not re.search(rf"\b{re.escape(run.capitalize())}\b", spoken):
            found.append(("capitals", run))
    return found


def _respellings(lexicon: Lexicon) -> set[str]:
    """The words of the lexicon's respellings: what the voice is given in a term's place."""
    return {w for e in lexicon.entries if e.say for w in _WORD.findall(e.say)}


def lint_script(
    script: Script, lexicon: Lexicon, engine: TTSEngine, dictionary: Set[str], *, min_score: float = THRESHOLD
) -> list[Finding]:
    """Findings in script order, each word reported once. ``dictionary`` holds the words
    the engine has a pronunciation for; a name is reported when its risk is at least
    ``min_score`` (0 reports every name the dictionary lacks)."""
    terms = lexicon.terms() | {t.lower() for t in lexicon.terms()}
    known = dictionary | terms
    said = terms | _respellings(lexicon)
    risk = NameRisk(dictionary)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for part in script.parts:
        label = part.title or part.kind
        for utterance in part.utterances:
            spoken = engine.unmark(utterance.spoken)
            for reason, piece in unread(utterance.written, spoken, known):
                if ("unspoken", piece) not in seen:
                    seen.add(("unspoken", piece))
                    findings.append(Finding("unspoken", piece, utterance.written, label, reason, 1.0, piece))
            if not dictionary:
                continue
            for name in _WORD.findall(spoken):
                if not name[0].isupper() or (len(name) > 1 and name.isupper()) or ("unknown-name", name) in seen:
                    continue  # a capital run is judged as capitals, above
                seen.add(("unknown-name", name))
                if name in said or name.lower() in said:
                    continue
                found = risk.risk(name)
                if found is not None and found.score >= min_score:
                    findings.append(
                        Finding("unknown-name", name, utterance.written, label, found.reason, found.score, name)
                    )
    return findings
