"""Repairs to the text an extractor gives: the spaces trafilatura trims, and the first
letter a drop cap took away."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from lxml import etree

from .html_blocks import HEADINGS, HTML_BLOCKS, Block, earlier_key, innermost, later_key, place_key

_TOKEN = re.compile(r"\w+")


def respaced(blocks: list[Block], page: Any) -> list[Block]:
    """trafilatura's blocks with the spaces it trims back: it strips the text after a <br>
    and the whitespace between inline tags, so "my book <i>Welcome</i>" became
    "my bookWelcome", which the voice can't say. A word the page never writes, that is
    two of its words written with a space between them, gets that space again; a drop
    capital ("<span>T</span>he") is one word in the page's text and stays one."""
    if page is None:
        return blocks
    words = _TOKEN.findall(_page_text(page))
    known = set(words)
    pairs = set(pairwise(words))

    def split(match: re.Match[str]) -> str:
        word = match.group()
        if word in known:
            return word
        for i in range(1, len(word)):
            if (word[:i], word[i:]) in pairs:
                return f"{word[:i]} {word[i:]}"
        return word

    return [(kind, _TOKEN.sub(split, text)) for kind, text in blocks]


def _page_text(page: Any) -> str:
    """The page's text as a browser lays it out: inline tags join their words, block tags
    and <br> part them."""
    parts: list[str] = []
    for event, el in etree.iterwalk(page, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in HTML_BLOCKS or tag in HEADINGS or tag == "br":
                parts.append("\n")
            if tag and el.text:
                parts.append(el.text)
        else:
            if tag in HTML_BLOCKS or tag in HEADINGS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    return "".join(parts)


_FIRST_WORD = re.compile(r"\S+")
_LETTER_WORD = re.compile(r"\s*([AI])\s+(\S+)")


def whole_first_words(blocks: list[Block], places: dict[str, list[Any]]) -> list[Block]:
    """``blocks`` with a first letter a drop cap took away put back: a paragraph that starts
    lower-case ("he finance minister...") where the page's block that holds it (``places``:
    :func:`page_places`) starts with the whole word ("The finance minister...", its first
    letter in a span of its own that the extractor left out, often as hidden from screen
    readers)."""
    if not places or not any(kind == "p" and text[:1].islower() for kind, text in blocks):
        return blocks
    out = []
    for kind, text in blocks:
        first = _FIRST_WORD.match(text)
        if kind == "p" and first and text[:1].islower() and not places.get(place_key(text)):
            for el in innermost(places.get(later_key(text) or "\x00") or []):
                found = _FIRST_WORD.search(el.text_content())
                whole = found.group() if found else ""
                cut = len(whole) - len(first.group())
                if 0 < cut <= 2 and whole.endswith(first.group()) and whole[:cut].isalpha() and whole[0].isupper():
                    text = whole + text[first.end() :]
                    break
            # the drop cap is a word of its own ("A", "I"): the page's block starts one word earlier
            for el in innermost(places.get(earlier_key(text) or "\x00") or []):
                letter = _LETTER_WORD.match(el.text_content())
                if letter and letter.group(2) == first.group() and text[:1].islower():
                    text = f"{letter.group(1)} {text}"
                    break
        out.append((kind, text))
    return out
