"""Copied text: a recipe is read whole, its introduction, its ingredients (short lines with
no full stop, which look like a page's furniture) and its method, not only the method's
sentences."""

from __future__ import annotations

from narrator.ingest.readers.text import read_text

TOP = """Skip to content
The Kitchen Table
Food
Recipes
Drink
Restaurants
Subscribe
Lentil and leek soup with a crisp onion top
By Ines Harrow
Published October 3, 2022
Share this article
Email
Pinterest
A bowl of lentil soup on a wooden table. Ines Harrow / The Kitchen Table
"""
INTRO = (
    "This is the soup I make on the first cold Sunday of the year, when the leeks at the market are fat "
    "and cheap and nobody wants to go out again after lunch."
)
INGREDIENTS = [
    "2 large leeks, sliced",
    "250g red lentils, rinsed",
    "1 litre vegetable stock",
    "2 tbsp butter",
    "1 onion, for the topping",
    "a squeeze of lemon",
]
METHOD = [
    "Melt the butter in a large pan and cook the leeks gently for ten minutes, until they are soft but not brown.",
    "Add the lentils and the stock, bring to the boil and simmer for twenty minutes, stirring now and then so "
    "nothing sticks.",
    "Meanwhile slice the onion very thinly and fry it in a little oil until crisp. Season the soup, add the "
    "lemon and serve with the onion on top.",
]
FOOT = """Filed under
Soups
Vegetarian
More from Food
The best bread knives, tested
Ten dinners for the week ahead
© 2022 The Kitchen Table. All rights reserved.
"""


def test_a_recipe_is_read_with_its_introduction_and_its_ingredients():
    page = TOP + "\n".join([INTRO, "Ingredients", "ADVERTISEMENT", *INGREDIENTS, "Method", "ADVERTISEMENT", *METHOD])
    paragraphs = [p for s in read_text(page + "\n" + FOOT).sections for p in s.paragraphs]
    assert paragraphs[0] == INTRO
    assert all(item in paragraphs for item in INGREDIENTS)
    assert paragraphs[-3:] == METHOD
