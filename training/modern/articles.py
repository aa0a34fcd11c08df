"""The project's own articles (``training/articles/``) and the generator's phrase lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "articles"
DATA = HERE / "data"
NOT_ARTICLES = ("comments.txt", "headlines.txt")


@dataclass(frozen=True)
class Article:
    id: str
    kind: str
    section: str
    title: str
    body: tuple[str, ...]  # one block a line: "## heading", "@ 14:05 headline", "- item" or a paragraph
    standfirst: str = ""
    author: str = ""
    desk: str = ""
    agency: str = ""
    place: str = ""
    tags: tuple[str, ...] = field(default=())

    @property
    def is_live(self) -> bool:
        return any(b.startswith("@ ") for b in self.body)

    @property
    def paragraphs(self) -> list[str]:
        """The plain paragraphs (no headings, live-post heads or list items)."""
        return [b for b in self.body if not b.startswith(("## ", "@ ", "- "))]


def load_articles(folder: Path = ARTICLES) -> list[Article]:
    out: list[Article] = []
    for path in sorted(folder.glob("*.txt")):
        if path.name in NOT_ARTICLES:
            continue
        for chunk in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
            ident, _, rest = chunk.partition("\n")
            head, _, body = rest.partition("\n---\n")
            meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
            out.append(
                Article(
                    id=ident.strip(),
                    kind=meta.get("kind", "news"),
                    section=meta.get("section", "News"),
                    title=meta["title"],
                    body=tuple(p.strip() for p in body.splitlines() if p.strip()),
                    standfirst=meta.get("standfirst", ""),
                    author=meta.get("author", ""),
                    desk=meta.get("desk", ""),
                    agency=meta.get("agency", ""),
                    place=meta.get("place", ""),
                    tags=tuple(t.strip() for t in meta.get("tags", "").split(",") if t.strip()),
                )
            )
    return out


def _clean(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def lines(name: str) -> tuple[str, ...]:
    """A one-item-a-line list from ``data/`` (or from ``training/articles/`` for the shared lists)."""
    path = DATA / name if (DATA / name).is_file() else ARTICLES / name
    return tuple(_clean(path.read_text(encoding="utf-8")))


@cache
def sections(name: str) -> dict[str, tuple[str, ...]]:
    """A data file of ``[section]`` blocks, one phrase a line."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in _clean((DATA / name).read_text(encoding="utf-8")):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return {k: tuple(v) for k, v in out.items()}


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?][\"”’]?)(\s|$)", text)
    return match.group(1) if match else text
