"""Copied text keeps a short headline over its byline, and an article with no title
anywhere is named by its first sentence rather than "Article"."""

from __future__ import annotations

import pytest

from narrator.ingest.clean import clean_article, title_from_sentence
from narrator.ingest.readers.text import read_text
from narrator.models import Article, Section

BODY = (
    "Cafe owners gathered outside the town hall on Monday to protest against new licensing fees. "
    "They said the fees would force several small businesses to close.\n\n"
    "The council said it would review the plans next month.\n"
)


def test_a_three_word_headline_over_a_byline_is_the_title():
    article = clean_article(read_text(f"Cafe owners protest\nBy Test Writer\n\n{BODY}", source="cafe.txt"))
    assert article.title == "Cafe owners protest"
    assert article.author == "Test Writer"
    assert article.paragraphs[0].startswith("Cafe owners gathered")


@pytest.mark.parametrize(
    ("head", "title", "author"),
    [
        ("Bridge reopens\n\nBy Priya Raman\n\n", "Bridge reopens", "Priya Raman"),
        ("Ferry fares rise again?\nBy Tom Okafor, Metro Desk\n\n", "Ferry fares rise again?", "Tom Okafor"),
        ("Cafe owners protest\nBy Staff Reporter\n\n", "Cafe owners protest", None),
    ],
)
def test_short_headlines_over_bylines(head, title, author):
    article = clean_article(read_text(head + BODY, source="cafe.txt"))
    assert (article.title, article.author) == (title, author)


def test_a_sentence_over_a_byline_is_not_a_headline():
    text = f"Home | News | Sport\nBy Priya Raman\n\n{BODY}"
    assert clean_article(read_text(text, source="cafe.txt")).title != "Home | News | Sport"


def test_an_untitled_text_is_named_by_its_first_sentence():
    article = clean_article(read_text(BODY, source="cafe.txt"))
    assert article.title == "Cafe owners gathered outside the town hall on Monday"
    assert article.paragraphs[0].startswith("Cafe owners gathered outside")  # still read in full


def test_an_untitled_one_sentence_article_keeps_its_sentence():
    text = "The ferry runs again from May."
    article = clean_article(Article(source="x", sections=(Section(paragraphs=(text,)),)))
    assert article.title == "The ferry runs again from May"
    assert article.paragraphs == (text,)


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("The ferry runs again from May.", "The ferry runs again from May"),
        ("Is the ferry coming back?", "Is the ferry coming back?"),
        (
            "Cafe owners gathered outside the town hall on Monday to protest against new licensing fees.",
            "Cafe owners gathered outside the town hall on Monday",
        ),
        (
            "After three years of delays, the council has finally agreed to repair the old bridge over the river.",
            "After three years of delays",
        ),
        (
            "Residents of the small coastal town of Port Ellen said on Tuesday that the ferry was late again.",
            "Residents of the small coastal town of Port Ellen",
        ),
        ('"We are tired of waiting for the council to act on the bridge," said one resident.', None),
    ],
)
def test_a_first_sentence_is_shortened_at_a_word_boundary(sentence, title):
    got = title_from_sentence(sentence)
    if title is None:
        assert 3 <= len(got.split()) <= 10 and sentence.startswith(got)
    else:
        assert got == title


@pytest.mark.parametrize(
    "head",
    [
        "Menu\nSkip to primary content\nCafe owners protest against licensing fees\nBy Ann Lee, March 3, 2024\n",
        "Skip to primary content\nHome\nNews\nFacebook Page · RSS Feed\nCafe owners protest against licensing fees\n",
        "Home | News | Sport\nPost navigation\nCafe owners protest against licensing fees\nMarch 3, 2024\n",
    ],
)
def test_a_page_tool_or_menu_line_above_the_headline_is_not_the_title(head):
    body = (
        "Cafe owners gathered outside the town hall on Monday to protest against new licensing fees. They said "
        "the fees would force several small businesses to close.\n\nThe council said it would review the plans "
        "next month, and that no cafe would pay more before the review had ended.\n\nA second meeting is planned "
        "for the spring.\n"
    )
    article = read_text(head + body, source="cafe.txt")
    assert article.title == "Cafe owners protest against licensing fees"
