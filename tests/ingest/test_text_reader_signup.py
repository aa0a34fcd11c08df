"""Copied text with a newsletter sign-up box in the middle of the article: the box is left out
and the body goes on after it. Pages written for these tests."""

from __future__ import annotations

import pytest

from narrator.ingest.readers import text as R
from narrator.ingest.readers.text.features import is_pitch

HEAD = [
    "Skip to main content",
    "The Westmere Gazette",
    "News",
    "Business",
    "Sport",
    "Sign in",
    "Bakery chain to open forty shops across the north",
    "By Hannah Ellery",
    "Published 14 May 2019",
]
BEFORE = [
    (
        "A family-run bakery chain from Westmere will open forty new shops across the north over "
        "the next two years, creating about six hundred jobs."
    ),
    (
        "The company, which started with a single counter in the town's covered market in 1968, now"
        " runs eighty shops and two bakeries on the edge of town."
    ),
    (
        "Its chief executive said the growth had been paid for out of profits and a loan from a "
        "regional bank, and that no shop would be sold to franchise owners."
    ),
]
AFTER = [
    (
        "The first of the new shops will open in railway stations, where the company says morning "
        "trade has doubled since it began selling coffee three years ago."
    ),
    (
        "A third bakery, on the site of an old dairy, will supply the shops from next spring and "
        "will be the largest building on the industrial estate."
    ),
    (
        "Union officials welcomed the plans but said they would press for the new staff to be paid "
        "the same rates as those in the existing shops."
    ),
]
FOOT = [
    "Share",
    "Facebook",
    "Email",
    "Most read",
    "Council confirms date for summer road closures",
    "About us",
    "Privacy policy",
    "© 2019 The Westmere Gazette",
]
BOXES = {
    "heading, pitch, field, button": [
        "Sign up to First Edition",
        "Get the day's top business stories sent to your inbox every weekday morning.",
        "Email address",
        "Sign up",
    ],
    "two-sentence pitch and small print": [
        "Enjoying this article?",
        (
            "Our free newsletter brings you the week's biggest local stories. It takes a minute to read"
            " and we will never share your details."
        ),
        "Enter your email",
        "Subscribe",
        "You can unsubscribe at any time.",
    ],
    "a whole box: name, pitch, reader count, form, thanks, small print": [
        "Newsletter sign-up",
        "Inside Politics",
        "Your weekly guide to the best of politics, every Friday in your inbox.",
        "Join 40,000 readers who get it every week.",
        "Enter your email address",
        "Sign me up",
        "Thank you for subscribing!",
        "By signing up, you agree to our terms of use and privacy policy.",
        "See all newsletters",
    ],
    "pitch alone": [
        "Want stories like this in your inbox? Sign up for our daily newsletter, it's free.",
    ],
}


@pytest.mark.parametrize("after", [AFTER, AFTER[:1]], ids=["three paragraphs after", "one paragraph after"])
@pytest.mark.parametrize("box", BOXES.values(), ids=list(BOXES))
def test_a_sign_up_box_inside_the_body_is_left_out_and_the_body_read_past_it(box: list[str], after: list[str]) -> None:
    page = "\n".join([*HEAD, *BEFORE, *box, *after, *FOOT])
    assert list(R.read_text(page).paragraphs) == [*BEFORE, *after]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Get the day's top stories sent to your inbox every Monday.", True),
        ("Sign up", True),
        ("Subscribe to our RSS feed to get new posts as soon as they are published.", True),
        ("Sprint had a net gain of 500,000 subscribers in the quarter.", False),
        ("The council asked residents to sign up for the scheme by the end of May.", False),
    ],
)
def test_a_pitch_speaks_to_the_reader_a_report_of_a_sign_up_scheme_does_not(line: str, expected: bool) -> None:
    assert is_pitch(line) is expected
