"""Readers' comment threads and picture galleries in trafilatura's body: never the article, even
when readability keeps them too. A thread is known by its comments' signatures and the line
that heads it; a gallery or a comment list by the name of the block that holds it."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from .html_blocks import Block, find_place, in_thread, innermost

# A signed line: "Posted by Ann on 3 May 2019 5:58 PM", "Posted by: Ann | Mar 20, 2007 10:19 PM",
# "Posted by: Ann, Harbourton on 8:21pm Tue 1 Jan 08": a name, then a date or a time and little else.
# A time alone ("Posted by Jane Roe at 10:15 AM") signs a live blog's entry, not a comment.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SIGNATURE = (
    r"^posted\sby:?\s.{1,60}?(?:\s(?:on|at)|\s?[|,·•]|\s[-–—])\s.{0,30}?"
    rf"(?:\b(?:1[89]|20)\d{{2}}\b|\b\d{{1,2}}\s{_MONTH}\s\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b).{{0,30}}$"
)
# Lines that open a thread in so many words, in both tests below.
_OPENING = r"comments\s(?:are\s)?(?:now\s)?closed|(?:reader|readers'?|your)\scomments|join\sthe\sdiscussion"
_INVITE = r"(?:leave|post|add)\s(?:a|your)\s(?:comment|reply)"
# Lines that only a readers' comment thread has: it starts at the first of them.
_COMMENT_MARK = re.compile(
    r"^(?:\d+\s)?(?:comments?|responses?|replies|trackbacks?)(?:\s\(\d+\))?:?$|report\s(?:this\s)?(?:comment|abuse)|"
    rf"^{_INVITE}|^posted\sby:|^posted\sby\s.{{1,60}}\s(?:on|at)\s.*\b\d{{4}}\b|^(?:{_OPENING})\b|" + _SIGNATURE,
    re.IGNORECASE,
)


def drop_comment_thread(main: list[Block], supported: list[bool], drop: list[bool]) -> None:
    """Marks what follows the body's end from the first line of a comment thread on: readers'
    comments are prose and sit near the article, but always after it. A thread both extractors
    keep goes too when its comments are signed ("Posted by Ann on 3 May 2019", "Report this
    comment" under two or more of them): it starts at the last such line before its first signature,
    or at the heading after the post's own ("Posted by Kathy on March 20, 2007 | Permalink")."""
    last = max((i for i, ok in enumerate(supported) if ok and main[i][0] == "p"), default=len(main))
    start = next((i for i in range(last + 1, len(main)) if _COMMENT_MARK.search(main[i][1])), None)
    if start is not None:
        for i in range(start, len(main)):
            if not supported[i]:
                drop[i] = True
    first = next((i for i, ok in enumerate(supported) if ok and main[i][0] == "p"), len(main))
    signed = [i for i in range(first + 1, len(main)) if _SIGNED.search(main[i][1])]
    if len(signed) >= SIGNED_COMMENTS:
        headings = [i for i in range(first + 1, signed[1]) if _COMMENT_MARK.search(main[i][1]) and i not in signed]
        if headings and headings[-1] > signed[0]:
            start = headings[-1]  # a heading between the first two signatures: the first is the post's own
        else:  # the thread's heading: the last mark before its first signature (trackbacks may come first)
            start = next((i for i in range(signed[0] - 1, first, -1) if _COMMENT_MARK.search(main[i][1])), signed[0])
        for i in range(start, len(main)):
            drop[i] = True
    _drop_named_comments(main, first, drop)


# Lines that open a thread and nothing else: not a bare "Comment" (a part of the article may be headed so).
_THREAD_OPENING = re.compile(rf"^(?:\d+\s(?:comments?|responses?|replies)|{_OPENING}|{_INVITE})\b", re.IGNORECASE)
NAME_WORDS = 4  # a commenter's name, handle or place: "Frank @ Toronto", "J-F (Ottawa)"
NAMED_COMMENTS = 3


def _drop_named_comments(main: list[Block], first: int, drop: list[bool]) -> None:
    """A thread whose comments are signed with a bare name over each ("Lina", "Frank @ Toronto"):
    from a line that only a thread has ("Comments are now closed for this story", "12 comments";
    not a bare "Comment", which can head a part of the article) on, when three such name lines
    follow it, each a paragraph over a comment, not a heading over a part of the article."""
    start = next((i for i in range(first + 1, len(main)) if _THREAD_OPENING.search(main[i][1])), None)
    if start is None:
        return
    after = main[start + 1 : start + 1 + 4 * NAMED_COMMENTS]
    names = sum(kind == "p" and _name_over_comment(text, below) for (kind, text), (_, below) in pairwise(after))
    if names >= NAMED_COMMENTS:
        for i in range(start, len(main)):
            drop[i] = True


def _name_over_comment(line: str, below: str) -> bool:
    return len(line.split()) <= NAME_WORDS and not re.search(r"[.!?:]$", line) and len(below.split()) > NAME_WORDS


# A comment's signature or its moderation link: found only under readers' comments.
_SIGNED = re.compile(r"^report\s(?:this\s)?(?:comment|abuse)\W*$|" + _SIGNATURE, re.IGNORECASE)
SIGNED_COMMENTS = 2


THREAD_SHARE = 0.5  # of the agreed words outside named threads: the story is beside them
STORY_WORDS = 150  # or this many: a story beside a long slideshow


def drop_named_threads(
    main: list[Block], supported: list[bool], drop: list[bool], places: dict[str, list[Any]]
) -> None:
    """Marks the paragraphs both extractors keep that sit in a block named as a comment list or a
    gallery ("commentlist", "photoGalleryContainer"), when a story stands outside such blocks (half
    of what they agree on, or a few paragraphs): a slideshow's captions beside the story. A page
    that is only a gallery, or a gallery under a line or two, keeps it."""
    if not places:
        return
    threaded = {
        i for i, (_, text) in enumerate(main) if supported[i] and in_thread(innermost(find_place(places, text) or []))
    }
    words = [len(_TOKEN.findall(text)) if supported[i] and kind == "p" else 0 for i, (kind, text) in enumerate(main)]
    outside = sum(n for i, n in enumerate(words) if i not in threaded)
    if not threaded or outside < min(STORY_WORDS, THREAD_SHARE * sum(words)):
        return
    for i in threaded:
        drop[i] = True


_TOKEN = re.compile(r"\w+")
