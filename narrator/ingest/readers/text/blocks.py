"""Copied text cut into blocks: one per line, or one per paragraph when the text is hard-wrapped."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ....text.tidy import tidy_line

TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")  # a line that ends as a sentence does


@dataclass(frozen=True)
class Block:
    text: str
    first: int  # index of its first raw line
    last: int  # index of its last raw line
    blank_before: bool
    blank_after: bool


def _wrap_width(lines: list[str]) -> int:
    """The width text was hard-wrapped at, or 0 when it was not wrapped.

    Wrapped text has many lines whose length sits just under one width, and each of
    them is "full": the next line's first word would not have fitted on it.
    """
    lengths = [len(x) for x in lines if len(x) >= 30]
    if len(lengths) < 6:
        return 0
    width = sorted(lengths)[int(len(lengths) * 0.9)]
    if width > 110:
        return 0
    near = sum(1 for n in lengths if width - 18 <= n <= width)
    full = 0
    for a, b in itertools.pairwise(lines):
        if a and b and len(a) + 1 + len(b.split()[0]) > width and len(a) >= width - 25:
            full += 1
    return width if near >= 0.25 * len(lengths) and full >= max(5, 0.2 * len(lengths)) else 0


def segment(text: str) -> list[Block]:
    """Blocks of the page: one per line, or one per wrapped paragraph."""
    raw = [tidy_line(x) for x in text.splitlines()]
    width = _wrap_width(raw)
    blocks: list[Block] = []
    i, n = 0, len(raw)
    while i < n:
        if not raw[i]:
            i += 1
            continue
        j = i
        parts = [raw[i]]
        while (
            width
            and j + 1 < n
            and raw[j + 1]
            and len(raw[j]) + 1 + len(raw[j + 1].split()[0]) > width
            and len(raw[j]) >= width - 25
        ):
            j += 1
            parts.append(raw[j])
        blocks.append(
            Block(
                text=" ".join(parts),
                first=i,
                last=j,
                blank_before=i == 0 or not raw[i - 1],
                blank_after=j + 1 >= n or not raw[j + 1],
            )
        )
        i = j + 1
    return blocks
