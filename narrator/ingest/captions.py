"""Photo captions and credits: a line that ends with a credit in brackets, or is only a credit
("Getty Images", "AP Photo/Jane Doe", "Image copyrightReuters")."""

from __future__ import annotations

import re

from .lines import ends_like_sentence, words

_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photograph|photographer|picture|image|images|credit|getty|reuters|afp|ap|"
    r"epa|shutterstock|alamy|istock|pool|handout|courtesy|file|via|press\sassociation|"
    r"pa\smedia|bloomberg|associated\spress|illustration)\b",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(r"\(([^()]{3,120})\)\s*$")
_TRAILING_CREDIT = re.compile(
    r"(?:photo(?:graph)?|picture|image|credit|illustration)s?\s*(?:by)?\s*[:|]\s*[^.]{2,80}$",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(r"(?:^|\s)[A-Z][\w&]*(?:\s[A-Z][\w&]*){0,2}/[A-Z][\w.'’ -]{1,40}$")
_CREDIT_BY = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|images?|illustrations?|video|graphics?)\s+by\b", re.IGNORECASE
)
# A caption's or credit's label as copied, glued to its text: "Image copyrightGetty Images",
# "Image captionPupils at the rally", "Media captionWatch: the moment ...". Not "Image captioning".
_LABELLED = re.compile(r"^(?i:image|media|video)\s?(?i:copyright|caption|source)(?=[A-Z0-9\s:\"“‘'(]|$)")


def is_caption(line: str) -> bool:
    """A photo caption or credit: ends with a credit in brackets, or is only a credit."""
    stripped = line.strip()
    paren = _TRAILING_PAREN.search(stripped)
    if paren and _credit_in_parens(paren.group(1)):
        return True
    if _TRAILING_CREDIT.search(stripped) and not ends_like_sentence(stripped.rstrip(".")):
        return True
    if re.match(r"^(?:photo|image|picture|credit)s?\s*(?:by)?\s*[:|]", stripped, re.I):
        return True
    if _LABELLED.match(stripped):
        return True
    if _CREDIT_BY.match(stripped):
        return True
    # "... in 1972. AP Photo/Carl Dunne": a credit glued to the end of a caption.
    if not ends_like_sentence(stripped) and _CREDIT_TAIL.search(stripped):
        return True
    # "Getty Images", "AP Photo/Jane Doe", "Reuters/John Roe": a bare credit line.
    return bool(
        len(words(stripped)) <= 6
        and _CREDIT_WORDS.search(stripped)
        and not ends_like_sentence(stripped)
        and ("/" in stripped or "Images" in stripped)
    )


PAREN_CREDIT_WORDS = 12


def _credit_in_parens(inner: str) -> bool:
    """A credit in brackets, "(AP Photo/Jane Roe)", "(Getty Images)", "(photo by Jane Roe)", not
    an aside ("(or plain flour)", "(below 200 mg/dL)", a sentence in brackets)."""
    if len(words(inner)) > PAREN_CREDIT_WORDS or ends_like_sentence(inner):
        return False
    if _NAME_SLASH.search(inner):
        return True
    first = inner.lstrip("\"'“‘@").split(maxsplit=1)
    if not first or not _CREDIT_WORDS.search(inner):
        return False
    return first[0][:1].isupper() or bool(_CREDIT_WORDS.match(first[0]))


_NAME_SLASH = re.compile(r"(?:[A-Z][\w.&'’-]*|@\w+)\s?/\s?[A-Z@]")
