"""Lists in copied text that the model takes for furniture: a list a body sentence
introduces with a colon (a recipe's are in :mod:`.recipes`); and the test of a line that
is a sentence a person wrote."""

from __future__ import annotations

import re

import numpy as np

from ... import furniture as F
from ...bylines import parse_byline
from .blocks import Block
from .comments import is_thread_head
from .decoder import IN
from .features import FUNCTION_WORDS, TERMINAL, tokens
from .pitches import is_pitch


def is_sentence(text: str) -> bool:
    """Something a person wrote to be read: not one word repeated, not a row of links."""
    toks = tokens(text)
    if len(set(toks)) < 3:
        return False
    if TERMINAL.search(text):
        return True
    return len(toks) >= 12 and sum(t in FUNCTION_WORDS for t in toks) >= 0.15 * len(toks)


def is_prose(text: str) -> bool:
    """A sentence of somebody's prose: not furniture and not a byline."""
    return is_sentence(text) and not F.is_furniture(text) and parse_byline(text) is None


def is_short_head(text: str, words: int) -> bool:
    """A line that could head what follows: at most ``words`` words, no full stop, not furniture."""
    return len(text.split()) <= words and not TERMINAL.search(text) and not F.is_furniture(text)


LIST_ITEMS, ITEM_WORDS = 15, 40  # a list's items, at most, and the words of one


def listed(blocks: list[Block], states: np.ndarray, interruption: np.ndarray, known: np.ndarray) -> np.ndarray:
    """A sentence of the body that ends with a colon ("County officials opened three
    shelters:") promises what follows: the short lines straight after it, a list's items,
    are the body's however little the model thinks of them (a line with no full stop
    looks like furniture to it, "Heart disease" above all), across the items it did keep,
    up to the first line that is known furniture, too long for an item, or a byline. A
    list that ends the body goes on past it when a whole sentence introduces it ("The new
    model will differ from the old one in four ways:"); a short line there ("Latest in
    Sport:", "Share this on:") opens the page's own list."""
    out = states.copy()
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return out
    last = int(inside[-1])
    for i in range(int(inside[0]), last):
        if interruption[i] or not _introduces(blocks[i].text):
            continue
        j = i + 1
        while j < last and j - i <= LIST_ITEMS and is_item(blocks[j].text) and not known[j]:
            j += 1
        if j > i + 1:
            out[i:j] = IN
    return _closing_list(blocks, out, known, int(inside[0]), last)


CLOSING_INTRO_WORDS = 8  # of the sentence that introduces a list at the end of the body
WORDED_ITEM, TAG_WORDS = 4, 2  # a list's first item of this many words or more is not followed by tags
# A line that speaks of the article itself opens the page's lists, not the article's:
# "If you enjoyed this article, you may also like:", "Like this story? Share it by clicking below:"
_ABOUT_THE_PAGE = re.compile(
    r"\b(?:this\s(?:article|story|post)|you\s(?:may|might)\s(?:also\s)?(?:like|enjoy)|below)\b", re.IGNORECASE
)


def _closing_list(blocks: list[Block], states: np.ndarray, known: np.ndarray, first: int, last: int) -> np.ndarray:
    """The rest of a list the body ends in: its items after the body's last line, when a
    sentence of the body introduces it and every line from there to the end is an item.
    Only known furniture (``known``: a pattern, a teaser, a sign-up box) ends it there, not
    the model's doubt: an item with no full stop looks like furniture to it. So does a line of
    a word or two after items of several (the page's tags: "Tech", "E-readers")."""
    i = last
    while i > first and last - i < LIST_ITEMS and not _introduces(blocks[i].text) and is_item(blocks[i].text):
        i -= 1
    if known[i] or not opens_list(blocks[i].text):
        return states
    worded = i + 1 < len(blocks) and len(blocks[i + 1].text.split()) >= WORDED_ITEM
    j = last + 1
    while j < len(blocks) and j - i <= LIST_ITEMS and is_item(blocks[j].text) and not known[j]:
        if worded and len(blocks[j].text.split()) <= TAG_WORDS:
            break
        j += 1
    out = states.copy()
    out[last + 1 : j] = IN
    return out


def opens_list(text: str) -> bool:
    """A whole sentence of the body that introduces a list after it ("The new model will differ
    from the old one in four ways:"), not a short label ("Latest in Sport:") or a line about the
    page ("If you enjoyed this article, you may also like:") or a row of section names ending in one."""
    short = len(text.split()) < CLOSING_INTRO_WORDS and not _AS_FOLLOWS.search(text)
    toks = tokens(text)
    worded = sum(t in FUNCTION_WORDS for t in toks) >= 0.15 * len(toks)  # not a row of section names
    return _introduces(text) and not short and worded and not _ABOUT_THE_PAGE.search(text)


# "The dates are as follows.", "the filling was as follows..."
_AS_FOLLOWS = re.compile(r"\b(?:as\sfollows|the\sfollowing)\s*(?:[.:]|\.\.\.|…)$", re.IGNORECASE)


def _introduces(text: str) -> bool:
    return (
        (text.rstrip().endswith(":") or bool(_AS_FOLLOWS.search(text)))
        and len(tokens(text)) >= 4
        and not F.is_furniture(text)
        and not F.is_teaser_label(text)
        and not F.has_prompt_words(text)  # "please share it on:", "Your comment could not be posted:"
        and parse_byline(text) is None
    )


def is_item(text: str) -> bool:
    return _itemlike(text) and not F.has_prompt_words(text)


def _itemlike(text: str) -> bool:
    """Short enough for a list's item, and not markup, furniture, a thread's header or a byline."""
    return (
        len(text.split()) <= ITEM_WORDS
        and not text.startswith("<")  # markup copied with the text: an embedded player's
        and not F.is_furniture(text)
        and not is_thread_head(text)
        and parse_byline(text) is None
    )


HEADED_ITEMS = 2  # items under a heading, at least, for the heading to open a list
TITLE_CASE = 0.7  # of an item's words capitalised: another story's headline, not an item


def after_headed_list(blocks: list[Block], j: int) -> int | None:
    """Where the sentence after a headed list would be: ``j`` is a short heading that is not a
    label ("How to set up the app"), and the lines under it are two or more items with no full
    stop (a how-to's steps, a list of options), however sure the model is that they are not the
    article's."""
    n = len(blocks)
    if not is_short_head(blocks[j].text, 12) or F.is_teaser_label(blocks[j].text):
        return None
    m = j + 1
    while m < n and m - j <= LIST_ITEMS and _bare_item(blocks[m].text):
        m += 1
    return m if m - j - 1 >= HEADED_ITEMS and m < n else None


def _bare_item(text: str) -> bool:
    """An item with no full stop, not furniture, a sign-up pitch or a row of links ("login |
    subscribe"); a how-to's step may say "click" or "download", prompt words that keep a line
    out of other lists."""
    said = text.split()
    capitals = sum(w[:1].isupper() for w in said)
    return (
        " | " not in text
        and not is_pitch(text)
        and not (len(said) >= 4 and capitals >= TITLE_CASE * len(said))  # a headline: "Easing Back Into A Routine"
        and not TERMINAL.search(text)
        and _itemlike(text)
    )
