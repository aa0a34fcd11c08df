"""Copied text of a short blog post: paragraphs that speak to the reader ("you", "we") are the post
too, to its last line, and the comments under it are not. Pages written for these tests."""

from __future__ import annotations

from narrator.ingest.readers import text as R

POST = [
    "We have been working on a new way to find walks near you, and today it is ready for everyone to try.",
    "Open the map, pick a town and choose how far you want to go. The planner suggests three routes, each with a "
    "short description, the height you will climb and where you can stop for a cup of tea on the way.",
    "It's easy to start: pick a route, save it to your phone and you can follow it even when you have no signal "
    "in the hills.",
    "If you spot a path that is closed or a stile that has fallen down, tell us and we will fix the route for "
    "the next person.",
    "We can't wait to see where you go!",
]
PAGE = "\n".join(
    [
        "Fellside Maps Blog: A planner for your next walk",
        "skip to main | skip to sidebar",
        "A planner for your next walk",
        "Thursday, May 12, 2011 9:14 AM",
        *POST,
        "Posted by Ruth Allard, Product Manager",
        "Permalink",
        "Labels: walking, maps, new features",
        "Newer Post Older Post Home",
        "Archives",
        "Archives May (2) April (1) March (3) February (1)",
        "Site Feed",
        "Want to tell us what you think?",
        "Visit our help forum.",
        "Copyright © 2011 Fellside Maps. All rights reserved.",
        "Privacy Policy | Terms of Service",
    ]
)

COMMENTED = "\n".join(
    [
        "Allotment Diary",
        "Home",
        "About",
        "Why I stopped digging my beds",
        "Posted on 3 March 2012 by Tom",
        "For years I turned over every bed each autumn, because that is what my grandfather did and what the "
        "books told me to do.",
        "Two winters ago I stopped. I covered the beds with compost and cardboard instead, and let the worms do "
        "the work for me.",
        "If you have heavy clay like mine, you will notice the difference by the second spring: the soil crumbles "
        "in your hand and the weeds pull out easily.",
        "Give it a go on one bed this year and let me know how you get on.",
        "12 comments",
        "Jenny P says:",
        "March 3, 2012 at 6:41 pm",
        "I have been doing this for three years and you are right, the soil is so much better now. Thanks for "
        "writing it up!",
        "Reply",
        "Mark says:",
        "March 4, 2012 at 8:02 am",
        "Do you find the cardboard brings slugs in? Mine was full of them by April and I lost all my lettuces.",
        "Reply",
        "Tom says:",
        "March 4, 2012 at 9:30 am",
        "A few, but the frogs seem to keep up with them. I would leave a gap around the edge of the bed.",
        "Reply",
        "Leave a Reply",
        "Your email address will not be published.",
    ]
)


def _body(text: str) -> list[str]:
    return [p for s in R.read_text(text).sections for p in s.paragraphs]


def test_a_short_posts_closing_paragraphs_that_speak_to_the_reader_are_read():
    assert _body(PAGE) == POST


def test_a_posts_closing_paragraphs_to_the_reader_are_read_and_its_comments_are_not():
    body = _body(COMMENTED)
    assert body[0].startswith("For years I turned over")
    assert body[-1] == "Give it a go on one bed this year and let me know how you get on."
    assert not any("slugs" in p or "frogs" in p or "Thanks for writing" in p for p in body)
