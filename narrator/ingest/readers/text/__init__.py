"""Plain text copied from a news page: find the article among the page furniture.

The page is cut into blocks (:mod:`.blocks`: lines, or paragraphs when the text is
hard-wrapped). Each block gets a vector of general features (:mod:`.features`): its own
shape, its neighbours' shape, and where it sits in the page. Two small softmax models
(:mod:`.model`), trained on generated pages only (see ``training/make_pages.py``,
``training/modern_lines.py`` and ``training/train.py``), give each block a probability for
six labels: other, body, heading, title, byline, date. A four-state Viterbi pass
(:mod:`.decoder`: before, body, gap inside the body, after) then takes one coherent body,
so that comments and teasers after the article are left out even when they are good prose;
a body cut by ad labels, captions or "Read more" lines goes on after them. Two landmarks bound
it whatever the model thinks: the headline said again under the page's title line, where the
article begins, and a comment thread (:mod:`.comments`), where it has ended. Photo galleries
are taken out first (:mod:`.galleries`). Title, author and date
come from the blocks the model picks for them, with rules as a fallback
(:mod:`.metadata`). Lists the model takes for furniture (the items a sentence introduces
with a colon, a recipe's ingredients and its cards) are read by rule (:mod:`.lists`,
:mod:`.recipes`). Inference is numpy only.
"""

from __future__ import annotations

import math

import numpy as np

from ....models import Article, Section
from ... import furniture as F
from ...bylines import parse_byline
from .blocks import Block, segment
from .bounds import (
    bounded,
    lead_over_line,
    lead_under_head,
    read_once_over,
    said_once,
    split_start,
    to_footer,
)
from .carry import CONTINUE_AT, continue_back, continue_body, lone_sentences, run_on
from .comments import form_lines
from .deals import deal_cards
from .decoder import GAP, IN, PRE, decode
from .features import BULLET, TERMINAL
from .galleries import without_galleries
from .lists import is_sentence, listed
from .live import live_posts
from .metadata import find_metadata, find_title, headline_echo, headline_over_byline
from .model import OTHER, A, B, D, H, T, load_model, predict, ruled_out
from .pitches import is_pitch
from .recipes import recipe, recipe_cards


def label_blocks(blocks: list[Block], params: dict[str, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities and decoded states for every block, within the bounds the page's
    landmarks set (:mod:`.bounds`)."""
    params = params or load_model()
    probs, states = _label(blocks, params)
    probs, states = bounded(blocks, probs, states, lambda part: _label(part, params))
    states = split_start(blocks, probs, lead_under_head(blocks, probs, lead_over_line(blocks, probs, states)))
    return probs, read_once_over(blocks, said_once(blocks, to_footer(blocks, states)))


def _label(blocks: list[Block], params: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_read`, with the page's photo galleries taken out first (:mod:`.galleries`)."""
    return without_galleries(blocks, lambda kept: _read(kept, params))


def _read(blocks: list[Block], params: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The model's probabilities, the decoded body, and the rules that carry it past interruptions."""
    # a comment form's lines and a cookie banner are never the article, however well written
    consent = np.array([F.is_cookie_notice(b.text) for b in blocks], dtype=bool)
    probs = ruled_out(predict(blocks, params), form_lines(blocks) | consent)
    words = np.array([len(b.text.split()) for b in blocks], dtype=float)
    known = np.array([F.is_furniture(b.text) for b in blocks], dtype=bool)
    furniture = known & (words <= 20)
    pitch = np.array([is_pitch(b.text) for b in blocks], dtype=bool)
    states = decode(probs, words, params, furniture | pitch)
    states = deal_cards(blocks, states)  # before the body is carried on past its cards
    # a short line the model is sure is not the article interrupts too, and so does a sign-up
    # box's pitch that the model takes for furniture (it can run to a sentence or two) or a
    # short line beside one (its heading: "Enjoying this article?")
    near_pitch = pitch.copy()
    near_pitch[:-1] |= pitch[1:]
    near_pitch[1:] |= pitch[:-1]
    boxed = pitch | (near_pitch & (words <= 15))
    interruption = furniture | ((words <= 15) & (probs[:, OTHER] >= 0.95)) | (boxed & (probs[:, OTHER] >= 0.6))
    teasers = _teasers(blocks, words)
    interruption |= teasers
    signed = np.array([F.is_post_signature(b.text) for b in blocks], dtype=bool)  # an embedded post's signature
    # the body goes on across an embedded post (its text over its signature) and a live
    # page's bare clock over its next update
    posted = np.zeros(len(blocks), dtype=bool)  # the post's text, the line above its signature
    posted[:-1] = signed[1:] & (words[:-1] <= POST_WORDS)
    clock = np.array([F.is_clock(b.text) for b in blocks], dtype=bool)
    states = continue_body(blocks, probs, states, interruption | signed | posted | clock, pitch, signed, clock)
    # above the body, a photo's furniture: its caption however long, its credit, "View larger
    # image", share tools; short lines with no full stop that the model is fairly sure of
    terse = np.array([not TERMINAL.search(b.text) for b in blocks], dtype=bool) & (words <= 6)
    caption = known & (probs[:, OTHER] >= 0.95)
    above = interruption | (terse & (probs[:, OTHER] >= 0.75)) | caption
    states = continue_back(blocks, probs, states, above, pitch)
    states = run_on(blocks, probs, states, interruption | pitch)
    states = lone_sentences(blocks, states, interruption | pitch, probs)
    states = listed(blocks, states, interruption | pitch, known=furniture | pitch | teasers)
    states = run_on(blocks, probs, states, interruption | pitch)  # the sentences after a closing list
    states = recipe_cards(blocks, recipe(blocks, probs, states, interruption | pitch, CONTINUE_AT))
    states = live_posts(blocks, states, posted)
    return probs, _embedded_posts(_inside_boxes(states, words, furniture, pitch), posted)


TEASERS = 4  # headlines in a box of other stories set inside the body


def _teasers(blocks: list[Block], words: np.ndarray) -> np.ndarray:
    """The headlines under a "Related" or "Read more" label (up to four short lines with no
    full stop, each starting with a capital), and an embedded post (a tweet) above its
    signature. They interrupt the body; the model may take a headline for a subheading or a
    short paragraph."""
    out = np.zeros(len(blocks), dtype=bool)
    for i, block in enumerate(blocks):
        if F.is_post_signature(block.text):  # an embedded post: its text, then its signature
            out[max(i - 1, 0) : i + 1] = True
        if not F.is_teaser_label(block.text):
            continue
        for j in range(i + 1, min(i + 1 + TEASERS, len(blocks))):
            text = blocks[j].text
            if words[j] > 15 or TERMINAL.search(text) or not text[:1].isupper():
                break
            out[j] = True
    return out


def _inside_boxes(states: np.ndarray, words: np.ndarray, furniture: np.ndarray, pitch: np.ndarray) -> np.ndarray:
    """A short line set between the lines of a sign-up box ("Join 40,000 readers who get it
    every week.") belongs to the box, not the article."""
    boxed = furniture | pitch
    out = states.copy()
    for i in range(1, len(states) - 1):
        if states[i] == IN and words[i] <= 25 and boxed[i - 1] and boxed[i + 1] and (pitch[i - 1] or pitch[i + 1]):
            out[i] = GAP
    return out


POST_WORDS = 60  # a post's text: a tweet runs to 280 characters


def _embedded_posts(states: np.ndarray, posted: np.ndarray) -> np.ndarray:
    """An embedded post's text (``posted``: the line above its signature, "— Name
    (@handle)") is the post's, not the article's, however well the model thinks of it."""
    out = states.copy()
    out[posted & (states == IN)] = GAP
    return out


def _sections(blocks: list[Block], probs: np.ndarray, states: np.ndarray) -> tuple[Section, ...]:
    sections: list[Section] = []
    titles: list[str] = []
    paragraphs: list[str] = []
    for i, block in enumerate(blocks):
        if states[i] != IN:
            continue
        if probs[i, H] > probs[i, B] and len(block.text.split()) <= 20:
            if paragraphs:
                sections.append(Section(title=". ".join(titles) or None, paragraphs=tuple(paragraphs)))
                titles, paragraphs = [], []
            titles.append(block.text.rstrip(" :."))
            continue
        paragraphs.append(BULLET.sub("", block.text))
    if paragraphs:
        sections.append(Section(title=". ".join(titles) or None, paragraphs=tuple(paragraphs)))
    return tuple(sections)


def _heading_like(block: Block, p: np.ndarray, floor: float = 0.1) -> bool:
    n = len(block.text.split())
    return p[H] >= max(p[B], floor) and n <= 15 and not F.is_furniture(block.text)


def _floor(block: Block) -> float:
    """Between two paragraphs of the body, a short line that is no sentence and no furniture is
    a subheading on slighter evidence ("What I would tell a beginner")."""
    return 0.05 if not TERMINAL.search(block.text) and block.text[:1].isupper() else 0.1


def _headings(blocks: list[Block], probs: np.ndarray, states: np.ndarray) -> np.ndarray:
    """Subheadings the decoder skipped: inside the body, or just above its first paragraph
    (a live page's first update has its time and headline there)."""
    states = states.copy()
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    start, end = int(inside[0]), int(inside[-1])
    for i in range(start + 1, end):
        if states[i] != IN and states[i + 1] == IN and _heading_like(blocks[i], probs[i], _floor(blocks[i])):
            states[i] = IN
    above = [i for i in (start - 2, start - 1) if i >= 0]
    if any(F.is_clock(blocks[i].text) for i in above):  # a live page's first update
        for i in above:
            if _heading_like(blocks[i], probs[i]) and probs[i, T] < probs[i, H]:
                states[i] = IN
    return states


def _fallback(blocks: list[Block], probs: np.ndarray) -> np.ndarray:
    """When the decoder keeps no sentence (it took a table of figures for the body): the
    decoder again, over the sentences that aren't furniture alone, so that a story cut by
    a label ("Article:") is read whole; else the likeliest run of them, so that a page
    holding a single sentence of news still gives it."""
    states = np.full(len(blocks), PRE)
    ok = np.array([is_sentence(b.text) and not F.is_furniture(b.text) and parse_byline(b.text) is None for b in blocks])
    if not ok.any():
        return states
    words = np.array([len(b.text.split()) for b in blocks], dtype=float)
    again = decode(ruled_out(probs, ~ok), words, load_model())
    if (again == IN).any():
        return again
    pin = probs[:, B] + probs[:, H]
    best = max(np.flatnonzero(ok), key=lambda i: pin[i] * math.log1p(words[i]))
    lo = hi = best
    while lo > 0 and ok[lo - 1]:
        lo -= 1
    while hi + 1 < len(blocks) and ok[hi + 1]:
        hi += 1
    states[lo : hi + 1] = IN
    return states


def _standfirst(blocks: list[Block], probs: np.ndarray, title_at: int | None, start: int) -> int | None:
    """A standfirst written as a sentence, just under the headline, belongs to the body."""
    if title_at is None or title_at + 1 >= start:
        return None
    i = title_at + 1
    text = blocks[i].text
    n = len(text.split())
    if (
        6 <= n <= 60
        and TERMINAL.search(text)
        and not F.is_furniture(text)
        and parse_byline(text) is None
        and probs[i, A] + probs[i, D] < 0.3
    ):
        return i
    return None


def read_text(text: str, *, source: str = "") -> Article:
    """An article from plain text, with page furniture left behind."""
    blocks = segment(text)
    if not blocks:
        return Article(source=source, format="text")
    probs, states = label_blocks(blocks)
    inside = np.flatnonzero(states == IN)
    if not any(is_sentence(blocks[i].text) for i in inside):
        states = _fallback(blocks, probs)
        inside = np.flatnonzero(states == IN)
        if not len(inside):
            return Article(source=source, format="text")
    states = _headings(blocks, probs, states)
    inside = np.flatnonzero(states == IN)
    start, end = int(inside[0]), int(inside[-1]) + 1
    title_at = find_title(blocks, probs, start)
    if title_at is None:
        title_at = headline_over_byline(blocks, start)
    standfirst = _standfirst(blocks, probs, title_at, start)
    if standfirst is not None:
        states[standfirst] = IN
    if title_at is None and (echo := headline_echo(blocks)) is not None and echo < start:
        title_at = echo  # the headline the page's title line names, said again above the body
    title, author, published = find_metadata(blocks, probs, start, end, title_at)
    return Article(
        title=title,
        author=author,
        published=published,
        source=source,
        format="text",
        sections=_sections(blocks, probs, states),
    )
