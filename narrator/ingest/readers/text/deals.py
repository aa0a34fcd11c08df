"""A deals round-up in copied text: each product card is its name, its price line ("Was $1,099
Now $849"), a few sentences about it and a shop button ("Buy at Voltmart"). The model reads the
names and prices as the body's, but often takes the sentences, set over a button, for a promo's."""

from __future__ import annotations

import re

import numpy as np

from .blocks import Block
from .decoder import IN
from .features import price_line
from .lists import is_prose, is_short_head

# A card's button: "Buy at Voltmart", "Shop now at ...", "View Deal", "Check price", "See it on ..."
_BUTTON = re.compile(
    r"^(?:(?:buy|shop)(?:\snow)?\s(?:at|on|from)\s|(?:view|see|get)\s(?:the\s)?(?:deal|offer|price)s?\b|"
    r"check\sprice|see\sit\s(?:at|on)\s)",
    re.IGNORECASE,
)
BUTTON_WORDS = 8
CARD_LINES = 2  # the sentences about a product, between its price line and its button
NAME_WORDS = 12


def is_button(text: str) -> bool:
    return len(text.split()) <= BUTTON_WORDS and bool(_BUTTON.match(text.strip()))


def deal_cards(blocks: list[Block], states: np.ndarray) -> np.ndarray:
    """The rest of a product card whose price line the body reads: up to two prose lines
    between the price and the card's shop button, and the product's name over the price
    when the card above ends in its button."""
    out = states.copy()
    for i, block in enumerate(blocks):
        if states[i] != IN or not price_line(block.text):
            continue
        j = i + 1
        while j < len(blocks) and j - i <= CARD_LINES and states[j] != IN and is_prose(blocks[j].text):
            j += 1
        if not (j < len(blocks) and is_button(blocks[j].text)):
            continue
        out[i + 1 : j] = IN
        if i >= 2 and is_button(blocks[i - 2].text) and is_short_head(blocks[i - 1].text, NAME_WORDS):
            out[i - 1] = IN
    return out
