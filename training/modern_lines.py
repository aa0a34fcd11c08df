"""Labelled copied-text pages in today's site templates, from the modern page generator.

``training/modern/`` renders the project's own articles as HTML pages of ten site families
(companion columns with ad slots between, TV stations with an ad every two paragraphs,
figures between sections, split bodies, deal round-ups, live blogs...) and knows, for every
element, whether it is article body. This module renders the text a browser copy gives, as
``modern/page.py`` does, but with a label on every line, in the labels of ``make_pages.py``:

    O  not the article     B  body paragraph, list item, product description or price
    H  subheading or a live post's time     T  headline     A  byline     D  date
    X  the standfirst: the modern set leaves it out of the body, make_pages puts it in, so
       training leaves those lines out of the loss

Only the development part of the modern set is used (its articles and its sites); the
held-out part stays unseen, for measuring.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrator.ingest.bylines import parse_byline
from narrator.text.dates import find_date
from training.modern.furniture import Ctx
from training.modern.generate import FAMILIES, SEED, Page, load_articles, plan, site_for
from training.modern.page import BLOCK, PARAGRAPH_LIKE, El

Line = tuple[str, str]
_WS = re.compile(r"\s+")
_HEADING = frozenset("h1 h2 h3 h4 h5 h6 time".split())


def labelled_copy(root: El) -> list[tuple[str, str]]:
    """(line, kind) in copy order; kind is "B" or "H" for body text, "" for the rest, and a
    blank line is ("", "")."""
    lines: list[tuple[str, str]] = []
    current: list[tuple[str, str]] = []

    def flush(blank: bool = False) -> None:
        text = _WS.sub(" ", "".join(t for t, _ in current)).strip()
        votes: dict[str, int] = {}
        for t, kind in current:
            votes[kind] = votes.get(kind, 0) + len(t.strip())
        current.clear()
        if text:
            lines.append((text, max(votes, key=lambda k: votes[k])))
        if blank and lines and lines[-1][0] != "":
            lines.append(("", ""))

    def walk(node: El | str, kind: str) -> None:
        if isinstance(node, str):
            current.append((node, kind))
            return
        if node.hidden:
            return
        if node.gold and not kind:
            kind = "H" if node.tag in _HEADING else "B"
        if node.tag == "br":
            flush()
            return
        block = node.tag in BLOCK
        if block:
            flush()
        if node.tag in ("td", "th") and current:
            current.append(("\t", kind))
        for child in node.children:
            walk(child, kind)
        if block:
            flush(node.tag in PARAGRAPH_LIKE)

    walk(root, "")
    flush()
    while lines and lines[-1][0] == "":
        lines.pop()
    return lines


def page_lines(page: Page, articles: list, seed: int = SEED) -> list[Line]:
    """One modern page as labelled copied text (the same page ``generate.build`` makes)."""
    rng = random.Random(f"{seed}:page:{page.id}")
    site = site_for(page.family, page.variant, seed)
    when = dt.datetime(2018, 1, 1) + dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
    others = [a for a in articles if a.id != page.article.id]
    root = FAMILIES[page.family](Ctx(rng=rng, site=site, article=page.article, others=others, when=when))
    raw = labelled_copy(root)
    first_body = next((i for i, (_, k) in enumerate(raw) if k), len(raw))
    title, standfirst = page.article.title, page.article.standfirst
    out: list[Line] = []
    seen_title = False
    for i, (text, kind) in enumerate(raw):
        if not text:
            out.append(("", ""))
        elif kind:
            out.append((text, kind))
        elif i < first_body and text == title and not seen_title:
            seen_title = True
            out.append((text, "T"))
        elif standfirst and text == standfirst:
            out.append((text, "X"))
        elif i < first_body and seen_title and len(text.split()) <= 25 and parse_byline(text) is not None:
            out.append((text, "A"))
        elif i < first_body and seen_title and len(text.split()) <= 12 and find_date(text) is not None:
            out.append((text, "D"))
        else:
            out.append((text, "O"))
    return out


def dev_pages(per_article: int = 4, seed: int = SEED) -> list[Page]:
    """The modern set's development pages: never a held-out article or site."""
    return [p for p in plan(load_articles(), per_article, seed) if p.part == "dev"]


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="print labelled modern development pages")
    ap.add_argument("--family")
    ap.add_argument("--show", type=int, default=1)
    args = ap.parse_args()
    arts = load_articles()
    chosen = [p for p in dev_pages() if args.family in (None, p.family)][: args.show]
    for p in chosen:
        print("=" * 60, p.id)
        for text, label in page_lines(p, arts):
            print(f"{label or ' '} | {text[:110]}")
