"""The articles pages are made from (``training/articles/``), and the labelled line of a page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent.parent / "articles"

Line = tuple[str, str]  # (text, label)


@dataclass
class Article:
    id: str
    kind: str
    section: str
    title: str
    body: list[str]  # markup: "## h", "@ 14:05 h", "- item", or a paragraph
    standfirst: str = ""
    author: str = ""
    desk: str = ""
    agency: str = ""
    place: str = ""
    tags: list[str] = field(default_factory=list)


def load_articles(folder: Path = ARTICLES) -> list[Article]:
    out: list[Article] = []
    for path in sorted(folder.glob("*.txt")):
        if path.name in ("comments.txt", "headlines.txt"):
            continue
        for chunk in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
            ident, _, rest = chunk.partition("\n")
            head, _, body = rest.partition("\n---\n")
            meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
            paras = [p.strip() for p in body.splitlines() if p.strip()]  # one paragraph a line
            out.append(
                Article(
                    id=ident.strip(),
                    kind=meta.get("kind", "news"),
                    section=meta.get("section", "News"),
                    title=meta["title"],
                    body=paras,
                    standfirst=meta.get("standfirst", ""),
                    author=meta.get("author", ""),
                    desk=meta.get("desk", ""),
                    agency=meta.get("agency", ""),
                    place=meta.get("place", ""),
                    tags=[t.strip() for t in meta.get("tags", "").split(",") if t.strip()],
                )
            )
    return out


def load_lines(name: str) -> list[str]:
    """A bank of one-line entries next to the articles (comments, headlines); "#" starts a comment."""
    text = (ARTICLES / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
