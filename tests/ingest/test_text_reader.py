"""The learned copied-text reader on pages written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from narrator.ingest.bylines import author_from_byline
from narrator.ingest.readers import text as R
from narrator.ingest.readers.text.model import MODEL_PATH
from narrator.text.dates import first_date

NEWS_PAGE = "\n".join(
    [
        "Skip to main content",
        "The Fenwick Gazette",
        "Home | News | Sport | Business | Opinion | Weather",
        "Subscribe",
        "Sign in",
        "News > Local",
        "Ferry service to the islands will run all winter for the first time",
        "Operators say a new hybrid boat can cope with autumn storms.",
        "By Nadia Forsberg",
        "Published 14 October 2025, 08:30 CET",
        "4 min read",
        "Share",
        "Facebook",
        "Twitter",
        "The ferry between Fenwick and the outer islands will keep running through the winter this year, "
        "the operator said on Monday, ending decades in which the crossing stopped every November.",
        "The company has bought a second-hand hybrid vessel with a deeper hull that it says can sail "
        "safely in wind speeds that used to keep the old boat in harbour.",
        "Advertisement",
        'Islanders have campaigned for a winter service for years. "In January you either have a boat of '
        'your own or you stay put," said Maren Holt, who runs the shop on the largest island.',
        "Read more: Island school saved after parents' campaign",
        "The first winter sailings are timetabled for November 4, with three crossings a day on weekdays "
        "and two at weekends.",
        "Tickets will cost the same as in summer, the operator said.",
        "Nadia Forsberg is a reporter for the Gazette, covering the coast and the islands.",
        "Topics",
        "Transport, Islands, Fenwick",
        "Most read",
        "Council approves plans for new cycle lanes on the high street",
        "Police appeal for witnesses after crash on coast road",
        "© 2025 The Fenwick Gazette. All rights reserved.",
        "",
    ]
)

COMMENTS_PAGE = "\n".join(
    [
        "Byte Sized",
        "Home Reviews How-to Podcasts About",
        "Why my laptop fan got quieter after I cleaned it",
        "Posted on 3 March 2024 by Tobias Rehn",
        "My laptop had started to sound like a hair dryer every time I opened more than three browser "
        "tabs, so last weekend I finally took the back panel off.",
        "There was a felt-like mat of dust packed against the heat sink. Five minutes with a soft brush "
        "and a can of compressed air removed most of it.",
        "The difference was immediate. The fan now spins up only when I compile something large, and the "
        "bottom of the machine no longer gets uncomfortably hot on my knees.",
        "If you try this yourself, hold the fan still while you blow air through it, because spinning it "
        "too fast can damage the bearings.",
        "Share this:",
        "Twitter",
        "Facebook",
        "14 Comments",
        "Leave a Reply",
        "pixelpusher says:",
        "March 3, 2024 at 9:14 am",
        "Great tip about holding the fan still. I broke one years ago by skipping that step, and the "
        "replacement cost more than the laptop was worth at the time.",
        "Reply",
        "citygirl22 says:",
        "March 3, 2024 at 11:02 am",
        "Mine was exactly the same. I had no idea how much dust can build up in two years, and the "
        "machine has been far quieter since I cleaned it out.",
        "Reply",
        "old_timer says:",
        "March 4, 2024 at 7:45 pm",
        "Compressed air is fine but a small vacuum with a brush attachment works just as well and costs "
        "nothing if you already have one in the house.",
        "Reply",
        "Your email address will not be published. Required fields are marked *",
        "Post Comment",
        "",
    ]
)

WRAPPED_PAGE = "\n".join(
    [
        "NORTHWIRE                                        Business | Markets | Tech",
        "",
        "Canal operator plans electric barges for city freight",
        "",
        "By Staff Reporter",
        "May 2, 2025 10:15 ET",
        "",
        "The company that runs freight on the city's old canal network said on",
        "Friday that it would replace its diesel tugs with electric barges over the",
        "next three years, cutting noise and fumes along the waterside.",
        "",
        "The first two barges will carry building materials and recycling between",
        "a depot on the ring road and the harbour, a route that now takes about",
        "forty lorry journeys a day.",
        "",
        '"The canals were built to carry goods. We are simply using them for what',
        "they were made for,\" the operator's chief executive said.",
        "",
        "Related: Harbour expansion approved after five-year wait",
        "Copyright 2025 Northwire. All rights reserved.",
        "",
    ]
)


def _body(article) -> list[str]:
    return list(article.paragraphs)


def test_furniture_is_left_out_and_the_body_kept():
    article = R.read_text(NEWS_PAGE)
    body = _body(article)
    assert body[1].startswith("The ferry between Fenwick")
    assert body[-1] == "Tickets will cost the same as in summer, the operator said."
    joined = "\n".join(body)
    for furniture in (
        "Advertisement",
        "Read more",
        "Most read",
        "Subscribe",
        "Topics",
        "All rights reserved",
        "is a reporter",
    ):
        assert furniture not in joined
    assert len(body) == 6  # the standfirst and five paragraphs


def test_title_author_and_date_with_its_offset():
    article = R.read_text(NEWS_PAGE)
    assert article.title == "Ferry service to the islands will run all winter for the first time"
    assert article.author == "Nadia Forsberg"
    assert article.published == dt.datetime(2025, 10, 14, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_comments_after_the_article_are_not_read():
    article = R.read_text(COMMENTS_PAGE)
    body = "\n".join(_body(article))
    assert body.startswith("My laptop had started")
    assert body.endswith("damage the bearings.")
    assert "replacement cost more" not in body
    assert "vacuum" not in body
    assert article.author == "Tobias Rehn"
    assert article.published == dt.date(2024, 3, 3)


def test_hard_wrapped_paragraphs_are_joined_and_a_desk_is_not_an_author():
    article = R.read_text(WRAPPED_PAGE)
    body = _body(article)
    assert len(body) == 3
    assert body[0].startswith("The company that runs freight") and body[0].endswith("along the waterside.")
    assert "\n" not in body[0]
    assert article.author is None
    # May 2 is summer time in New York: ET is four hours behind UTC then
    assert article.published == dt.datetime(2025, 5, 2, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


def test_a_one_sentence_article_is_kept():
    sentence = "The harbour festival planned for Saturday has been cancelled because of the storm warning."
    text = f"Harbour festival cancelled\n{sentence}\n"
    article = R.read_text(text)
    assert _body(article) == [
        "The harbour festival planned for Saturday has been cancelled because of the storm warning."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "news " * 200,
        "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Privacy policy"] * 5),
        "",
    ],
    ids=["one-word", "links", "empty"],
)
def test_text_without_sentences_gives_no_body(text):
    assert _body(R.read_text(text)) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Metro Desk", None),
        ("By Reuters", None),
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe"),
        ("Staff reporter", None),
    ],
)
def test_a_desk_or_agency_is_not_an_author(line, expected):
    assert author_from_byline(line) == expected


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("March 14, 2025 9:42 AM GMT+2", 120),
        ("14 March 2025 09:42 CET", 60),
        ("Jul 16, 2025 12:30 BST", 60),
        ("January 9, 2025 6:20 PM ET", -300),
        ("2025-03-14 09:42 +05:30", 330),
    ],
)
def test_dates_keep_their_time_zone(text, offset):
    value = first_date(text)
    assert isinstance(value, dt.datetime)
    assert value.utcoffset() == dt.timedelta(minutes=offset)


def test_dates_without_a_zone_stay_naive():
    assert first_date("March 14, 2025 9:42 AM").tzinfo is None
    assert first_date("Published March 14, 2025") == dt.date(2025, 3, 14)


def test_model_is_small_and_reading_is_fast():
    import time

    assert MODEL_PATH.stat().st_size < 200_000
    start = time.perf_counter()
    for _ in range(5):
        R.read_text(NEWS_PAGE + COMMENTS_PAGE)
    assert (time.perf_counter() - start) / 5 < 0.25


def test_mojibake_from_a_wrong_encoding_is_repaired():
    """A page saved as UTF-8 but read as Windows-1252 says "worldâ€™s"; the listener hears "world's"."""
    from narrator.text.tidy import tidy_line

    assert tidy_line("one of the worldâ€™s best vaulters") == "one of the world’s best vaulters"
    assert tidy_line("â€œNot impressed,â€\x9d she said") == "“Not impressed,” she said"
    assert tidy_line("Ã©tÃ©") == "été"
    for fine in ("château, café and Zürich", "« Bonjour »", "£5 and €6"):
        assert tidy_line(fine) == fine
