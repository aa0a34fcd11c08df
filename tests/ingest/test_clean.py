"""The cleaner on scraped news pages from many kinds of site, scored against the body
each page really has."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.paths import DATA, EXAMPLES

from narrator.errors import IngestError
from narrator.ingest.clean import clean_article
from narrator.ingest.sources import ingest
from narrator.models import Article, Section

PAGES = sorted((DATA / "scraped").glob("*.txt"))


def _expected(page: Path) -> tuple[dict[str, str | None], list[str], list[str]]:
    head, body = page.with_suffix(".expected").read_text(encoding="utf-8").split("\n\n", 1)
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key] = value.strip() or None
    lines = [line for line in body.splitlines() if line]
    paragraphs = [line for line in lines if not line.startswith("## ")]
    headings = [line[3:] for line in lines if line.startswith("## ")]
    return meta, paragraphs, headings


def _read(page: Path, settings) -> Article:
    return clean_article(ingest(page, settings))


def test_there_are_at_least_ten_varied_pages():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_body_is_every_paragraph_in_order_and_nothing_else(page, settings):
    _, paragraphs, _ = _expected(page)
    assert list(_read(page, settings).paragraphs) == paragraphs


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_metadata_is_found_or_left_out(page, settings):
    meta, _, _ = _expected(page)
    article = _read(page, settings)
    published = article.published.isoformat() if article.published else None
    assert (article.title, article.author, published) == (
        meta["title"],
        meta["author"],
        meta["published"],
    )


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_subheadings_become_section_titles(page, settings):
    _, _, headings = _expected(page)
    assert [s.title for s in _read(page, settings).sections if s.title] == headings


def test_cleaner_score_over_all_pages(settings):
    """One number for the whole set: the share of expected paragraphs kept exactly,
    less any furniture let through."""
    kept = expected_total = extra = 0
    for page in PAGES:
        _, paragraphs, _ = _expected(page)
        got = list(_read(page, settings).paragraphs)
        kept += sum(1 for p in paragraphs if p in got)
        extra += sum(1 for p in got if p not in paragraphs)
        expected_total += len(paragraphs)
    assert (kept, extra) == (expected_total, 0)


def test_ai_audio_note_and_reading_time_never_survive(settings):
    article = Article(
        title="A headline",
        sections=(
            Section(
                paragraphs=(
                    "This audio is created with AI assistance",
                    "4 min read",
                    "Share this article",
                    "The council met on Monday and agreed to repair the bridge before winter.",
                )
            ),
        ),
    )
    assert clean_article(article).paragraphs == (
        "The council met on Monday and agreed to repair the bridge before winter.",
    )


def test_page_of_only_furniture_is_refused():
    article = Article(source="menu.txt", sections=(Section(paragraphs=("Share", "Subscribe")),))
    with pytest.raises(IngestError, match=r"menu\.txt: no article text found"):
        clean_article(article)


# -- the same filter for every format -----------------------------------------------------


def test_the_markdown_example_reads_none_of_its_prompts(settings):
    from narrator.api import make_script

    script = make_script(EXAMPLES / "night-buses.md", settings)
    spoken = " ".join(u.spoken for part in script.parts for u in part.utterances).lower()
    for prompt in ("sign up", "newsletter", "share this", "facebook", "read more", "related", "fares frozen"):
        assert prompt not in spoken, prompt
    assert "the board will review passenger numbers in the spring" in spoken


def test_a_deals_note_glued_to_a_long_paragraph_is_cut_and_the_paragraph_kept():
    first = ("Every kettle below has been tested by our team over at least a month of daily use, and we only include "
             "deals that beat the lowest price we have seen in the past thirty days.")  # fmt: skip
    article = Article(source="x.html", sections=(Section(paragraphs=(
        f"{first} Prices were correct at the time of writing, but deals can sell out quickly.",
    )),))  # fmt: skip
    assert clean_article(article).paragraphs == (first,)


def test_a_prompt_glued_to_a_paragraph_is_cut_and_the_paragraph_kept():
    article = Article(source="x.md", sections=(Section(paragraphs=(
        "The depot opens in May. Share this article: Facebook · X · Email",
        "Sign up for the Metro Briefing newsletter.",
        "Readers who sign up for the library's reading scheme get a free card, the council said on Monday.",
    )),))  # fmt: skip
    assert clean_article(article).paragraphs == (
        "The depot opens in May.",
        "Readers who sign up for the library's reading scheme get a free card, the council said on Monday.",
    )


def test_a_story_sentence_about_a_producer_is_read_and_the_author_footer_is_not():
    story = (
        "The harbour theatre will stage a musical about the old ferry this spring, its board said.",
        "Okonkwo is the executive producer of the festival and a former writer for the Evening Courier.",
        "Tickets go on sale in March, and the first night is on April 12.",
        "The theatre last staged a new musical in 2009.",
        "Its last production, a comedy about the lighthouse keepers, sold out within a week.",
        "Maria Lund is a senior reporter for the Courier who covers culture.",
    )
    article = Article(source="x.html", author="Maria Lund", sections=(Section(paragraphs=story),))
    assert clean_article(article).paragraphs == story[:5]
    # A footer that names the author is dropped wherever it is.
    moved = (story[5], *story[:5])
    assert clean_article(replace(article, sections=(Section(paragraphs=moved),))).paragraphs == story[:5]


def test_a_date_above_the_first_paragraph_is_the_episode_date_not_its_first_words():
    story = (
        "2008-01-12 11:31:01 -",
        "TAIPEI, Harbour (AP) - The ferry company said on Saturday it would add two boats to the island route.",
        "Tour dates:",
        "October 1, 2008: Vienna",
    )
    cleaned = clean_article(Article(source="x.html", sections=(Section(paragraphs=story),)))
    assert cleaned.paragraphs == story[1:]  # a date later in the body is the story's
    assert cleaned.published == dt.datetime(2008, 1, 12, 11, 31)
    assert cleaned.title.startswith("The ferry company said on Saturday")
    # A date the page declares wins over the line's.
    declared = clean_article(
        Article(source="x.html", published=dt.date(2008, 1, 13), sections=(Section(paragraphs=story),))
    )
    assert declared.published == dt.date(2008, 1, 13) and declared.paragraphs == story[1:]


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Priya Raman and Metro Desk", "Priya Raman"),
        ("Priya Raman, Tom Obi and Reuters", "Priya Raman and Tom Obi"),
        ("Reuters", None),
        ("Associated Press", None),
        ("Staff and agencies", None),
        ("Jane Deskins", "Jane Deskins"),
        ("Dan Kowal, Product Manager", "Dan Kowal"),  # a job title after the name
        ("Ann Lee, Senior Analyst", "Ann Lee"),
    ],
)
def test_a_desk_or_agency_is_not_read_as_a_person(byline, author):
    article = Article(author=byline, sections=(Section(paragraphs=("The council met on Monday to vote.",)),))
    assert clean_article(article).author == author


def test_a_one_sentence_article_is_kept(settings, tmp_path):
    from narrator.api import make_script

    path = tmp_path / "brief.md"
    path.write_text("# Depot approved\n\nCouncil approves tram depot.\n")
    assert make_script(path, settings).sections[0].written == "Council approves tram depot."


@pytest.mark.parametrize(
    "paragraphs",
    [("buy buy buy buy buy buy buy buy",), ("https://a.example/one https://b.example/two",), ("Home", "News")],
)
def test_text_with_no_sentence_is_refused_in_one_line(paragraphs):
    with pytest.raises(IngestError, match=r"^x\.txt: no article text found") as info:
        clean_article(Article(source="x.txt", sections=(Section(paragraphs=paragraphs),)))
    assert "\n" not in str(info.value)
