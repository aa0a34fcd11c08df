"""Runs of lines in trafilatura's body that readability leaves out: a list of other stories'
headlines (with or without their summaries), a paper's reference list; and the article's own
list, which stays."""

from __future__ import annotations

import re
from typing import Any

from ..furniture import ends_like_sentence
from .html_additions import common_ancestor
from .html_blocks import Block, find_place, innermost, place_key

HEADLINE_RUN = 3  # this many headlines in a row, none of them in readability's body: a list of links
HEADLINE_WORDS = 15


def drop_headline_lists(
    main: list[Block], supported: list[bool], drop: list[bool], places: dict[str, list[Any]]
) -> None:
    """Marks runs of short lines that don't end like a sentence ("Mayor opens new bridge") and
    that readability leaves out: teaser lists, "more from" links. A run ends at a heading. A run
    that stands in the same block as the paragraphs both extractors keep before and after it,
    and links nowhere, is the article's own list (ingredients, a line-up); the prose after it may
    be only trafilatura's (the second half of a split body)."""
    agreed = [i for i, ok in enumerate(supported) if ok and main[i][0] == "p"]
    prose = [i for i, (kind, text) in enumerate(main) if kind == "p" and (supported[i] or _prose(text, drop[i]))]
    run: list[int] = []
    for i, (kind, text) in enumerate([*main, ("head", "")]):
        short = kind == "p" and not supported[i] and len(text.split()) <= HEADLINE_WORDS
        if short and not ends_like_sentence(text):
            run.append(i)
            continue
        if kind == "p" and drop[i]:
            continue  # a furniture line between two headlines doesn't break their list
        if len(run) >= HEADLINE_RUN and not _own_list(main, [j for j in run if not drop[j]], agreed, prose, places):
            for j in run:
                drop[j] = True
        run = []


PROSE_WORDS = 8  # a sentence, not a label


def _prose(text: str, dropped: bool) -> bool:
    return not dropped and len(text.split()) >= PROSE_WORDS and ends_like_sentence(text)


def _own_list(
    main: list[Block], run: list[int], agreed: list[int], prose: list[int], places: dict[str, list[Any]]
) -> bool:
    if not run:
        return False
    before = [i for i in agreed if i < run[0]]
    after = [i for i in prose if i > run[-1]]
    if not before or not after:
        return False
    found = [innermost(find_place(places, main[j][1]) or []) for j in (before[-1], *run, after[0])]
    if not all(len(els) == 1 for els in found) or any(_linked(els[0]) for els in found[1:-1]):
        return False
    elements = [els[0] for els in found]
    box = common_ancestor(elements)
    return box is not None and all(_levels_below(el, box) < LIST_LEVELS for el in elements)


LIST_LEVELS = 5  # levels up from a list's item or its neighbours to the block that holds them all


def _linked(el: Any) -> bool:
    return el.tag == "a" or next(el.iter("a"), None) is not None or any(a.tag == "a" for a in el.iterancestors())


# A work cited: "et al." and a year, or a DOI. One such sentence is prose that cites a paper;
# several in a row that readability leaves out are a paper's reference list.
_CITATION = re.compile(r"\bet\sal\b.{0,200}?\b(?:1[89]|20)\d{2}\b|\bdoi:\s?10\.|\bdoi\.org/10\.", re.IGNORECASE)
REFERENCE_RUN = 2


def drop_reference_lists(main: list[Block], supported: list[bool], drop: list[bool]) -> None:
    """Marks runs of citations ("Okafor, L. et al. (2019). Title. Journal 12, 334.") that
    readability leaves out, and every citation under a "References" heading: a science piece's
    references are not read out."""
    run: list[int] = []
    listed = False  # under a references heading
    for i, (kind, text) in enumerate([*main, ("head", "")]):
        cited = kind == "p" and bool(_CITATION.search(text))
        if cited and (listed or not supported[i]):
            run.append(i)
            continue
        if len(run) >= REFERENCE_RUN or (run and listed):
            for j in run:
                drop[j] = True
        run = []
        listed = bool(_REFERENCES.match(text)) or (listed and cited)


_REFERENCES = re.compile(r"^(?:references|sources|bibliography|works\scited|further\sreading)\W*$", re.IGNORECASE)


def _levels_below(el: Any, box: Any) -> int:
    return next((n for n, a in enumerate(el.iterancestors(), 1) if a is box), LIST_LEVELS)


TEASER_RUN = 2  # this many summaries under linked headlines that readability leaves out: a list of stories
TEASER_WORDS = 80  # a summary is a sentence or two


def drop_teaser_lists(main: list[Block], supported: list[bool], drop: list[bool], places: dict[str, list[Any]]) -> None:
    """Marks a list of other stories that readability leaves out: each a linked headline ("Ferry
    fares to rise") over a short summary, in a <dt>/<dd> pair, a card, or a link and a line break.
    Two or more such summaries in a row, with nothing but headlines between, are the list; their
    headlines go with them."""
    found: list[tuple[int, str]] = []
    for i, (kind, text) in enumerate(main):
        if kind != "p" or supported[i] or drop[i] or len(text.split()) > TEASER_WORDS:
            continue
        boxes = innermost(find_place(places, text) or [])
        headline = _linked_headline(boxes[0], text) if len(boxes) == 1 else None
        if headline:
            found.append((i, headline))
    runs: list[list[tuple[int, str]]] = []
    for item in found:
        if runs and _adjacent(main, drop, runs[-1][-1][0], item[0]):
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        if len(run) < TEASER_RUN:
            continue  # a link to another story inside the body, before a paragraph of the body
        for i, headline in run:
            drop[i] = True
            for j in (i - 1, i - 2):  # the headline, in trafilatura's body just before its summary
                if j >= 0 and not supported[j] and _same_start(main[j][1], headline):
                    drop[j] = True


def _adjacent(main: list[Block], drop: list[bool], first: int, second: int) -> bool:
    """Whether only headlines and furniture stand between two summaries: one list, not two links in a body."""
    return all(
        drop[k] or (len(main[k][1].split()) <= HEADLINE_WORDS and not ends_like_sentence(main[k][1]))
        for k in range(first + 1, second)
    )


def _linked_headline(el: Any, text: str) -> str | None:
    """The short linked line right before a paragraph's text in the page: the element before
    its block, the link before the line break the paragraph follows, or the link that opens
    the paragraph's block (a card whose summary is not a block of its own)."""
    before = el.getprevious()
    while before is not None and not (isinstance(before.tag, str) and before.text_content().strip()):
        before = before.getprevious()
    if before is not None and _is_linked_line(before):
        return before.text_content()
    for br in el.iterchildren("br"):
        if _same_start(br.tail or "", text):
            link = br.getprevious()
            return link.text_content() if link is not None and _is_linked_line(link) else None
    first = next((child for child in el if isinstance(child.tag, str) and child.text_content().strip()), None)
    opens = first is not None and not (el.text or "").strip() and _is_linked_line(first)
    if not opens:
        return None
    # A link the paragraph itself opens with is a headline joined to its summary when it leads to
    # another page of the site; to another site, it names the item's subject ("Harbour Trust - ...").
    inside = _site_link(first)
    return first.text_content() if inside or not _opens_with(text, first.text_content()) else None


def _site_link(el: Any) -> bool:
    link = el if el.tag == "a" else next(el.iter("a"), None)
    href = "" if link is None else link.get("href", "")
    return href.startswith("/") and not href.startswith("//")


def _is_linked_line(el: Any) -> bool:
    text = el.text_content().strip()
    if not text or len(text.split()) > HEADLINE_WORDS or ends_like_sentence(text):
        return False
    links = [el] if el.tag == "a" else list(el.iter("a"))
    return sum(len(a.text_content().strip()) for a in links) >= 0.9 * len(text)


def _same_start(text: str, headline: str) -> bool:
    return place_key(text) == place_key(headline)


def _opens_with(text: str, headline: str) -> bool:
    return f"{place_key(text)} ".startswith(f"{place_key(headline)} ")
