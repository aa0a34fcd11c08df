"""Whether narrator names the episode with the article's headline, beside trafilatura's
metadata, in one run. The title is what the intro says first and what a podcast app lists.

    python benchmarks/titles.py                     # held-out part of the corpus, and the public suite
    python benchmarks/titles.py --part dev --wrong  # and every page named wrongly

Two sets:
- the corpus's Dragnet pages (``benchmarks/extraction.py`` has the split; the L3S gold has no
  headline). Its labeller copied the headline with the body, usually as the gold's first
  line, sometimes under a date or a section's name: a title counts as right when, in words
  (case and punctuation aside), it is one of the gold's first four lines, or holds one or is
  held by one (at least ten characters either way). A heuristic, so read it as a comparison;
- the public suite of ``benchmarks/extraction_public.py`` (newspaper4k's English test pages),
  whose expected metadata gives each page's title: right when equal in words.

Systems: narrator on the HTML and on the copied text (the corpus's; the public suite's
copied text needs Chromium, so only its HTML is named here), and trafilatura's metadata
title on the HTML.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from extraction import CORPUS, page_ids  # noqa: E402
from extraction_public import PAGES, suite  # noqa: E402

_WORDS = re.compile(r"\w+")


def _key(text: str | None) -> str:
    return " ".join(_WORDS.findall((text or "").lower()))


def narrator_title(path: Path, fmt: str) -> str | None:
    from narrator.api import read_article
    from narrator.errors import NarratorError
    from narrator.settings import load_settings

    try:
        return read_article(str(path), load_settings(environ={}), data=path.read_bytes(), fmt=fmt).title
    except NarratorError:
        return None


def trafilatura_title(path: Path) -> str | None:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(path.read_text(errors="replace"), with_metadata=True)
    except Exception:  # a baseline that fails on a page names it wrongly
        return None
    if found is None:
        return None
    return found.get("title") if isinstance(found, dict) else getattr(found, "title", None)


def in_gold(title: str | None, gold: str) -> bool:
    """The title is the headline the corpus's labeller copied (see the module's notes)."""
    key = _key(title)
    if not key:
        return False
    for line in [g for g in gold.splitlines() if g.strip()][:4]:
        line_key = _key(line)
        if key == line_key or (min(len(key), len(line_key)) >= 10 and (key in line_key or line_key in key)):
            return True
    return False


def _report(name: str, rows: dict[str, list[tuple[str, str | None, bool]]], wrong: bool) -> None:
    print(f"\n## {name}")
    for system, found in rows.items():
        right = sum(ok for _, _, ok in found)
        print(f"{system:<32} {right:>4}/{len(found):<4} {right / max(1, len(found)):.3f}")
    if wrong:
        for system, found in rows.items():
            print(f"\n{system}: named wrongly")
            for page, title, ok in found:
                if not ok:
                    print(f"  {page}: {title!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--part", choices=["held-out", "dev", "all"], default="held-out")
    parser.add_argument("--wrong", action="store_true", help="list the pages each system names wrongly")
    args = parser.parse_args(argv)

    corpus = args.corpus
    ids = [i for i in page_ids(corpus, args.part) if i.startswith("dragnet-")]
    rows: dict[str, list] = {"narrator, HTML": [], "narrator, copied text": [], "trafilatura metadata, HTML": []}
    for page in ids:
        gold = (corpus / "gold" / f"{page}.txt").read_text()
        html, text = corpus / "html" / f"{page}.html", corpus / "plaintext" / f"{page}.txt"
        for system, title in (
            ("narrator, HTML", narrator_title(html, "html")),
            ("narrator, copied text", narrator_title(text, "text")),
            ("trafilatura metadata, HTML", trafilatura_title(html)),
        ):
            rows[system].append((page, title, in_gold(title, gold)))
    _report(f"corpus {args.part}, Dragnet pages: the headline the labeller copied", rows, args.wrong)

    data = suite()
    rows = {"narrator, HTML": [], "trafilatura metadata, HTML": []}
    for page in PAGES:
        expected = json.loads((data / "metadata" / f"{page}.json").read_text()).get("title")
        html = data / "html" / f"{page}.html"
        for system, title in (
            ("narrator, HTML", narrator_title(html, "html")),
            ("trafilatura metadata, HTML", trafilatura_title(html)),
        ):
            rows[system].append((page, title, bool(_key(title)) and _key(title) == _key(expected)))
    _report("public suite (newspaper4k's expected titles)", rows, args.wrong)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
