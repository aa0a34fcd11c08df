"""HTML pages: trafilatura finds the main text and the metadata."""

from __future__ import annotations

import re

from ...errors import IngestError
from ...models import Article
from ...text.dates import parse_date
from .markdown import read_markdown

_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)", re.I)


def read_html(html: str, *, source: str = "", url: str | None = None) -> Article:
    """An article from an HTML page, via trafilatura's Markdown output."""
    import trafilatura  # heavy: imported only when an HTML page is read

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=True,
            include_links=False,
            deduplicate=True,
        )
    except Exception as exc:  # trafilatura raises many parser types on malformed pages
        raise IngestError(f"{source}: can't parse HTML: {exc}") from exc
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = data.get("text") or ""
    body = read_markdown(text, source=source)
    title = data.get("title") or body.title
    sections = body.sections
    # trafilatura repeats the headline as a first heading; it is the title, not a section.
    if sections and title and sections[0].title == title:
        sections = (type(sections[0])(title=None, paragraphs=sections[0].paragraphs), *sections[1:])
    lang = data.get("language")
    if not lang:
        match = _LANG.search(html[:5000])
        lang = match.group(1) if match else None
    return Article(
        title=title,
        author=data.get("author") or body.author,
        published=parse_date(data.get("date")) or body.published,
        language=lang,
        url=url or data.get("url"),
        source=source,
        format="html",
        sections=sections,
    )
