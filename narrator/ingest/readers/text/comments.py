"""Readers' comments on a copied page: a thread's header, a comment's signature and tool
lines, and where a thread begins."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Block

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


def is_comment_head(text: str) -> bool:
    """The header of a comment thread: "12 comments", "Leave a reply", "Join the discussion"."""
    return len(text.split()) <= 12 and bool(_COMMENT_HEAD.search(text))


def is_comment_meta(text: str, n: int | None = None) -> bool:
    """A comment's signature or tool line: "Comment #3 - Posted by: Ann", "Reply", "12 likes"."""
    return (len(text.split()) if n is None else n) <= 12 and bool(_COMMENT_META.search(text))


THREAD_LOOK = 8  # lines under a header where a thread's first comments sign
SIGNATURE_WORDS = 16  # "Comment #15 - Posted by: Josh M/19/173lbs at November 10, 2012 6:58 PM"


def thread_start(blocks: Sequence[Block]) -> int | None:
    """Where the page's comment thread begins: the first thread header with at least two
    signature or tool lines of comments under it. A bare count in a byline strip ("214
    comments") has none under it, so it starts nothing."""
    for i, block in enumerate(blocks):
        if not is_comment_head(block.text):
            continue
        under = blocks[i + 1 : i + 1 + THREAD_LOOK]
        if sum(bool(_COMMENT_META.search(b.text)) and len(b.text.split()) <= SIGNATURE_WORDS for b in under) >= 2:
            return i
    return None
