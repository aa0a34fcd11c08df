"""Initialisms: how to write "FBI" so that a voice says its letters.

Voices disagree. One reads "A I" as the article "a" and the word "eye"; another reads
"AI" as a word. :func:`spell` writes an initialism in one of a few spellings; each engine
names the one it was heard to say as letters (its ``initialisms`` attribute, measured by
``benchmarks/initialisms.py``).
"""

from __future__ import annotations

LETTER_NAMES = {
    "A": "ay",
    "B": "bee",
    "C": "see",
    "D": "dee",
    "E": "ee",
    "F": "ef",
    "G": "gee",
    "H": "aitch",
    "I": "eye",
    "J": "jay",
    "K": "kay",
    "L": "el",
    "M": "em",
    "N": "en",
    "O": "oh",
    "P": "pee",
    "Q": "cue",
    "R": "ar",
    "S": "ess",
    "T": "tee",
    "U": "you",
    "V": "vee",
    "W": "double-you",
    "X": "ex",
    "Y": "why",
    "Z": "zee",
}
STYLES = ("caps", "dotted", "spaced", "hyphened", "names")


def spell(letters: str, style: str = "spaced") -> str:
    """``letters`` ("FBI") written so a voice says each one: "FBI", "F.B.I.", "F B I", "F-B-I" or "ef bee eye"."""
    letters = letters.upper()
    if style == "caps":
        return letters
    if style == "dotted":
        return "".join(f"{c}." for c in letters)
    if style == "hyphened":
        return "-".join(letters)
    if style == "names":
        return " ".join(LETTER_NAMES.get(c, c) for c in letters)
    if style == "spaced":
        return " ".join(letters)
    raise ValueError(f"unknown initialism style {style!r} (known: {', '.join(STYLES)})")
