"""Copied text whose last paragraph introduces a list with a colon: the list is the
article's, up to the page's own lists. A page written for this test."""

from __future__ import annotations

import numpy as np
import pytest

from narrator.ingest.readers.text import read_text, segment
from narrator.ingest.readers.text.carry import run_on
from narrator.ingest.readers.text.decoder import IN, POST
from narrator.ingest.readers.text.model import LABELS, OTHER, B

BODY = [
    "The next camera in the range will be announced in the autumn, two people who have seen it said this "
    "week, and it will replace a model that has sold well since its launch three years ago.",
    "The new camera will differ from the old one in a handful of ways that matter to most buyers:",
]
ITEMS = [
    "It will use the same 24-megapixel sensor",
    "A faster processor, as in the larger model",
    "ISO range: 100 to 6,400, expandable to 25,600",
    "Continuous shooting at five frames a second",
    "A screen that swings out and turns",
]
PAGE = "\n".join([
    "Next camera due in the autumn | Lens Rumours",
    "Lens Rumours",
    "Home", "Cameras", "Lenses",
    "Next camera due in the autumn",
    *BODY,
    *ITEMS,
    "Related posts:",
    "More on the wireless features of the last model",
    "Some fresh rumours about the flagship",
    "Share this:",
])  # fmt: skip


def test_a_list_the_last_paragraph_introduces_is_read_and_the_related_posts_are_not():
    said = "\n".join(p for s in read_text(PAGE).sections for p in s.paragraphs)
    for line in BODY + ITEMS:
        assert line in said
    assert "wireless features" not in said and "Related posts" not in said


@pytest.mark.parametrize(
    "opener", ["Latest in Cameras:", "If you enjoyed this article, you may also like these stories from our team:"]
)
def test_a_line_that_opens_the_page_own_list_after_the_body_opens_no_list(opener):
    page = PAGE.replace(BODY[1], opener)
    said = "\n".join(p for s in read_text(page).sections for p in s.paragraphs)
    assert not any(item in said for item in ITEMS)


def test_a_list_the_last_paragraph_says_follows_is_read():
    page = PAGE.replace(BODY[1], "The changes are as follows.")
    said = "\n".join(p for s in read_text(page).sections for p in s.paragraphs)
    assert all(item in said for item in ITEMS)


# A news site's report that ends in a "What happens next?" part: a sentence introducing a list,
# its items, then two sentences, all after the model has given up on the body (a question for
# a heading, a list with no full stops). The sentence that introduces the list runs on from the
# body; its items, and the sentences after them, are read up to the share row.
CLOSING_TOP = [
    "Skip to content", "Accessibility Help", "Home", "News", "Sport", "Weather", "More", "Search", "NEWS", "Home",
    "UK", "World", "Business", "Politics", "Scotland", "Local News", "Highlands",
    "Ferry route to stay after islanders win appeal", "12 April 2019",
    "Share this with", "Share this with Email", "Share this with Facebook", "Share this with Twitter",
    "Image copyrightAnna Keir", "Image captionIslanders gathered at the pier before the hearing",
]  # fmt: skip
CLOSING_BODY = [
    (
        "A ferry route that islanders feared would be cut will keep running all year after an appeal panel"
        " overturned the operator's plan."
    ),
    "The crossing, which carries about 90,000 passengers a year, was due to run only in summer from next April.",
    "But the panel ruled on Thursday that the operator had not properly consulted the island's 400 residents.",
    "Residents said they were delighted but would keep watching the timetable closely.",
]
CLOSING_CAPTION = ["Image copyrightHighland Council", "Image captionThe pier was rebuilt in 2009"]
CLOSING_BODY2 = [
    (
        "The operator had argued that winter sailings ran almost empty and that the money would be better spent"
        " on newer boats for its busier routes."
    ),
    "It said it accepted the ruling and would meet islanders next month.",
]
CLOSING_HEAD = "What happens next?"
CLOSING_INTRO = "Under the ruling, the operator says it will:"
CLOSING_ITEMS = [
    "keep two sailings a day through the winter",
    "publish next year's timetable by the end of June",
    "set up a users' group that meets twice a year",
    "look again at fares for island residents",
]
CLOSING_LINES = [
    (
        "The islands' community council welcomed the decision and called for the same guarantee on the other two"
        " routes the company runs."
    ),
    "The Scottish government said ferry operators must consult fully before any change to lifeline services.",
]
CLOSING_FOOT = [
    "Share this story About sharing", "Share this with Email", "Share this with Facebook", "Related Topics",
    "Ferries", "More on this story", "Islanders fear loss of winter ferry14 November 2018", "Top Stories",
    "Council delays vote on harbour car park", "7 hours ago", "About us", "Privacy Policy",
    "Copyright © 2019 Northern Isles News.",
]  # fmt: skip


def test_a_closing_part_with_a_list_and_sentences_after_it_is_read_to_the_share_row() -> None:
    page = "\n".join([
        *CLOSING_TOP, *CLOSING_BODY, *CLOSING_CAPTION, *CLOSING_BODY2, CLOSING_HEAD, CLOSING_INTRO, *CLOSING_ITEMS,
        *CLOSING_LINES, *CLOSING_FOOT,
    ])  # fmt: skip
    article = read_text(page)
    assert list(article.paragraphs) == [*CLOSING_BODY, *CLOSING_BODY2, CLOSING_INTRO, *CLOSING_ITEMS, *CLOSING_LINES]
    assert article.sections[-1].title == "What happens next?"


# A review copied from a tech site: the body, a tweet (its text over its signature), then a
# short heading and a sentence that opens a list, which the model all but rules out, then the
# page's tags. The body goes on past the tweet to the list's last item, not into the tags.
REVIEW_TOP = [
    "Skip to main content",
    "The Circuit",
    "Tech",
    "Reviews",
    "Science",
    "Creators",
    "Entertainment",
    "More",
    "Tech",
    "E-readers",
    "Hands-on",
    "Brightleaf's color e-reader is slow, pricey and a joy to read comics on",
    "The $299 reader uses a new color film and ships in March",
    "By Nina Castell@ninacastell Feb 3, 2020, 9:00am EST",
    "Share this on FacebookShare this on TwitterShare",
    "88 comments",
]
REVIEW_BODY = [
    (
        "Color e-paper has been nearly ready for years, and every device that has shipped with it so far has"
        " looked washed out next to a phone."
    ),
    "The Brightleaf Hue costs $299 and ships on March 3rd in the US. Preorders open today on the company's site.",
    (
        "Page turns in black-and-white mode are quick, roughly on par with a current Kindle. Color pages take a"
        " beat longer to settle."
    ),
    (
        "Brightleaf is sticking with its own software, which means there is no app store: you get the company's"
        " own reader, a comics app and a web browser, and that is all."
    ),
]
REVIEW_TWEET = [
    "Four pigments, one patient screen. Brightleaf Hue ships March 3. Preorders open now. pic.twitter.com/x1y2z3",
    "— Brightleaf (@brightleafhq) February 3, 2020",
]
REVIEW_HEAD = "What you get for $299"
REVIEW_INTRO = "Here's the short version of the spec sheet:"
REVIEW_ITEMS = [
    "7.8-inch color display, 300ppi grayscale and 150ppi color",
    "Dual-core processor, 2GB RAM, 16GB storage",
    "USB-C charging and about four weeks of battery life",
    "Water resistant to one meter for half an hour",
]
REVIEW_FOOT = [
    "Tech",
    "E-readers",
    "Reviews",
    "Next Up In TechA cheap tablet just got a surprise update",
    "Command Line",
    "The best tech stories of the day, delivered to your inbox every weekday.",
    "Subscribe",
    "Most Popular",
    "The best laptops to buy this spring",
    "Comments",
    "Loading comments...",
    "Terms of Use",
    "Privacy Notice",
]


def test_a_part_after_an_embedded_post_opening_with_a_list_is_read_up_to_the_tags() -> None:
    page = "\n".join([*REVIEW_TOP, *REVIEW_BODY, *REVIEW_TWEET, REVIEW_HEAD, REVIEW_INTRO, *REVIEW_ITEMS, *REVIEW_FOOT])
    article = read_text(page)
    said = [line for section in article.sections for line in (section.title, *section.paragraphs) if line]
    assert said == [*REVIEW_BODY, REVIEW_HEAD, REVIEW_INTRO, *REVIEW_ITEMS]


def test_a_closing_sentence_that_opens_a_figure_runs_on_however_sure_the_model_is_that_it_is_not_body() -> None:
    # The model's probabilities as on a blog post whose last lines sit round a screenshot: it
    # is all but sure the sentence introducing the picture is furniture, and unsure of the next.
    lines = [
        "Starting today, every place you star on one device appears on the others within seconds.",
        "Here's what the saved places panel looks like with your notes:",
        "We hope this makes planning your next trip a little easier.",
        "Permalink",
    ]
    blocks = segment("\n".join(lines))
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, OTHER] = [0.05, 0.97, 0.76, 0.99]
    probs[:, B] = 1 - probs[:, OTHER]
    states = np.array([IN, POST, POST, POST])
    sure = probs[:, OTHER] >= 0.95  # what the reader takes for an interruption
    assert list(run_on(blocks, probs, states, sure)) == [IN, IN, IN, POST]
