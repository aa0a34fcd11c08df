"""A live blog's updates: the time each was posted ("14:40 BST"), which extractors leave out,
read at the head of the update, as a newsreader says it."""

from __future__ import annotations

from typing import Any

from ...text.tidy import tidy_line
from ..furniture import is_clock, is_furniture
from .html_blocks import SUBHEADING_TAGS, Block, find_place, innermost

UPDATE_DEPTH = 3  # levels from a paragraph up to the update that holds it and its time
MIN_UPDATES = 2  # a page with one stamped block is an article with a time, not a live blog


def update_times(blocks: list[Block], places: dict[str, list[Any]]) -> list[Block]:
    """``blocks`` with each update's time as a heading before its first block, joined to the
    update's own heading when it has one ("14:40 BST. Kestrels 3 Rovers 2"). Only where two
    updates at least have a time: one block with a clock in it is an article's header."""
    stamps = [_update_of(text, places) for _, text in blocks]
    if len({id(found[0]) for found in stamps if found}) < MIN_UPDATES:
        return blocks
    out: list[Block] = []
    seen: set[int] = set()
    for (kind, text), found in zip(blocks, stamps, strict=True):
        if found and id(found[0]) not in seen:
            seen.add(id(found[0]))
            _, time, heading = found
            if kind == "head":
                out.append(("head", f"{time}. {text}"))
                continue
            out.append(("head", f"{time}. {heading}" if heading else time))
        out.append((kind, text))
    return out


def _update_of(text: str, places: dict[str, list[Any]]) -> tuple[Any, str, str | None] | None:
    """The update holding a block, its time and its heading: the nearest block above it (a
    few levels up) with exactly one clock time in it, set before the block's own text, and
    the heading set between them, which an extractor may have left out."""
    found = innermost(find_place(places, text) or [])
    if not found:
        return None
    el = found[0]
    for ancestor in list(el.iterancestors())[:UPDATE_DEPTH]:
        clocks = [t for t in ancestor.iter("time") if is_clock(tidy_line(t.text_content()))]
        if len(clocks) > 1:
            return None  # a block that holds several updates is the blog, not one of them
        if clocks and _before(clocks[0], el, ancestor):
            headings = [h for h in ancestor.iter(*SUBHEADING_TAGS) if _before(h, el, ancestor) and h is not el]
            heading = tidy_line(headings[0].text_content()) if headings else ""
            return (
                ancestor,
                tidy_line(clocks[0].text_content()),
                heading if heading and not is_furniture(heading) else None,
            )
    return None


def _before(first: Any, second: Any, within: Any) -> bool:
    """Whether ``first`` comes before ``second`` in ``within``, in page order."""
    for node in within.iter():
        if node is first:
            return True
        if node is second:
            return False
    return False
