"""Copied text with a newsletter sign-up box in the middle of the article: the box is left out
and the body goes on after it. Pages written for these tests."""

from __future__ import annotations

import pytest

from narrator.ingest.readers import text as R
from narrator.ingest.readers.text.pitches import is_pitch

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


# A celebrity story as a magazine site copies: an embedded post, a "RELATED:" line, an inline
# gallery (its label glued to its title, a credit a photo, a counter), then a sign-up box with
# another embedded post under the paragraph after it. That post makes the model doubt the
# paragraph between; the box is small and a full paragraph follows it, so the body goes on.
MAGAZINE_HEAD = [
    "Menu", "Subscribe", "Search", "Celebrity", "TV", "Music", "Advertisement", "Music › Tours",
    "Singer Maren Lowe Adds Twelve Dates to Her Farewell Tour: 'One More Lap'",
    "The folk singer, 61, told fans on Thursday that the extra shows take her back to the halls where she started",
    "By Tobias Wren", "October 2, 2020 09:15 AM", "FacebookTweetPinEmail", "Maren Lowe Credit: Dana Pike/Getty Images",
]  # fmt: skip
MAGAZINE_BODY = [
    "Maren Lowe is not done saying goodbye just yet.",
    (
        "The folk singer, 61, announced on Thursday that she has added twelve more dates to her farewell tour, most"
        " of them in the small clubs where she played her first shows."
    ),
    (
        "“One more lap,” Lowe wrote on Instagram. “See you in the small rooms, where it all started for me and the"
        " band.”"
    ),
    (
        "Her longtime guitarist, Hal Brody, shared the news too, posting a photo of the pair on stage in 1984 with"
        " the caption “Here we go again.”"
    ),
    (
        "Lowe first said the tour would be her last in an interview last spring, explaining that four decades of"
        " driving between towns had worn her down."
    ),
    (
        "The new dates begin in March and end with two nights in her home town in early June, where tickets will be"
        " sold only at the box office to keep them out of the hands of resellers."
    ),
    "Lowe said she has no plans after the last show beyond “a long sleep and a lot of gardening.”",
]
MAGAZINE_INSERTS = [
    [],
    ["View this post on Instagram", "One more lap. See you in the small rooms. 🎸",
     "A post shared by Maren Lowe (@marenlowe) on Oct 1, 2020 at 6:02pm PDT"],
    ["RELATED: Maren Lowe Says Her Farewell Tour Will Be Her Last: 'My Knees Have Spoken'"],
    ["GalleryStars Who Said Goodbye to the Road", "Maren LoweCredit: Instagram", "Joel VanceCredit: Instagram",
     "The Carvers Credit: Instagram", "View All 18", "1 of 18"],
    ["Don't miss a thing! Get the biggest music news and exclusive interviews delivered free to your inbox every day.",
     "Sign Up"],
    ["View this post on Instagram", "Small rooms, big hearts. Thank you all.",
     "A post shared by Hal Brody (@halbrody) on Oct 1, 2020 at 7:40pm PDT"],
]  # fmt: skip
MAGAZINE_FOOT = ["Related Video", "Stars Who Said Goodbye to the Road This Year", "About Us", "Privacy Policy",
                 "© 2020 Tune Weekly"]  # fmt: skip


def test_a_magazine_story_is_read_past_its_gallery_sign_up_box_and_embedded_posts() -> None:
    body = [MAGAZINE_BODY[0]]
    for insert, paragraph in zip(MAGAZINE_INSERTS, MAGAZINE_BODY[1:], strict=True):
        body += [*insert, paragraph]
    page = "\n".join([*MAGAZINE_HEAD, *body, *MAGAZINE_FOOT])
    assert list(R.read_text(page).paragraphs) == MAGAZINE_BODY
