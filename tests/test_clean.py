"""The cleaner on scraped news pages from many kinds of site, scored against the body
each page really has."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.errors import IngestError
from narrator.ingest.clean import clean_article
from narrator.ingest.sources import ingest
from narrator.models import Article, Section

PAGES = sorted((Path(__file__).parent / "data" / "scraped").glob("*.txt"))


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
