"""Clean: keep only the article's own words, whatever format it came from.

Readers already drop most furniture; this stage removes what survives in any format
(share prompts, captions, reading times, AI-audio notes, a repeated headline), tidies
the text, fills in the language, and refuses an article with nothing left to read.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import IngestError
from ..models import Article, Section
from ..text.language import detect_language
from . import furniture as F
from .readers.text import tidy_line

MIN_WORDS = 5


def _keep(paragraph: str, title: str | None) -> bool:
    if not paragraph or (title and paragraph.strip().rstrip(".") == title.strip().rstrip(".")):
        return False
    if len(F.words(paragraph)) <= 20 and F.parse_byline(paragraph):
        return False  # the byline: its name is metadata, read in the intro
    return not (
        F.is_prompt(paragraph)
        or (F.is_reading_time(paragraph) and len(F.words(paragraph)) <= 12)
        or F.is_caption(paragraph)
        or F.is_correction(paragraph)
        or F.is_bio(paragraph)
    )


def _tidy_meta(value: str | None) -> str | None:
    if value is None:
        return None
    value = tidy_line(value)
    return value or None


def clean_article(article: Article) -> Article:
    """The article with furniture removed and metadata tidied.

    Raises IngestError if no readable body is left.
    """
    title = _tidy_meta(article.title)
    sections = []
    for section in article.sections:
        paragraphs = tuple(p for p in (tidy_line(p) for p in section.paragraphs) if _keep(p, title))
        if paragraphs:
            sections.append(Section(title=_tidy_meta(section.title), paragraphs=paragraphs))
    cleaned = replace(
        article,
        title=title,
        author=_tidy_meta(article.author),
        sections=tuple(sections),
    )
    if cleaned.word_count < MIN_WORDS:
        raise IngestError(f"{article.source or 'input'}: no article text found")
    language = cleaned.language or detect_language(" ".join(cleaned.paragraphs))
    return replace(cleaned, language=language)
