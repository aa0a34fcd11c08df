"""Narrating today's news pages: one generated page of each site template (training/modern/),
read as ``narrator script`` reads it, has the whole body in its script and no furniture."""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import cache

import pytest
from helpers.paths import ROOT

from narrator import api

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.modern.articles import load_articles
from training.modern.generate import FAMILIES, build, plan

SEED = 2019
RECALL = 0.95
# Lines a listener must never hear: ad labels, shop buttons, sign-up and share prompts.
FURNITURE = re.compile(
    r"^(advertisement\b|sponsored$|subscribe|sign up|read more:|related:|buy at |buy now|shop now|check price|"
    r"view deal|accept all|reject all|share\b)",
    re.IGNORECASE,
)


@cache
def first_pages() -> dict[str, tuple[str, str]]:
    """family -> (html, gold) of the family's first development page."""
    articles = load_articles()
    pages: dict[str, tuple[str, str]] = {}
    for page in plan(articles, seed=SEED):
        if page.part == "dev" and page.family not in pages:
            html, _, gold = build(page, articles, seed=SEED)
            pages[page.family] = (html, gold)
    return pages


def tokens(text: str) -> Counter:
    return Counter(t for t in re.split(r"\W+", text.lower()) if t)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_one_page_of_each_modern_template_is_narrated_whole_and_without_furniture(family, settings, tmp_path):
    html, gold = first_pages()[family]
    path = tmp_path / f"{family}.html"
    path.write_text(html, encoding="utf-8")
    script = api.make_script(path, settings)
    # every sentence the voice reads, headings included, as written
    lines = [u.written for section in script.sections for u in section.utterances]
    said, wanted = tokens("\n".join(lines)), tokens(gold)
    recall = sum((said & wanted).values()) / sum(wanted.values())
    assert recall >= RECALL, f"{family}: {recall:.2f} of the body; missing {list((wanted - said).elements())[:20]}"
    for line in lines:
        assert not FURNITURE.match(line.strip()), f"{family}: furniture read: {line!r}"
