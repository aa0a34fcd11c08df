"""Copied text of a deals round-up: every product card's name, price and sentences about it are
read in order, and its shop button is not. A page written for this test."""

from __future__ import annotations

from narrator.ingest.readers.text import read_text
from narrator.ingest.readers.text.deals import is_button

TOP = [
    "Skip to main content", "Gadget Bench", "Reviews", "Best Picks", "Deals", "How To", "Phones", "Audio", "Search",
    "Deals", "Headphone deals", "The best headphone deals this week: Arlo Q5, Tern Buds and more",
    "By Wes Harlan", "published April 9, 2021", "Share on Facebook Share on Twitter Email Comments",
    "Headphone deals from Voltmart, ShopRiver and more. (Image credit: Gadget Bench)",
]  # fmt: skip
INTRO = [
    "Headphone prices have dropped sharply this month as retailers clear stock before the summer models arrive.",
    (
        "Every pair below has been tested by our team, and we only list deals that beat the lowest price we have"
        " seen in the past three months."
    ),
]
# (the heading over a group of cards, the product, its price, what we say of it, its button)
CARDS = [
    (
        "Best noise-cancelling deals", "Arlo Q5 wireless headphones", "Was $349 Now $249 Save $100",
        "The Q5 is our favourite noise-cancelling pair under $300, with a light headband, thirty hours of battery"
        " and controls that are easy to find by touch.",
        "Buy at Voltmart",
    ),
    (
        None, "Tern Studio Over-Ear", "Was $199 Now $139 Save $60",
        "A comfortable pair for long flights. The noise cancelling is a step behind the Q5, but the sound is"
        " warmer and the case is smaller.",
        "Buy at ShopRiver",
    ),
    (
        "Best earbud deals", "Tern Buds 2", "Was $129 Now $89 Save $40",
        "Small, light and water resistant, these are the buds we recommend for running. The app is basic but"
        " works well.",
        "Buy at Northgate Electronics",
    ),
    (
        None, "Pellum Air Pro", "Was $249 Now $199 Save $50",
        "Premium buds with excellent call quality and a case that charges on any wireless pad. They are pricey"
        " even on sale.",
        "Buy at Voltmart",
    ),
]  # fmt: skip
FOOT = [
    "The Gadget Bench newsletter", "Reviews, buying advice and the week's best deals, sent every Friday.",
    "Sign me up", "Related articles", "Best earbuds under $100", "Best running headphones", "About us",
    "Privacy policy", "© 2021 Gadget Bench",
]  # fmt: skip


def test_every_product_card_of_a_deals_round_up_is_read_name_price_and_description() -> None:
    lines = [*TOP, *INTRO]
    for head, *card, button in CARDS:
        lines += [*([head] if head else []), *card, button]
    article = read_text("\n".join([*lines, *FOOT]))
    # a card's name may be read as the heading over its price: it is said either way
    said = [line for section in article.sections for line in (section.title, *section.paragraphs) if line]
    expected = [*INTRO]
    for head, *card, _ in CARDS:
        expected += [*([head] if head else []), *card]
    assert said == expected


def test_a_shop_button_is_a_button_and_a_sentence_about_buying_is_not() -> None:
    assert is_button("Buy at Northgate Electronics")
    assert is_button("View Deal")
    assert not is_button("Buy at the market early, before the stalls run out of bread and the queues get long.")
    assert not is_button("Shoppers queued outside the store before dawn.")
