"""A live blog in copied text: posts under a time each ("7.15pm", or "6:47 p.m. ET By Jane
Roe"), perhaps a byline and a heading, then a few sentences, a tweet or a photo, and the post's
share tools. The model doubts short posts that speak to the reader ("No injuries have been
reported.", "Good morning and welcome to our coverage"), so once the body is among the posts,
every post is read the same way: its time, its heading and its sentences, not its byline,
tools, captions or embedded posts."""

from __future__ import annotations

import numpy as np

from ... import furniture as F
from ...bylines import parse_byline
from .blocks import Block
from .decoder import IN
from .lists import is_prose, is_short_head

POSTS = 3  # times on the page before it is read as a live blog
HEAD_WORDS = 15


def post_time(text: str) -> bool:
    """A post's time, bare or with its author after it: "7.15pm", "6:47 p.m. ET By Jane Roe"."""
    if F.is_clock(text):
        return True
    left, by, right = text.partition(" By ")
    return bool(by) and F.is_clock(left) and parse_byline(f"By {right}") is not None


def live_posts(blocks: list[Block], states: np.ndarray, posted: np.ndarray) -> np.ndarray:
    """Every post of a live blog whose body the reader has found among its posts. ``posted``
    marks an embedded post's text (the line over its signature), which is not the blog's."""
    times = [i for i, b in enumerate(blocks) if post_time(b.text)]
    inside = np.flatnonzero(states == IN)
    if len(times) < POSTS or not len(inside) or not any(times[0] < i < times[-1] + 2 for i in inside):
        return states
    out = states.copy()
    ends = [*times[1:], len(blocks)]
    for start, end in zip(times, ends, strict=True):
        if F.is_clock(blocks[start].text):
            out[start] = IN  # the time is said; a time with a byline run into it is not
        k = start + 1
        if k < end and parse_byline(blocks[k].text) is not None:
            k += 1
        if k < end and is_short_head(blocks[k].text, HEAD_WORDS) and parse_byline(blocks[k].text) is None:
            out[k] = IN
            k += 1
        said, tools = False, 0
        for j in range(k, end):
            text = blocks[j].text
            tools = tools + 1 if F.is_furniture(text) else 0
            if is_prose(text) and not posted[j]:
                out[j] = IN
                said = True
            elif end == len(blocks) and ((said and tools) or tools >= 2):
                break  # the last post ends at its tools; the page's own lines come after
    return out
