"""Copied text of a live blog: every post is read, newest first as the page has them, with its
time and heading over its sentences, and not its byline, share tools or the ads between posts;
a cookie banner above the page is never the article. A page written for this test."""

from __future__ import annotations

import pytest

from narrator.ingest import furniture as F
from narrator.ingest.readers.text import read_text
from narrator.ingest.readers.text.live import post_time

TOP = [
    (
        "We and our partners use cookies to personalise ads and content and to measure how you use our site. You"
        " can change your choices at any time in Privacy Settings."
    ),
    "ACCEPTMORE OPTIONS", "The Valley Herald", "Subscribe", "Log in", "News", "Sport", "Business", "Weather",
    "Advertisement", "LIVE", "Flood warnings live: River Alder expected to peak overnight as rain continues",
    "By Priya Lane and Tom Ashdown", "Updated 9:40 p.m. ET", "ShareTweetEmail",
]  # fmt: skip
# (time, byline, heading, sentences): short posts the model doubts on their own
POSTS = [
    ("9:40 p.m. ET", "By Priya Lane", "Sandbags run out in Millford", [
        "The council says it has handed out its last sandbags in Millford and is asking residents to use bags of"
        " soil or garden waste instead.",
        "More deliveries are expected at first light.",
    ]),
    ("8:55 p.m. ET", "By Tom Ashdown", "River level rises another foot", [
        "The gauge at Alder Bridge read 14.2 feet at 8:30 p.m., up a foot since the afternoon.",
        "Forecasters expect it to peak at about 16 feet shortly after 3 a.m.",
    ]),
    ("8:10 p.m. ET", "By Priya Lane", "School closed tomorrow", [
        "Alder Valley High School will be closed on Tuesday, the district said.",
        "No other schools are affected.",
    ]),
    ("7:30 p.m. ET", "By Tom Ashdown", "Good evening", [
        "Good evening and welcome to our live coverage of the flooding along the River Alder.",
        "We will bring you updates through the night.",
    ]),
]  # fmt: skip
FOOT = [
    "Load more updates", "Topics", "Flooding", "Weather", "Comments", "Join the conversation.", "Trending",
    "Map shows where roads are closed tonight", "About Us", "Contact Us", "Privacy Policy", "© 2021 The Valley Herald",
]  # fmt: skip


def test_every_post_of_a_live_blog_is_read_under_its_time_and_heading() -> None:
    lines = list(TOP)
    for time, byline, heading, sentences in POSTS:
        lines += [time, byline, heading, *sentences, "Copy linkShareTweet", "Advertisement"]
    article = read_text("\n".join([*lines, *FOOT]))
    read = [(section.title, list(section.paragraphs)) for section in article.sections]
    assert read == [(f"{time}. {heading}", sentences) for time, _, heading, sentences in POSTS]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("7.15pm", True), ("6:47 p.m. ET By Marcus Trent", True), ("10:52", True),
     ("6:47 p.m. ET By the river, crowds gathered", False), ("The 7.15pm train was cancelled.", False)],
)  # fmt: skip
def test_a_post_time_is_a_clock_perhaps_with_its_author(line: str, expected: bool) -> None:
    assert post_time(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "We use cookies to improve your experience on our site. By continuing, you agree to our use of cookies.",
            True,
        ),
        ("This site and our partners rely on cookies to measure traffic and tailor the ads you see.", True),
        ("The regulator said the site used cookies to track users across other websites without consent.", False),
        ("Bake the cookies for 12 minutes, until the edges are golden.", False),
    ],
)
def test_a_cookie_banner_is_furniture_a_report_about_cookies_is_not(line: str, expected: bool) -> None:
    assert F.is_cookie_notice(line) is expected
