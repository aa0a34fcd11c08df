"""How the body is carried past what interrupts it in copied text: on past its last paragraph
(across ads, captions, embedded posts, players, sign-up boxes, a headed list), back above its
first, through closing sentences the model doubts, and over lone sentences in its gaps. Each
rule reads on only where known furniture, not the model's doubt alone, stands between."""

from __future__ import annotations

import numpy as np

from ... import furniture as F
from ...bylines import parse_byline
from .blocks import Block
from .bounds import FILE_PHOTO
from .comments import is_thread_head
from .decoder import GAP, IN
from .features import TERMINAL, is_related_head, tokens
from .lists import after_headed_list, is_sentence, is_short_head, opens_list
from .model import B, H

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


LONE_WORDS = 12  # a sentence of the story, not a label, a teaser's headline or a credit


def lone_sentences(
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


def continue_body(
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
        heading = j + 1 < n and (subheading(blocks[j], probs[j]) or (timed and is_short_head(blocks[j].text, 12)))
        # (a short line the model is sure of interrupts, but not a sentence that opens a list)
        heading = heading and (not furniture[j + 1] or opens_list(blocks[j + 1].text))
        k = j + 1 if heading else j  # a subheading over the next part: read with it
        part = None if heading or j >= n else _headed_part(blocks, i, j, pitch | clock | signed)
        if part:  # or a heading over a list (a how-to's steps), read with the sentence after it
            j, k = part
        # The story goes on below an embedded post (set inside a body, not after it), a video
        # player ("Video Loading", "Click to play"), a small sign-up box with a full paragraph
        # after it (not the form's own messages) and a headed list, however little the model
        # thinks of the next sentence; once it has gone on past one, past plain ads under it too.
        boxed = pitch[i:j].any() and j - i <= 4 and k < n and len(blocks[k].text.split()) >= BOXED_WORDS
        player = any(F.is_player(blocks[m].text) for m in range(i, j))
        low = low or signed[i:j].any() or boxed or bool(part) or player
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


def _headed_part(blocks: list[Block], i: int, j: int, marked: np.ndarray) -> tuple[int, int] | None:
    """Where a part that is a heading over a list begins (at ``j``, or one or two lines before
    it: the model may be sure of the heading and the first step, so they can be the last lines
    crossed from ``i``, after the last known furniture or ``marked`` line) and where the sentence
    after its list is."""
    h = j
    while h > max(i, j - 2) and not (F.is_furniture(blocks[h - 1].text) or marked[h - 1]):
        h -= 1
    for start in range(h, j + 1):
        if start < j and F.has_prompt_words(blocks[start].text):
            continue  # "Advertisement - scroll for more content" heads nothing
        if start and (F.is_teaser_label(blocks[start - 1].text) or is_related_head(blocks[start - 1].text)):
            continue  # under "More stories", a headline over headlines
        end = after_headed_list(blocks, start)
        if end is not None:
            return start, end
    return None


def subheading(block: Block, p: np.ndarray) -> bool:
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


def continue_back(
    blocks: list[Block], probs: np.ndarray, states: np.ndarray, furniture: np.ndarray, pitch: np.ndarray
) -> np.ndarray:
    """The body also goes back past its first paragraph, to likely body sentences (the same
    test as :func:`continue_body`) right above it or above known furniture that cuts it there (a
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


def run_on(blocks: list[Block], probs: np.ndarray, states: np.ndarray, furniture: np.ndarray) -> np.ndarray:
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
    while j < len(blocks):
        text = blocks[j].text
        opens = opens_list(text)  # a sentence that opens a list, even one the model is sure of
        if (
            (furniture[j] and not opens)
            or len(text.split()) > RUN_ON_WORDS
            or probs[j, B] + probs[j, H] < RUN_ON_AT
            or not (opens or (TERMINAL.search(text) and is_sentence(text)))
            or parse_byline(text) is not None
        ):
            break
        states[j] = IN
        j += 1
    return states
