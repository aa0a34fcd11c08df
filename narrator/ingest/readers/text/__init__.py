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
    FILE_PHOTO,
    bounded,
    lead_over_line,
    lead_under_head,
    read_once_over,
    said_once,
    split_start,
    to_footer,
)
from .comments import form_lines, is_thread_head
from .deals import deal_cards
from .decoder import GAP, IN, PRE, decode
from .features import BULLET, TERMINAL, is_pitch, is_related_head, tokens
from .galleries import without_galleries
from .lists import after_headed_list, is_sentence, is_short_head, listed, opens_list
from .live import live_posts
from .metadata import find_metadata, find_title, headline_echo, headline_over_byline
from .model import OTHER, A, B, D, H, T, load_model, predict, ruled_out
from .recipes import recipe, recipe_cards

# A paragraph next to the body, or past an interruption, is kept when the model gives it at
# least this chance of being body: only furniture is left out on sight.
CONTINUE_AT = 0.3
AFTER_POST = 0.1
BOXED_WORDS = 20  # a paragraph after a sign-up box, not its form's messages
EMBED_TOOLS = 8  # lines of furniture under an embedded post that the body is read across
# A closing line straight after the body is kept unless the model all but rules it out, up to
# this many words (a long paragraph there is more often a teaser or a comment).
RUN_ON_AT = 0.02
RUN_ON_WORDS = 40
SUBHEADING_AT = 0.15  # the model's chance of a heading: a teaser's headline after the body gets less


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
    states = _continue(blocks, probs, states, interruption | signed | posted | clock, pitch, signed, clock)
    # above the body, a photo's furniture: its caption however long, its credit, "View larger
    # image", share tools; short lines with no full stop that the model is fairly sure of
    terse = np.array([not TERMINAL.search(b.text) for b in blocks], dtype=bool) & (words <= 6)
    caption = known & (probs[:, OTHER] >= 0.95)
    above = interruption | (terse & (probs[:, OTHER] >= 0.75)) | caption
    states = _continue_back(blocks, probs, states, above, pitch)
    states = _run_on(blocks, probs, states, interruption | pitch)
    states = _lone_sentences(blocks, states, interruption | pitch, probs)
    states = listed(blocks, states, interruption | pitch, known=furniture | pitch | teasers)
    states = _run_on(blocks, probs, states, interruption | pitch)  # the sentences after a closing list
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


LONE_WORDS = 12  # a sentence of the story, not a label, a teaser's headline or a credit


def _lone_sentences(
    blocks: list[Block], states: np.ndarray, interruption: np.ndarray, probs: np.ndarray | None = None
) -> np.ndarray:
    """A full sentence the decoder skipped between two body paragraphs is the body's, unless
    it is known furniture or a caption: the model's doubt alone is no evidence (a paragraph of
    one sentence that names a law, "The Act, as it is known, also requires ..."). So is one
    in a longer gap inside the body (a live blog's post between its time and its share bar),
    unless the model all but rules it out or it repeats a body paragraph (a pull quote)."""
    out = states.copy()
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return out
    body = {blocks[i].text for i in inside}
    boxed = False  # in a gap that a "Related" label opens: the box's teasers, however well written
    for i in range(int(inside[0]) + 1, int(inside[-1])):
        boxed = states[i] == GAP and (boxed or F.is_teaser_label(blocks[i].text))
        if states[i] != GAP or interruption[i]:
            continue
        lone = states[i - 1] == IN and states[i + 1] == IN
        if not lone and (probs is None or probs[i, B] < RUN_ON_AT or boxed or blocks[i].text in body):
            continue
        text = blocks[i].text
        if len(text.split()) < LONE_WORDS or not TERMINAL.search(text) or not is_sentence(text):
            continue
        if not F.is_furniture(text):  # captions included
            out[i] = IN
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


def _continue(
    blocks: list[Block],
    probs: np.ndarray,
    states: np.ndarray,
    furniture: np.ndarray,
    pitch: np.ndarray,
    signed: np.ndarray,
    clock: np.ndarray,
) -> np.ndarray:
    """The body goes on past its last paragraph while the next sentences are likely body and only
    known furniture (an ad label, a caption, a "Read more" line, a sign-up box) stands between:
    up to four lines of it, or twelve when they are a sign-up box (its field, button, small print).
    A subheading over the next part is read with it. A comment thread's header is never crossed."""
    states = states.copy()
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    i, n = int(inside[-1]) + 1, len(blocks)
    low = False
    while i < n:
        j = i
        while j < n and j - i < 12 and furniture[j]:
            j += 1
        if j - i > (EMBED_TOOLS if signed[i:j].any() else 4) and not pitch[i:j].any():
            break  # an embedded post brings its share tools and an ad slot under its signature
        if any(is_thread_head(blocks[k].text) for k in range(i, j)):
            break  # what follows "12 comments" is the readers' writing, however good
        # a live page's update (its time, then its heading), or a part after an embedded post
        timed = j > i and (clock[j - 1] or signed[i:j].any())
        heading = j + 1 < n and (_subheading(blocks[j], probs[j]) or (timed and is_short_head(blocks[j].text, 12)))
        # (a short line the model is sure of interrupts, but not a sentence that opens a list)
        heading = heading and (not furniture[j + 1] or opens_list(blocks[j + 1].text))
        k = j + 1 if heading else j  # a subheading over the next part: read with it
        listed_part = False
        if not heading and j < n:  # or a heading over a list (a how-to's steps) and the sentence after it;
            # the model may be sure of the heading and the first step, so they can be the last two lines
            # crossed, after the last one that is known furniture
            h = j
            while h > max(i, j - 2) and not (
                F.is_furniture(blocks[h - 1].text) or pitch[h - 1] or clock[h - 1] or signed[h - 1]
            ):
                h -= 1
            for start in range(h, j + 1):
                if start < j and F.has_prompt_words(blocks[start].text):
                    continue  # "Advertisement - scroll for more content" heads nothing
                if start and (F.is_teaser_label(blocks[start - 1].text) or is_related_head(blocks[start - 1].text)):
                    continue  # under "More stories", a headline over headlines
                end = after_headed_list(blocks, start)
                if end is not None:
                    j, k, listed_part = start, end, True
                    break
        # an embedded post is set inside a body, not after it: the story goes on below it; so
        # is a small sign-up box when a full paragraph follows it (not the form's own messages)
        boxed = pitch[i:j].any() and j - i <= 4 and k < n and len(blocks[k].text.split()) >= BOXED_WORDS
        # (and a heading over a list is evidence enough for the sentence after it)
        # so is a video player (its "Video Loading", "Click to play")
        # (and once the body has gone on past one of these, past plain ads under it too)
        player = any(F.is_player(blocks[m].text) for m in range(i, j))
        low = low or signed[i:j].any() or boxed or listed_part or player
        at = AFTER_POST if low else CONTINUE_AT
        # a sentence that opens a list is the body's however little the model thinks of it
        # ("Here's the short version of the spec sheet:"), as in the body (:func:`.lists.listed`)
        opens = k < n and opens_list(blocks[k].text)
        likely = k < n and is_sentence(blocks[k].text) and not furniture[k] and probs[k, B] >= at
        if not (opens or likely):
            break
        if parse_byline(blocks[k].text) is not None:
            break
        states[i:j] = GAP
        states[j : k + 1] = IN
        i = k + 1
    return states


def _subheading(block: Block, p: np.ndarray) -> bool:
    """A line that heads a part of the body: short, no full stop, not furniture, a comment
    thread's header or a byline, and the model gives it some chance of being a heading."""
    text = block.text
    return (
        p[H] >= SUBHEADING_AT
        and len(text.split()) <= 15
        and not TERMINAL.search(text)
        and text[:1].isupper()
        and not F.is_furniture(text)
        and not is_thread_head(text)
        and parse_byline(text) is None
    )


def _continue_back(
    blocks: list[Block], probs: np.ndarray, states: np.ndarray, furniture: np.ndarray, pitch: np.ndarray
) -> np.ndarray:
    """The body also goes back past its first paragraph, to likely body sentences (the same
    test as :func:`_continue`) right above it or above known furniture that cuts it there (a
    photo's caption and credit, "Email to a friend", a row of share marks: up to four lines
    that have words). A lead set above the page's main photo is the article's start, and so
    is a dateline paragraph the model doubts. A sentence beside a credit line, or one that
    says "in this file photo", is the photo's caption, not the lead."""
    states = states.copy()
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    i = int(inside[0]) - 1
    while i >= 0:
        j = i
        while j >= 0 and i - j < 12 and furniture[j]:
            j -= 1
        worded = sum(len(tokens(blocks[k].text)) >= 2 for k in range(j + 1, i + 1))
        if j < 0 or (worded > 4 and not pitch[j + 1 : i + 1].any()):
            break
        text = blocks[j].text
        if not is_sentence(text) or furniture[j] or probs[j, B] < CONTINUE_AT or parse_byline(text) is not None:
            break
        if FILE_PHOTO.search(text) or (j and F.is_caption(blocks[j - 1].text)):
            break
        states[j + 1 : i + 1] = GAP
        states[j] = IN
        i = j - 1
    return states


def _run_on(blocks: list[Block], probs: np.ndarray, states: np.ndarray, furniture: np.ndarray) -> np.ndarray:
    """Sentences that follow the body's last paragraph with nothing between are its closing lines,
    however little the model thinks of them: a short post ends talking to its reader ("Give it a
    try and let me know how you get on."), as sign-up boxes do. Comments come after a header or
    a reader's name, and furniture, a byline, a headline (no full stop) or a long paragraph stop
    the run."""
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    states = states.copy()
    j = int(inside[-1]) + 1
    while (
        j < len(blocks)
        and (not furniture[j] or opens_list(blocks[j].text))
        and len(blocks[j].text.split()) <= RUN_ON_WORDS
        and probs[j, B] + probs[j, H] >= RUN_ON_AT
        and ((TERMINAL.search(blocks[j].text) and is_sentence(blocks[j].text)) or opens_list(blocks[j].text))
        and parse_byline(blocks[j].text) is None
    ):
        states[j] = IN
        j += 1
    return states


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
