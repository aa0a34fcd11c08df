"""Furniture of today's pages that the line tests recognise: shop buttons, affiliate notes,
cookie consent and author footers that name the beat; prose that mentions the same words stays."""

from __future__ import annotations

import pytest

from narrator.ingest import furniture as F


@pytest.mark.parametrize(
    "line",
    [
        "View deal",
        "Check price",
        "Buy now",
        "Shop now",
        "Our journalists independently select products. If you buy through our links, we may earn a commission.",
        "Prices were accurate at the time of publishing but may change.",
        'By clicking "Accept all", you agree to the storing of cookies on your device to enhance site navigation.',
        "Zeno Farrant covers football for The Port Alder Observer. He joined the newsroom in 2016.",
    ],
)
def test_shop_buttons_affiliate_notes_cookie_consent_and_beat_footers_are_furniture(line: str) -> None:
    assert F.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council will buy now and sell later, the mayor said, once the market has settled.",
        "Shoppers who check prices online before they travel saved about a tenth, the survey found.",
        "Her team covers the whole coast for the rescue service, from the harbour to the cliffs.",
    ],
)
def test_prose_with_the_same_words_is_not_furniture(line: str) -> None:
    assert not F.is_furniture(line)
