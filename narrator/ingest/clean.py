"""Clean: keep only the article's own words, whatever format it came from.

Readers already drop most furniture; this stage removes what survives in any format
(share and sign-up prompts, "Related:" and read-more teasers, captions, reading times,
AI-audio notes, a repeated headline), sentence by sentence where a prompt is glued to a
paragraph; keeps only people as the author (not desks or agencies); fills in the
language; and refuses text with no sentence to read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import IngestError
from ..models import Article, Section
from ..text.dates import find_date
from ..text.language import detect_language
from ..text.segment import split_sentences
from ..text.tidy import tidy_line
from . import furniture as F
from .bylines import parse_byline, people

_WORD = re.compile(r"[^\W\d_]{2,}")
_DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk)\b", re.I)


def _keep(paragraph: str, title: str | None) -> bool:
    if not paragraph or (title and paragraph.strip().rstrip(".") == title.strip().rstrip(".")):
        return False
    if len(F.words(paragraph)) <= 20 and parse_byline(paragraph):
        return False  # the byline: its name is metadata, read in the intro
    return not (
        F.is_prompt(paragraph)
        or (F.is_reading_time(paragraph) and len(F.words(paragraph)) <= 12)
        or F.is_caption(paragraph)
        or F.is_correction(paragraph)
        or F.is_report_credit(paragraph)
    )


FOOTER = 3  # an author's footer is among the article's last few paragraphs


def _is_footer(paragraph: str, from_end: int, author: str | None) -> bool:
    """An author's bio ("Jane Roe is a reporter for ..."), not a story's sentence about a
    producer or a critic: it closes the article, or it names the author."""
    if not F.is_bio(paragraph):
        return False
    first = paragraph.split(maxsplit=1)[0].lower()
    return from_end < FOOTER or (author is not None and first in author.lower().split())


def _strip_prompts(paragraph: str) -> str:
    """The paragraph without the prompt sentences glued to its start or end ("Sign up
    for our newsletter. Share this article: Facebook · X")."""
    if F.is_prompt(paragraph) or not F.has_prompt_words(paragraph):
        return "" if F.is_prompt(paragraph) else paragraph
    sentences = split_sentences(paragraph)
    while sentences and F.is_prompt(sentences[-1]):
        sentences.pop()
    while sentences and F.is_prompt(sentences[0]):
        sentences.pop(0)
    return " ".join(sentences)


def _is_link(token: str) -> bool:
    return token.lower().startswith(("http://", "https://", "www.")) or bool(_DOMAIN.search(token))


def _has_sentence(paragraphs: tuple[str, ...]) -> bool:
    """Whether there is anything a listener would call a sentence: a few different words,
    not one word repeated or a list of links."""
    for paragraph in paragraphs:
        # Token by token, so a long run of symbols costs linear time.
        prose = " ".join(t for t in paragraph.split() if not _is_link(t))
        words = {w.lower() for w in _WORD.findall(prose)}
        if len(words) >= 3 or (len(words) >= 2 and F.ends_like_sentence(paragraph)):
            return True
    return False


def _tidy_meta(value: str | None) -> str | None:
    if value is None:
        return None
    value = tidy_line(value)
    return value or None


_TITLE_WORDS = 10
# Words a shortened title doesn't end on ("... on Monday to").
_DANGLING = frozenset(
    """a an the of to and or but nor in on at for with by from as into onto over under about after before than
    that which who whom whose where when while because if so its his her their our your my this these those
    is are was were be been has have had will would can could said says""".split()
)


def title_from_sentence(sentence: str) -> str:
    """A title from an article's first sentence: the whole of a short one, else its first
    clause or its first ten words, not ending on a word like "to" or "the"."""
    words = sentence.split()
    if len(words) <= _TITLE_WORDS + 2:
        return sentence.rstrip(" .,;:")
    # A clause break ("After three years of delays, the council...") that leaves a few words.
    for i in range(_TITLE_WORDS - 1, 2, -1):
        if words[i].endswith((",", ";", ":")):
            return " ".join(words[: i + 1]).rstrip(",;:")
    cut = words[:_TITLE_WORDS]
    while len(cut) > 3 and cut[-1].lower().strip("\"'“”‘’,;:") in _DANGLING:
        cut.pop()
    return " ".join(cut).rstrip(" .,;:")


# A wire story's dateline before its first sentence: "TAIPEI, Taiwan (AP) -", "LONDON (Reuters) —".
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{0,29}[A-Z.](?:,[\w.'’ ]{2,30})?(?:\s\([\w ]{2,20}\))?\s?[-–—]\s")


def _untitled(article: Article) -> str | None:
    """A title for an article that has none, from its first sentence."""
    if not article.paragraphs:
        return None
    sentences = split_sentences(article.paragraphs[0])
    return title_from_sentence(_WIRE_DATELINE.sub("", sentences[0])) if sentences else None


def clean_article(article: Article) -> Article:
    """The article with furniture removed and metadata tidied.

    Raises IngestError if no readable body is left.
    """
    title = _tidy_meta(article.title)
    author = _tidy_meta(article.author)
    kept = [
        (section, [p for p in map(_strip_prompts, map(tidy_line, section.paragraphs)) if _keep(p, title)])
        for section in article.sections
    ]
    published = article.published
    # A date above the first paragraph ("2008-01-12 11:31", "Updated July 24, 2012 9:16 a.m.")
    # is the page's, said in the intro; it also tells the date when the page declares none.
    for _, paragraphs in kept:
        while paragraphs and F.is_dateline(paragraphs[0]):
            found = find_date(paragraphs.pop(0))
            published = published or (found[0] if found else None)
        if paragraphs:
            break
    from_end = sum(len(paragraphs) for _, paragraphs in kept)
    sections = []
    for section, found in kept:
        paragraphs = []
        for paragraph in found:
            from_end -= 1
            if not _is_footer(paragraph, from_end, author):
                paragraphs.append(paragraph)
        if paragraphs:
            sections.append(Section(title=_tidy_meta(section.title), paragraphs=tuple(paragraphs)))
    cleaned = replace(
        article,
        title=title,
        author=people(author),
        published=published,
        sections=tuple(sections),
    )
    name = article.source or "input"
    if not cleaned.paragraphs:
        raise IngestError(f"{name}: no article text found")
    if not _has_sentence(cleaned.paragraphs):
        raise IngestError(f"{name}: no article text found: no sentence, only single words or links")
    language = cleaned.language or detect_language(" ".join(cleaned.paragraphs))
    # After the filters, which drop a paragraph that repeats the title.
    if cleaned.title:
        return replace(cleaned, language=language)
    title = _untitled(cleaned)
    return replace(cleaned, language=language, title=title, title_from_text=title is not None)
