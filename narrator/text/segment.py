"""Segment: paragraphs into sentences, and sentences into chunks an engine accepts.

A full stop ends a sentence unless it closes an abbreviation ("Dr.", "Feb. 27",
"No. 10"), an initial ("J. K. Rowling") or an initialism that runs on ("U.S. forces").
"""

from __future__ import annotations

import re

from . import tables

# Abbreviations that are never the end of a sentence when more text follows: titles
# before a name, and a few more.
TITLES = frozenset(t.lower() for t in tables.TITLES) | frozenset(
    "mx hon jr no nos vs v approx dept est fig vol pp op".split()
)
MONTHS = frozenset(tables.MONTH_ABBREVIATIONS) - {"may"}  # "May" is the whole name
# After these a full stop may or may not end the sentence; a capitalised common
# sentence opener after them decides.
SOFT = frozenset("inc ltd co corp plc llc bros etc st ave rd".split())
OPENERS = frozenset(
    "the a an he she it they we i you this that these those there but and so yet or if in "
    "on at as for when while after before his her its their our my no some many most "
    "officials police one two three then however meanwhile still also now later earlier "
    "what why how who where".split()
)
_BOUNDARY = re.compile(r"(?<![.!?…])([.!?…]+)([\"”’')\]]*)(\s+)")
_SPACED_ELLIPSIS = re.compile(r"\.(?:\s\.){2,}")
# After "6 p.m." a capital starts a new sentence unless it names the day or the time zone.
_AFTER_TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday "
    "et est edt pt pst pdt ct cst cdt mt gmt bst cet utc local".split()
)
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_CLAUSE = re.compile(r"(?<=[,;:—–])\s+|\s+(?=[—–]\s)")


def _ends_sentence(before: str, after: str, punct: str) -> bool:
    if not after:
        return True
    if punct != ".":
        return after[:1].isupper() or after[:1].isdigit() or after[:1] in "\"“‘'(["
    token = before.rsplit(None, 1)[-1] if before.split() else ""
    bare = token.lstrip("(\"“‘'[").rstrip(".").lower()
    next_word = after.split(None, 1)[0].strip("\"“‘'(,").lower()
    if after[:1].islower():
        return False
    if punct == "." and before.endswith(".."):
        return True  # an ellipsis before a capital: "He waited... Then he left."
    if bare in ("a.m", "p.m") and re.search(r"\d\s*[ap]\.m$", before):
        return next_word.strip(".,;:") not in _AFTER_TIME  # "at 6 p.m. Travelers said"
    if token == "I" and re.search(r"\b[a-z]+\s+I$", before):
        return True  # the pronoun, not an initial: "you and I. Did you"
    if bare in TITLES:
        return False
    if bare in MONTHS and after[:1].isdigit():
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "J. K. Rowling"
    if _INITIALISM.search(token + "."):
        return next_word in OPENERS
    if bare in SOFT:
        return next_word in OPENERS
    return True


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, with their punctuation."""
    # ". . ." is one ellipsis, not three full stops
    text = _SPACED_ELLIPSIS.sub("…", " ".join(paragraph.split()))
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        if _ends_sentence(text[start : match.start()], text[match.end() :], match.group(1)[-1]):
            _add(sentences, text[start:end].strip())
            start = match.end()
    _add(sentences, text[start:].strip())
    return sentences


def _add(sentences: list[str], sentence: str) -> None:
    """A run of dots or other punctuation is no sentence: it joins the one before."""
    if sentences and sentence and not any(ch.isalnum() for ch in sentence):
        sentences[-1] += " " + sentence
    elif sentence:
        sentences.append(sentence)


def chunk(sentence: str, limit: int) -> list[str]:
    """Pieces of ``sentence`` no longer than ``limit`` characters, cut at clauses first."""
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for part in _CLAUSE.split(sentence):
        if not part:
            continue
        for piece in _split_words(part, limit):
            if current and len(current) + 1 + len(piece) > limit:
                pieces.append(current)
                current = piece
            else:
                current = f"{current} {piece}" if current else piece
    if current:
        pieces.append(current)
    return pieces


def _split_words(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:  # a single unbroken "word" longer than the limit
            if current:
                out.append(current)
                current = ""
            out.append(word[:limit])
            word = word[limit:]
        if current and len(current) + 1 + len(word) > limit:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    return out
