"""Small text helpers: sentences, ordinal suffixes, 12-hour clocks."""

from __future__ import annotations

import datetime as dt
import re


def clock12(when: dt.datetime) -> str:
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"


def ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_SENT = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z\"“‘])")


def sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _SENT.finditer(text):
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def first_sentence(text: str) -> str:
    return sentences(text)[0] if sentences(text) else text
