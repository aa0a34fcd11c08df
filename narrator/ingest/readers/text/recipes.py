"""Recipes in copied text, whose lists and steps the model takes for furniture: a recipe
whose body starts at its method, and recipe cards set under a post (a title, "Ingredients",
the items, "Method", the steps), one after another."""

from __future__ import annotations

import re

import numpy as np

from ... import furniture as F
from ...bylines import parse_byline
from .blocks import Block
from .decoder import GAP, IN
from .lists import is_item, is_prose, is_sentence, is_short_head
from .model import B

_INGREDIENTS = re.compile(r"^(?:ingredients|(?:what\s)?you(?:'ll|\swill)?\sneed)\W*$", re.IGNORECASE)
_METHOD = re.compile(
    r"^(?:preparation\s)?(?:method|instructions|directions|preparation|steps|how\sto\smake\sit)\W*$", re.IGNORECASE
)
RECIPE_LINES = 30  # between a recipe's "Ingredients" and its "Method", at most


def recipe(
    blocks: list[Block], probs: np.ndarray, states: np.ndarray, interruption: np.ndarray, at: float
) -> np.ndarray:
    """A recipe whose body starts at its method: its "Method" heading, the ingredients list
    under "Ingredients" above it (short lines the model takes for furniture), and the
    paragraph that introduces the dish, if the model thinks it body, are read too."""
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    k = int(inside[0]) - 1
    while k >= 0 and interruption[k]:
        k -= 1
    if k < 1 or not _METHOD.match(blocks[k].text.strip()):
        return states
    i = k - 1
    while i >= 0 and k - i <= RECIPE_LINES and not _INGREDIENTS.match(blocks[i].text.strip()):
        if not (interruption[i] or (is_item(blocks[i].text) and len(blocks[i].text.split()) <= 12)):
            return states
        i -= 1
    if i < 0 or not _INGREDIENTS.match(blocks[i].text.strip()):
        return states
    out = states.copy()
    out[i : k + 1] = np.where(interruption[i : k + 1], GAP, IN)
    j = i - 1
    while j >= 0 and interruption[j]:
        j -= 1
    if j >= 0 and is_sentence(blocks[j].text) and probs[j, B] >= at and not F.is_furniture(blocks[j].text):
        out[j + 1 : i] = GAP
        out[j] = IN
    return out


CARD_GAP = 6  # lines from the body (or the last card) to a card's "Ingredients", at most
TITLE_WORDS = 12


def recipe_cards(blocks: list[Block], states: np.ndarray) -> np.ndarray:
    """Recipe cards under a post ("Recipe: Chocolate Truffles", "Prep Time: ...",
    "Ingredients", the items, "Preparation Instructions", the steps) are read with it: each
    card's title, lists and steps, not its times or its "Print" tools. A card needs both
    headings and at least one step, so that a sidebar's "Ingredients" box is left alone."""
    inside = np.flatnonzero(states == IN)
    if not len(inside):
        return states
    out, n = states, len(blocks)
    i = int(inside[-1]) + 1
    while i < n:
        j = next((k for k in range(i, min(i + CARD_GAP, n)) if _INGREDIENTS.match(blocks[k].text.strip())), None)
        if j is None:
            break
        k = j + 1
        while k < n and k - j <= RECIPE_LINES and not _METHOD.match(blocks[k].text.strip()):
            if not (is_item(blocks[k].text) and len(blocks[k].text.split()) <= TITLE_WORDS):
                break
            k += 1
        if k >= n or not _METHOD.match(blocks[k].text.strip()):
            break
        m = k + 1
        while m < n and is_prose(blocks[m].text):
            m += 1
        if m == k + 1:
            break
        out = out.copy() if out is states else out
        out[i:j] = GAP
        title = next((t for t in range(j - 1, i - 1, -1) if _card_title(blocks[t].text)), None)
        if title is not None:
            out[title] = IN
        out[j:m] = IN
        i = m
    return out


def _card_title(text: str) -> bool:
    """A card's title: a short line with no full stop that is neither furniture nor a line
    of figures ("Prep Time: 2 Hours | Cook Time: 10 Minutes")."""
    return is_short_head(text, TITLE_WORDS) and "|" not in text and parse_byline(text) is None
