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


def test_recipe_cards_under_a_post_are_read_with_their_titles_lists_and_steps():
    """A food blog's post, then a card for each dish it mentions: each card's title,
    ingredients and steps are read; its times line, its "Print" tool and the signature
    between cards are not."""
    post = [
        "The new season of the show starts on Thursday, and the first episode is all about a rainy Sunday lunch.",
        "Here are the two recipes from it. The soup takes an hour and the crumble even less, so you can make both.",
        "Hope you enjoy them!",
    ]
    soup = ["Ingredients", "2 large leeks, sliced", "250g red lentils", "1 litre stock", "Preparation Instructions",
            "Cook the leeks in butter for ten minutes, until soft.",
            "Add the lentils and stock and simmer for twenty minutes."]  # fmt: skip
    crumble = ["Ingredients", "4 apples", "100g oats", "80g butter", "Method",
               "Slice the apples into a dish and rub the oats into the butter.",
               "Scatter the oats over the apples and bake for thirty minutes."]  # fmt: skip
    page = "\n".join([
        "Sunday lunch, twice over | Hal's Kitchen", "Home", "Recipes", "About",
        "Sunday lunch, twice over", "14 Comments Print Recipe Posted by Hal in All Recipes", *post,
        "Recipe: Leek and Lentil Soup", "Prep Time: 15 Minutes | Cook Time: 45 Minutes | Servings: 4", *soup,
        "Posted by Hal on March 3 2021", "Recipe: Apple Crumble", "Prep Time: 10 Minutes | Cook Time: 30 Minutes",
        *crumble, "Posted by Hal on October 9 2020", "14 Comments", "Ann said...", "Made the soup, lovely!",
    ])  # fmt: skip
    body = [p for s in read_text(page).sections for p in (*([s.title] if s.title else []), *s.paragraphs)]
    said = "\n".join(body)
    for line in [*post, "Leek and Lentil Soup", "Apple Crumble", *soup[1:4], *soup[5:], *crumble[1:4], *crumble[5:]]:
        assert line in said, line
    assert "Prep Time" not in said and "Posted by" not in said and "lovely" not in said
