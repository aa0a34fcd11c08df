"""Copied text of a story with a slideshow set inside it (its title run into its counter, a
caption with a credit a photo, its buttons) after a sign-up box: the slideshow is taken out
before the article is looked for, and the body reads as one on either side of it. A page
written for this test."""

from __future__ import annotations

from narrator.ingest.readers.text import read_text, segment
from narrator.ingest.readers.text.galleries import gallery_lines

TOP = [
    "Skip to content",
    "Metro Daily",
    "News",
    "Lifestyle",
    "Property",
    "Advertisement",
    "Couple turn old water tower into a four-storey holiday home",
    "Jo Penrose",
    "Monday 14 Jun 2021 10:12 am",
    "Share this article via facebook",
]
B1 = [
    (
        "A couple who bought a disused water tower at auction have spent two years turning it into a"
        " four-storey holiday home."
    ),
    (
        "Sam and Leila Orr paid £60,000 for the brick tower on the edge of their village, which had"
        " stood empty since the 1970s."
    ),
    (
        "They did most of the work themselves at weekends, carrying every bag of plaster up a ladder"
        " before the stairs went in."
    ),
]
BOX = [
    "Get your need-to-know latest news, feel-good stories, analysis and more",
    "Sign up to our free daily newsletter.",
    "Sign up",
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
]
SHOW = [
    "Inside the water tower holiday home1 of 6",
    "The tower stands at the top of a lane on the edge of the village (Picture: SWNS)",
    "The kitchen was built into the old pump room (Picture: SWNS)",
    "One of the two bedrooms, with a round window (Picture: SWNS)",
    "The roof terrace looks out over three counties (Picture: Sam Orr)",
    "The spiral stair was made by a local blacksmith (Picture: SWNS)",
    "The tower at night (Picture: SWNS)",
    "PreviousNextView gallery",
]
B2 = [
    "The old tank room at the top has become a glass-roofed lounge with views across the valley.",
    "The tower is now let to holidaymakers from £180 a night and is booked up until next spring, the couple said.",
    "Leila said the only complaint so far was the number of stairs, which she tells guests is part of the charm.",
]
FOOT = [
    "MORE: Family turn old chapel into home with a pulpit in the kitchen",
    "Got a story? Get in touch by emailing us.",
    "Comment now",
    "Comments are now being moderated.",
    "Advertisement",
    "Trending",
]


def test_the_body_reads_on_across_a_slideshow_of_captions() -> None:
    page = "\n".join([*TOP, *B1, *BOX, *SHOW, *B2, *FOOT])
    assert list(read_text(page).paragraphs) == [*B1, *B2]


def test_a_slideshow_is_its_title_and_counter_its_captions_and_its_buttons() -> None:
    blocks = segment("\n".join([*B1, *SHOW, *B2]))
    assert list(gallery_lines(blocks)) == [False] * len(B1) + [True] * len(SHOW) + [False] * len(B2)


def test_two_captions_in_a_row_are_no_slideshow() -> None:
    blocks = segment("\n".join([*B1, *SHOW[1:3], *B2]))
    assert not gallery_lines(blocks).any()
