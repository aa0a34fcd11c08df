"""Generate labelled training pages: our own articles wrapped in randomised page furniture.

Each page is the text a person gets when copying a whole news page from a browser:
menus, a headline, a byline, captions, the body with inline promos, related links,
comments and footers, in a random layout. Every line carries a label:

    O  not the article          B  body paragraph        H  subheading inside the body
    T  the headline             A  byline (author)       D  publication date

Everything comes from ``articles/`` (written for this project) and the phrase lists
in ``phrases/``, so the pages, and whatever is learned from them, can ship under Apache-2.0.

    python make_pages.py --show 3 --seed 7      # print a few pages with labels
    python make_pages.py --count 3000 --out pages.jsonl
"""

from __future__ import annotations

import argparse
import json

from pagegen.articles import ARTICLES, Article, Line, load_articles
from pagegen.page import Gen

# what train.py and other callers use
__all__ = ["ARTICLES", "Article", "Gen", "Line", "generate", "load_articles", "main"]


def generate(count: int, seed: int) -> list[list[Line]]:
    """``count`` pages, the same ones for the same seed."""
    articles = load_articles()
    return [Gen(seed * 100_003 + i, articles).page() for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    if args.show:
        for page in generate(args.show, args.seed):
            print("=" * 60)
            for text, label in page:
                print(f"{label or ' '} | {text[:110]}")
        return 0
    articles = load_articles()
    print(f"{len(articles)} articles, {sum(len(' '.join(a.body).split()) for a in articles)} words")
    pages = generate(args.count, args.seed)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for page in pages:
                fh.write(json.dumps(page) + "\n")
    lines = [lab for p in pages for _, lab in p if lab]
    from collections import Counter

    print(len(pages), "pages", len(lines), "lines", Counter(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
