"""Find publication dates and times written the ways news pages write them."""

from __future__ import annotations

import datetime as dt
import re

from .tables import MONTH_NUMBERS

MONTHS = MONTH_NUMBERS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TIME = (
    r"(?:\s*(?:,|at|-|–|—|\|)?\s*(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?![\w]))?"
)

_PATTERNS = [
    # 2025-02-27, 2025-02-27T18:20
    re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?(?!\d)"
    ),
    # February 27, 2025 6:20 PM / Feb. 27 2025
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
    # 22/09/2025 or 09/22/2025, only when the day can't be mistaken for the month
    re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)(?![\d/])"),
    # 27 February 2025 / 27 Feb. 2025, 14:05
    re.compile(rf"(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
]


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def find_date(text: str) -> tuple[dt.date | dt.datetime, tuple[int, int]] | None:
    """The first plausible date in ``text`` and where it is, or None.

    A time next to the date makes it a datetime (no time zone: pages rarely say one).
    """
    best = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            try:
                parts = match.groupdict()
                if "a" in parts:
                    a, b = int(parts["a"]), int(parts["b"])
                    if (a <= 12) == (b <= 12):
                        continue  # 03/04/2025 could be March or April: don't guess
                    parts["day"], parts["month"] = (str(a), str(b)) if a > 12 else (str(b), str(a))
                date = dt.date(int(parts["year"]), _month_number(parts["month"]), int(parts["day"]))
            except (ValueError, KeyError):
                continue
            value: dt.date | dt.datetime = date
            if parts.get("hour") and parts.get("minute"):
                hour, minute = int(parts["hour"]), int(parts["minute"])
                ampm = (parts.get("ampm") or "").lower().replace(".", "").replace(" ", "")
                if ampm == "pm" and hour < 12:
                    hour += 12
                elif ampm == "am" and hour == 12:
                    hour = 0
                if hour < 24:
                    value = dt.datetime.combine(date, dt.time(hour, minute))
            if best is None or match.start() < best[1][0]:
                best = (value, match.span())
            break
    return best


def parse_date(text: str | None) -> dt.date | dt.datetime | None:
    """A date or datetime from ISO 8601 or a written date; None if there is none."""
    if not text:
        return None
    text = text.strip()
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        found = find_date(text)
        return found[0] if found else None
    if len(text) <= 10:
        return value.date()
    return value
