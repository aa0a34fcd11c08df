"""Where the article starts and ends on a copied page, from landmarks the model can't weigh:
its headline said again under the page's title line, its comment thread, a blog post's own
footer, the lead under its headline or date (or over one short line, or over a long
sidebar that the rest of the article comes after), and a paragraph said twice."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from ....text.dates import find_date
from ... import furniture as F
from ...bylines import parse_byline
from .blocks import TERMINAL, Block
from .comments import thread_start
from .decoder import GAP, IN, POST, PRE
from .lists import is_prose, is_sentence
from .metadata import headline_echo, plain
from .model import A, B, D, T

# A caption written as a sentence: "..., in this June 3, 2007, file photo."
FILE_PHOTO = re.compile(r"\bin (?:this|an?) (?:[\w,]+ ){0,5}(?:file )?(?:photo|image|picture)\b", re.IGNORECASE)
LEAD_WORDS, LEAD_AT = 12, 0.05  # a lead's words at least, and the model's least chance of body for it

Label = Callable[[list[Block]], tuple[np.ndarray, np.ndarray]]

AGAIN_WITHIN, AGAIN_WORDS = 3, 8  # lines, and words of a paragraph, for a repeat to be dropped


def said_once(blocks: list[Block], states: np.ndarray) -> np.ndarray:
    """A paragraph of the body said again a line or two later (a lead repeated under its
    standfirst across an ad label, a pull quote beside its paragraph) is read once."""
    first: dict[str, int] = {}
    out = states
    for i in np.flatnonzero(states == IN):
        text = blocks[i].text
        if len(text.split()) >= AGAIN_WORDS and i - first.get(text, -AGAIN_WITHIN - 1) <= AGAIN_WITHIN:
            out = out.copy() if out is states else out
            out[i] = GAP
        first.setdefault(text, int(i))
    return out


REPEAT_RUN = 3  # paragraphs in a row, said again in the same order: the article copied twice


def read_once_over(blocks: list[Block], states: np.ndarray) -> np.ndarray:
    """A run of body paragraphs said again further down in the same order (a page that
    carries its article twice, as a teaser and in full, or in a print view) is read once:
    one paragraph quoted twice is kept, a run of three is a copy."""
    inside = [int(i) for i in np.flatnonzero(states == IN) if len(blocks[i].text.split()) >= AGAIN_WORDS]
    texts = [plain(blocks[i].text) for i in inside]
    first: dict[str, int] = {}
    out = states
    p = 0
    while p < len(texts):
        q = first.get(texts[p])
        if q is not None and texts[p : p + REPEAT_RUN] == texts[q : q + REPEAT_RUN] and q + REPEAT_RUN <= p:
            out = out.copy() if out is states else out
            while p < len(texts) and texts[p] == texts[q]:  # q < p throughout
                out[inside[p]] = GAP
                p, q = p + 1, q + 1
            continue
        first.setdefault(texts[p], p)
        p += 1
    return out


ECHO_BODY_WORDS = 50  # of body under an echoed headline, for what is above it to be left out
THREAD_BODY_WORDS = 60  # of body above a comment thread, for the thread to end it


def bounded(blocks: list[Block], probs: np.ndarray, states: np.ndarray, label: Label) -> tuple[np.ndarray, np.ndarray]:
    """Two landmarks of a page bound its article, whatever the model thinks of the prose:
    - its comment thread: the article has ended there. A body that runs on into the thread
      stops at its header; a body found only below the header is a reader's long comment,
      and the article is above the thread (read on its own), if there is one;
    - its headline, said again under the page's title line: the article begins there, and
      prose above it (a sidebar's blurbs, another story's teaser) is not the article, when
      the body goes on under the headline. When the model finds no article, or only a few
      lines of sidebar above the headline with a date or byline under it, the article is
      read under the headline (the model doubts a blog post copied below the blog's footer).

    ``label`` reads a part of the page on its own (probabilities and states)."""
    inside = np.flatnonzero(states == IN)
    thread = thread_start(blocks)
    if len(inside) and thread and inside[0] >= thread:
        above_probs, above = label(blocks[:thread])
        if any(is_sentence(blocks[i].text) for i in np.flatnonzero(above == IN)):
            probs, states = probs.copy(), np.full(len(blocks), POST)
            probs[:thread], states[:thread] = above_probs, above
            inside = np.flatnonzero(states == IN)
    elif (
        len(inside)
        and thread
        and inside[0] < thread <= inside[-1]
        and sum(len(blocks[i].text.split()) for i in inside if i < thread) >= THREAD_BODY_WORDS
    ):
        states = states.copy()
        states[thread:] = POST
        inside = inside[inside < thread]
    echo = headline_echo(blocks)
    if echo is None:
        return probs, states
    body = [len(blocks[i].text.split()) for i in inside]
    under = sum(n for i, n in zip(inside, body, strict=True) if i > echo)
    if len(inside) and inside[0] < echo and under >= ECHO_BODY_WORDS:
        states = states.copy()
        states[:echo] = PRE
    elif not len(inside) or (
        inside[-1] <= echo and sum(body) < ECHO_BODY_WORDS and _dated(blocks[echo + 1 : echo + 3])
    ):
        # the model found no article, or a few lines of sidebar above a dated headline: the
        # article is under that headline, where the model doubted it (below a blog's footer)
        under_probs, under = label(blocks[echo:])
        if not (under == IN).any():
            under = under_echo(blocks[echo:])
        if any(is_sentence(blocks[echo + i].text) for i in np.flatnonzero(under == IN)):
            probs, states = probs.copy(), np.full(len(blocks), PRE)
            probs[echo:], states[echo:] = under_probs, under
    return probs, states


def _dated(blocks: list[Block]) -> bool:
    """A short line giving a date or a byline: what stands under an article's headline."""
    return any(
        len(b.text.split()) <= LEAD_WORDS and (find_date(b.text) is not None or parse_byline(b.text) is not None)
        for b in blocks
    )


def under_echo(blocks: list[Block]) -> np.ndarray:
    """The article under its echoed headline (``blocks[0]``) when the model takes none of
    it: the sentences there, and the short lines between them (a date, a subheading), up to
    the first line of furniture, a byline or a row of links."""
    states = np.full(len(blocks), PRE)
    read = []
    for i in range(1, len(blocks)):
        text = blocks[i].text
        short = len(text.split()) <= LEAD_WORDS
        byline = parse_byline(text) is not None
        credit = byline or (short and find_date(text) is not None)
        if credit and not read:
            continue  # the byline and the date under the headline
        furniture = F.is_furniture(text)
        if byline or (furniture and not credit):
            break  # a signature ("Posted by ..."), a share row, a footer
        if is_sentence(text) and not furniture:
            read.append(i)
        elif not short or (read and i - read[-1] > 1):
            break  # a row of links, or two short lines in a row: a subheading is one
    if read:
        states[read[0] : read[-1] + 1] = GAP
        states[read] = IN
        states[read[-1] + 1 :] = POST
    return states


# A blog post's own footer: "Posted by Ann at 11:56 PM", "Posted by Ann on 20 Oct 2012", "This
# entry was posted on ...". Not a tag line ("Filed under: Recipes"): on today's pages teasers
# and promos come before it.
POST_FOOTER = re.compile(r"^(?:posted\s+by\s+\S.{0,40}?\s(?:at|on)\s+\S|this\s+entry\s+was\s+posted\s)", re.IGNORECASE)
TO_FOOTER = 6  # lines from the body's last paragraph to its footer, at most


def to_footer(blocks: list[Block], states: np.ndarray) -> np.ndarray:
    """A blog post runs to its own footer ("Posted by Ann at 11:56 PM"): the sentences
    between the body's last paragraph and the footer are the post's last paragraphs,
    however little the model thinks of them."""
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    end = int(inside[-1])
    for j in range(end + 1, min(end + 1 + TO_FOOTER, len(blocks))):
        text = blocks[j].text
        if POST_FOOTER.match(text) and len(text.split()) <= 30:
            out = states.copy()
            out[end + 1 : j] = IN
            return out
        if not is_prose(text):
            break
    return states


SPLIT_WITHIN = 60  # lines of sidebar between an article's first paragraphs and the rest, at most
SPLIT_WORDS = 40  # of those first paragraphs, at least
SPLIT_AT = 0.5  # the model's least mean chance of body for them


def split_start(blocks: list[Block], probs: np.ndarray, states: np.ndarray) -> np.ndarray:
    """An article's first paragraphs, under its headline, byline or date, and above a long
    sidebar (videos, related links) that the rest of the article comes after: the decoder
    takes the longer part only. They are read when nothing between them and the body is
    prose the model believes or another headline."""
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    start = int(inside[0])
    end = start - 1  # the first paragraphs' last line, looking up from the body
    while end >= 0 and start - end <= SPLIT_WITHIN and not _first_part(blocks, probs, end):
        text = blocks[end].text
        if probs[end, T] >= 0.5 or (probs[end, B] >= 0.3 and len(text.split()) >= 15):
            return states  # another article's headline, or prose the decoder chose to leave out
        end -= 1
    if end < 0 or start - end > SPLIT_WITHIN or start - end < 2:
        return states
    top = end
    while top > 0 and _first_part(blocks, probs, top - 1):
        top -= 1
    above = slice(max(0, top - 2), top)  # its headline, byline or date
    head = probs[above, T] + probs[above, A] + probs[above, D]
    run = range(top, end + 1)
    if (
        not len(head)
        or head.max() < 0.5
        or len(run) < 2
        or sum(len(blocks[i].text.split()) for i in run) < SPLIT_WORDS
        or np.mean([probs[i, B] for i in run]) < SPLIT_AT
    ):
        return states
    out = states.copy()
    out[top : end + 1] = IN
    out[end + 1 : start] = GAP
    return out


def _first_part(blocks: list[Block], probs: np.ndarray, i: int) -> bool:
    text = blocks[i].text
    return is_sentence(text) and len(text.split()) >= LEAD_WORDS and probs[i, B] >= 0.3 and not F.is_furniture(text)


# A paragraph above one short line over the body: the model's least chance of body for it, and
# its least words (a photo's caption over its credit is a short sentence).
OVER_AT, OVER_WORDS, OVER_LINE = 0.5, 20, 10


def lead_over_line(blocks: list[Block], probs: np.ndarray, states: np.ndarray) -> np.ndarray:
    """The article's first paragraph, above one short line (the part's subheading, a photo's
    short caption) over the rest of the body, when the model thinks it body too."""
    i = _above_body(states)
    if i is None:
        return states
    line, text = blocks[i].text, blocks[i - 1].text
    if (
        len(line.split()) > OVER_LINE
        or TERMINAL.search(line)
        or parse_byline(line) is not None
        or probs[i - 1, B] < OVER_AT
        or len(text.split()) < OVER_WORDS
        or not _could_lead(text)
    ):
        return states
    out = states.copy()
    out[i - 1], out[i] = IN, GAP
    return out


def _above_body(states: np.ndarray) -> int | None:
    """The line straight above the body's first paragraph, when another line is above it."""
    inside = np.flatnonzero(states == IN)
    return int(inside[0]) - 1 if len(inside) and inside[0] >= 2 else None


def _could_lead(text: str) -> bool:
    """A sentence that could open the article: not furniture, a byline or a photo's caption."""
    return is_prose(text) and not FILE_PHOTO.search(text)


def lead_under_head(blocks: list[Block], probs: np.ndarray, states: np.ndarray) -> np.ndarray:
    """The sentence straight above the body and straight under its headline, byline or date
    is the article's lead, however much the model doubts it ("Chelsea are hoping to complete
    the signing ... in time for this weekend's match."), unless it is furniture, a byline or
    a photo's caption."""
    i = _above_body(states)
    if i is None:
        return states
    text, above = blocks[i].text, blocks[i - 1].text
    if (
        len(text.split()) < LEAD_WORDS
        or probs[i, B] < LEAD_AT
        or not TERMINAL.search(text)
        or not _could_lead(text)
        or F.is_caption(above)
    ):
        return states
    head = probs[i - 1, T] + probs[i - 1, A] + probs[i - 1, D] >= 0.5
    if not (head or (len(above.split()) <= 8 and find_date(above) is not None)):
        return states
    out = states.copy()
    out[i] = IN
    return out
