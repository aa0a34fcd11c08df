"""The modern news-page set (training/modern/): the same pages every time, one set of pages per
site family, and gold text that is the article and nothing around it."""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from helpers.paths import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from training.modern.articles import load_articles, sections
from training.modern.generate import FAMILIES, HELDOUT_VARIANTS, build, generate, plan

FURNITURE = re.compile(
    r"^(advertisement\b|ad$|sponsored$|subscribe|sign up|sign in|log in|read more:|related:|buy at |buy now|"
    r"shop now|see price|check price|view deal|accept all|reject all|manage options|share\b|\d* ?comments$)",
    re.IGNORECASE,
)


@cache
def all_pages() -> dict[str, tuple[str, str, str, str]]:
    """Every planned page: id -> (family, html, copied text, gold)."""
    articles = load_articles()
    return {p.id: (p.family, *build(p, articles)) for p in plan(articles)}


def tokens(text: str) -> Counter:
    return Counter(t for t in re.split(r"\W+", text.lower()) if t)


def test_the_same_seed_writes_the_same_pages(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", limit=2)
    second = generate(tmp_path / "b", limit=2)
    assert [p.id for p in first] == [p.id for p in second]
    files = sorted(f.relative_to(tmp_path / "a") for f in (tmp_path / "a").rglob("*") if f.is_file())
    assert len(files) > 3 * len(first)
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_another_seed_makes_other_pages_of_the_same_articles() -> None:
    articles = load_articles()
    page = plan(articles)[0]
    assert build(page, articles, seed=1)[0] != build(page, articles, seed=2)[0]
    assert build(page, articles, seed=1) == build(page, articles, seed=1)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_site_family_has_pages_whose_gold_shows_on_the_page(family: str) -> None:
    pages = [v for v in all_pages().values() if v[0] == family]
    assert len(pages) >= 4
    for _, html, text, gold in pages:
        assert len(gold.split()) >= 10
        assert "<html" in html and "</html>" in html
        # every gold word is in the page's copied text, which has more (the furniture) besides
        assert not tokens(gold) - tokens(text)
        assert sum(tokens(text).values()) > sum(tokens(gold).values())


def test_no_gold_line_is_furniture() -> None:
    phrases = sections("phrases.txt")
    furniture = {
        line.lower()
        for key in (
            "ad_label",
            "paywall_title",
            "paywall_text",
            "newsletter_title",
            "newsletter_text",
            "cookie_text",
            "comments_hint",
            "disclosure",
            "edited",
            "footer_links",
        )
        for line in phrases[key]
        if "{" not in line
    }
    for page_id, (_, _, _, gold) in all_pages().items():
        for line in filter(None, gold.splitlines()):
            assert not FURNITURE.match(line), (page_id, line)
            assert line.lower() not in furniture, (page_id, line)
        assert "©" not in gold and "cookies" not in gold.lower(), page_id


def test_captions_credits_and_pull_quotes_are_not_gold_and_a_pull_quote_is_on_the_page_twice() -> None:
    credits = [c.split("{")[0] for c in sections("phrases.txt")["photo_credit"] if not c.startswith("{")]
    captions = set(sections("phrases.txt")["caption"])
    quoted = 0
    for page_id, (_, _, text, gold) in all_pages().items():
        assert not captions & set(gold.splitlines()), page_id
        assert not any(line.startswith(tuple(credits)) for line in gold.splitlines()), page_id
        lines = [ln for ln in text.splitlines() if len(ln.split()) >= 8]
        quoted += any(
            ln in gold and gold.count(ln) == 1 and lines.count(ln) == 1 and text.count(ln) == 2 for ln in lines
        )
    assert quoted  # some page repeats a body sentence in a pull quote, and the gold has it once


def test_a_paywalled_page_has_only_the_shown_paragraphs_as_gold() -> None:
    cut = []
    for page_id, (family, html, text, gold) in all_pages().items():
        if any(title in text for title in sections("phrases.txt")["paywall_title"]) and family == "newspaper":
            cut.append((page_id, html, gold))
    assert cut
    articles = {a.id: a for a in load_articles()}
    for page_id, html, gold in cut:
        article = articles[page_id.split("-", 2)[2]]
        hidden = [p for p in article.paragraphs if p not in gold]
        assert hidden, page_id
        assert hidden[-1] not in html.split("</head>", 1)[1], page_id  # not on the page, only in JSON-LD if anywhere


def test_a_live_blog_gold_has_each_post_time_and_text_newest_first() -> None:
    page_id, (_, _, _, gold) = next(
        (k, v) for k, v in all_pages().items() if k.startswith("live_blog-") and "storm" in k
    )
    times = re.findall(r"^(\d{1,2}[:.]\d{2})", gold, flags=re.M)
    assert len(times) >= 3
    clock = [int(re.sub(r"\D", "", t)) for t in times]
    assert clock == sorted(clock, reverse=True), page_id
    assert "Thousands still without power" in gold


def test_held_out_pages_share_no_article_and_no_site_with_development_pages() -> None:
    pages = plan(load_articles())
    dev = [p for p in pages if p.part == "dev"]
    held = [p for p in pages if p.part == "heldout"]
    assert 0.2 < len(held) / len(pages) < 0.45
    assert not {p.article.id for p in dev} & {p.article.id for p in held}
    assert all(p.variant in HELDOUT_VARIANTS for p in held)
    assert not any(p.variant in HELDOUT_VARIANTS for p in dev)
