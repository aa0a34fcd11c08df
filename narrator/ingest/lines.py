"""A line of a page as the furniture tests see it: its words, and whether it ends a sentence."""

from __future__ import annotations

TERMINAL = (".", "!", "?", '."', ".”", "!”", "?”", ".’", '?"', '!"', ".)", "…", "…”", '…"', ":", ".'")


def words(line: str) -> list[str]:
    return line.split()


def ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL)
