"""Title, author and date of copied text, from the blocks the model picks for them, with
rules as a fallback."""

from __future__ import annotations

import re

import numpy as np

from ....text.dates import find_date, first_date
from ... import furniture as F
from ...bylines import BY_ROLE_NAME, author_from_byline, is_person, parse_byline
from .blocks import Block
from .features import NAV_WORDS, SEPARATORS, tokens
from .model import A, B, D, T


def find_title(blocks: list[Block], probs: np.ndarray, start: int) -> int | None:
    """The headline: the likeliest title block above the body (or just inside its top), that
    isn't furniture ("Facebook Page · RSS Feed", "Post navigation") or a row of menu words."""
    head = range(max(0, start - 40), min(len(blocks), start + 3))
    cands = [i for i in head if probs[i, T] > 0.1 and _could_be_title(blocks[i].text)]
    if not cands:
        return None
    best = max(cands, key=lambda i: probs[i, T] - 0.004 * abs(start - i))
    # A standfirst without a full stop looks like a headline; the title sits right above it.
    if best - 1 in cands and probs[best - 1, T] >= 0.5 * probs[best, T] and len(blocks[best - 1].text.split()) >= 3:
        best -= 1
    return best


ECHO_FROM = 3  # the page's title line is among its first lines
_TITLE_PARTS = re.compile(r"\s+(?:[|–—·»-]|::)\s+")  # "Headline | Section | Site"


def plain(text: str) -> str:
    """``text`` as its words alone, casefolded: quotes, marks and spacing aside."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def headline_echo(blocks: list[Block]) -> int | None:
    """The headline where the article begins, found by the page's title line at the top
    ("Headline | Site", "Site - Headline"): the first later line that says the whole title
    line, or one of its parts of three words or more, alone."""
    heads: set[str] = set()
    for block in blocks[:ECHO_FROM]:
        parts = _TITLE_PARTS.split(block.text)
        if len(parts) > 1:
            heads.add(plain(block.text))
            heads.update(plain(p) for p in parts if len(p.split()) >= 3)
    heads.discard("")  # a part of marks alone ("* * *") says nothing
    if not heads:
        return None
    for i in range(1, len(blocks)):
        if i < ECHO_FROM and _TITLE_PARTS.search(blocks[i].text):
            continue  # another of the title lines
        if plain(blocks[i].text) in heads:
            return i
    return None


def _could_be_title(text: str) -> bool:
    toks = tokens(text)
    return (
        len(text.split()) >= 2
        and not F.is_furniture(text)  # captions included
        and not all(t in NAV_WORDS for t in toks)
    )


_BY_LINE = re.compile(r"^(?:By|BY)\s+[A-Z]")


def headline_over_byline(blocks: list[Block], start: int) -> int | None:
    """A short headline straight above the "By ..." line nearest the body: the model gives
    a headline of three words ("Cafe owners protest") too little weight, but a capitalised
    line with no full stop over a byline is one."""
    for j in range(min(start, len(blocks) - 1), max(0, start - 40), -1):
        if not (_BY_LINE.match(blocks[j].text) and len(blocks[j].text.split()) <= 12):
            continue
        text = blocks[j - 1].text
        toks = tokens(text)
        if (
            2 <= len(text.split()) <= 12
            and text[0].isupper()
            and not re.search(r"[.,;:|]$", text)
            and not SEPARATORS.search(text)
            and not all(t in NAV_WORDS for t in toks)
            and not F.is_furniture(text)
            and parse_byline(text) is None
            and not find_date(text)
        ):
            return j - 1
        return None
    return None


def find_metadata(
    blocks: list[Block], probs: np.ndarray, start: int, end: int, title_at: int | None
) -> tuple[str | None, str | None, object]:
    """Title, author and date from the blocks the model thinks hold them, near the body."""
    n = len(blocks)
    title = blocks[title_at].text.rstrip(" :") if title_at is not None else None
    author = None
    order = sorted(range(max(0, start - 40), min(n, end + 15)), key=lambda i: -probs[i, A])
    for i in order[:6]:
        if probs[i, A] < 0.15:
            break
        author = author_from_byline(blocks[i].text)
        if author:
            break
    if author is None:  # "Author: Jane Doe" footers and bylines the model missed
        for i in [*range(start - 1, max(-1, start - 25), -1), *range(start, min(n, end + 15))]:
            text = blocks[i].text
            if len(text.split()) > 25 or (start <= i < end and probs[i, B] > 0.5):
                continue
            name = parse_byline(text) or (author_from_byline(text) if BY_ROLE_NAME.match(text) else None)
            if name and is_person(name, byline=True):
                author = name
                break
    published = None
    order = sorted(range(max(0, start - 40), min(n, start + 6)), key=lambda i: -(probs[i, D] + probs[i, A]))
    for i in order[:6]:
        if probs[i, D] + probs[i, A] < 0.15:
            break
        if len(blocks[i].text.split()) <= 30:
            published = _date_from(blocks, i)
            if published:
                break
    return title, author, published


def _date_from(blocks: list[Block], i: int):
    found = first_date(blocks[i].text)
    if found:
        return found
    # a date written over three lines: "17", "July", "2012"
    joined = " ".join(b.text for b in blocks[i : i + 3])
    if len(joined.split()) <= 6:
        return first_date(joined)
    return None
