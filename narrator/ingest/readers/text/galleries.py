"""A photo gallery copied as text: one caption a photo, then the gallery's title once a
thumbnail. The captions read as prose, so the gallery is taken out before the article is
looked for; the body on either side of it then reads as one."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from ... import furniture as F
from .blocks import Block
from .decoder import GAP, IN, POST, PRE
from .model import ruled_out

TITLE_REPEATS = 6  # a gallery's title said this many times in a row, at least
TITLE_WORDS = (2, 8)
# The gallery's own tools after its thumbnails: "HIDE CAPTION", "<<", "<", a number a photo
# ("1" ... "66"), ">", ">>", "Photos: <its title>".
_TOOLS = re.compile(r"^(?:\d{1,3}|[<>«»‹›]{1,2}|(?:hide|show)\s+captions?|previous|next|photos?:\s.{1,80})$", re.I)


CAPTION_RUN = 3  # captions in a row, at least, for a slideshow set inside the body
# A slideshow's title run into its counter ("Inside the cottage1 of 8") and its buttons
# ("PreviousNextView gallery", "View gallery").
_COUNTED = re.compile(r"\D\s?\d{1,3}\s?(?:of|/)\s?\d{1,3}$")
_BUTTONS = re.compile(r"^(?:previous|prev|next|view\s(?:the\s)?gallery|\s)+$", re.I)


def _slideshows(blocks: list[Block]) -> np.ndarray:
    """The lines of every slideshow copied inline: three or more captions in a row (each with
    its credit), with its title and counter above them and its buttons below, if it has them."""
    out = np.zeros(len(blocks), dtype=bool)
    captions = [F.is_caption(b.text) for b in blocks]
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and captions[j]:
            j += 1
        if j - i >= CAPTION_RUN:
            lo = i - 1 if i and _COUNTED.search(blocks[i - 1].text) and len(blocks[i - 1].text.split()) <= 15 else i
            hi = j + 1 if j < n and _BUTTONS.match(blocks[j].text.strip()) else j
            out[lo:hi] = True
        i = max(j, i + 1)
    return out


def gallery_lines(blocks: list[Block]) -> np.ndarray:
    """The lines of every gallery: a run of the same short line said again and again (its
    title under each thumbnail), as many lines above it (a caption for each photo), and its
    tools below it (arrows, a number a photo); and every slideshow of captions."""
    out = _slideshows(blocks)
    lo, hi = TITLE_WORDS
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and blocks[j].text == blocks[i].text and lo <= len(blocks[j].text.split()) <= hi:
            j += 1
        if j - i >= TITLE_REPEATS:
            shown = j - i
            while j < n and _TOOLS.match(blocks[j].text.strip()):
                j += 1
            out[max(0, i - shown) : j] = True
            i = j
        else:
            i += 1
    return out


def without_galleries(
    blocks: list[Block], read: Callable[[list[Block]], tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray]:
    """``read`` (probabilities and states) over the page with its galleries taken out; a
    gallery's lines are then out of the body, or a gap inside it."""
    shown = gallery_lines(blocks)
    if not shown.any():
        return read(blocks)
    kept = np.flatnonzero(~shown)
    probs, states = read([blocks[i] for i in kept])
    all_probs = np.zeros((len(blocks), probs.shape[1]))
    all_probs[kept] = probs
    all_probs = ruled_out(all_probs, shown)
    all_states = np.full(len(blocks), PRE)
    all_states[kept] = states
    inside = np.flatnonzero(all_states == IN)
    for i in np.flatnonzero(shown):
        if len(inside) and i > inside[0]:
            all_states[i] = GAP if i < inside[-1] else POST
    return all_probs, all_states
