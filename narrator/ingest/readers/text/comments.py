"""Readers' comments on a copied page: a thread's header, a comment's signature and tool
lines, and where a thread begins."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ....text.dates import find_date
from ...bylines import is_person
from .blocks import TERMINAL, Block

_COMMENT_HEAD = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions|thoughts\son|discussion|conversation)\b|"
    r"^(?:comments?|responses?)\s*[(:]|\b(?:leave|post|add|write)\s(?:a|your|new)\s(?:reply|comment)|"
    r"join\sthe\s(?:conversation|discussion)|have\syour\ssay|what\sdo\syou\sthink|reader\scomments|"
    r"comments\sare\s(?:closed|moderated)|comment\spolicy|to\spost\sa\scomment|show\scomments|view\s(?:all\s)?\d*\s?comments",
    re.I,
)
_COMMENT_META = re.compile(
    r"\b(?:says|said|wrote|writes)(?:\.\.\.|:)?\s*$|^(?:reply|report(?:\sabuse|\sthis\scomment)?|flag|permalink|"
    r"recommend|like|\[?\s*reply\s*\]?|reply\s*↓|load\smore\scomments|show\smore\sreplies|in\sreply\sto\b.*)$|"
    r"\b\d+\s(?:likes?|points?|votes?|replies)\b|\bposted\sby\b|^comment\s#?\d+|^#\d+\b|\breport\sabuse\b|"
    r"\|\s*reply\b|\breply\s*\|",
    re.I,
)


# The comment form's own lines and the rules over it: "Your comment could not be posted",
# "This is only a preview", the letters to type, "Do not post: potentially libelous statements".
_FORM = re.compile(
    r"\byour\scomment\s(?:has|could|will|is|must)\b|\bthis\sis\sonly\sa\spreview\b|"
    r"\b(?:letters\sand\snumbers|characters)\syou\s(?:see|entered)\b|\bhaving\strouble\sreading\sthis\simage\b|"
    r"^do\snot\spost\b|\bpotentially\slibel+ous\b|\bthank\syou\sfor\syour\scomments?\b|"
    r"\bthis\s(?:post|comment)\shas\sbeen\sreported\b",
    re.IGNORECASE,
)
FORM_WORDS = 40


FORM_NEAR = 10  # lines: a form's lines come together; an article that quotes one has it alone


def form_lines(blocks: Sequence[Block]) -> np.ndarray:
    """The comment form's lines, which the model reads as prose ("Thank you for your
    comments!", the moderation rules). A line counts when another of them is near it."""
    found = np.flatnonzero([len(b.text.split()) <= FORM_WORDS and bool(_FORM.search(b.text)) for b in blocks])
    form = np.zeros(len(blocks), dtype=bool)
    for k, i in enumerate(found):
        near = (k > 0 and i - found[k - 1] <= FORM_NEAR) or (k + 1 < len(found) and found[k + 1] - i <= FORM_NEAR)
        form[i] = near
    return form


# A blog's thread header names the post, however long its title: "13 Responses to The Time
# Has Come...", "One thought on “...”".
_HEAD_ON_TITLE = re.compile(
    r"^(?:\d+|one)\s+(?:comments?|responses?|replies|reply|thoughts?)\s"
    r"(?:to|on)\s\S",
    re.I,
)
TITLED_HEAD_WORDS = 30


def is_comment_head(text: str) -> bool:
    """The header of a comment thread: "12 comments", "Leave a reply", "Join the discussion"
    (one of the model's features)."""
    return len(text.split()) <= 12 and bool(_COMMENT_HEAD.search(text))


def is_thread_head(text: str) -> bool:
    """:func:`is_comment_head`, or a blog's header that names the post: "13 Responses to
    <the post's title>", "One thought on “<title>”"."""
    if is_comment_head(text):
        return True
    return len(text.split()) <= TITLED_HEAD_WORDS and bool(_HEAD_ON_TITLE.match(text)) and not TERMINAL.search(text)


def is_comment_meta(text: str, n: int | None = None) -> bool:
    """A comment's signature or tool line: "Comment #3 - Posted by: Ann", "Reply", "12 likes"."""
    return (len(text.split()) if n is None else n) <= 12 and bool(_COMMENT_META.search(text))


THREAD_LOOK = 8  # lines under a header where a thread's first comments sign
SIGNATURE_WORDS = 16  # "Comment #15 - Posted by: Josh M/19/173lbs at November 10, 2012 6:58 PM"
# A header set in marks: "{ 12 comments… read them below or add one }"
_MARKED_HEAD = re.compile(r"^\W+(?:\d+\s+)?comments?\b", re.I)
_POSTED_AT = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b", re.I)  # "Andrew Moylan 07.19.12 at 07:57"


def _signature(text: str) -> bool:
    """A comment's signature or tool line, or a short line of a name and when it was posted
    ("Ann Moyle 07.19.12 at 07:57") or where its writer lives ("Blake B, Los Angeles")."""
    n = len(text.split())
    if n > SIGNATURE_WORDS:
        return False
    if _COMMENT_META.search(text):
        return True
    if n > 10 or TERMINAL.search(text):
        return False
    if _POSTED_AT.search(text) or find_date(text):
        return True
    return n <= 8 and "," in text and is_person(text.split(",")[0])


def thread_start(blocks: Sequence[Block]) -> int | None:
    """Where the page's comment thread begins: the first thread header with at least two
    comments' signatures under it. A bare count in a byline strip ("214 comments") has none
    under it, so it starts nothing."""
    for i, block in enumerate(blocks):
        text = block.text
        if not (is_thread_head(text) or (len(text.split()) <= 12 and _MARKED_HEAD.match(text))):
            continue
        if sum(_signature(b.text) for b in blocks[i + 1 : i + 1 + THREAD_LOOK]) >= 2:
            return i
    return None
