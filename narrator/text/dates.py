"""Find publication dates and times written the ways news pages write them, with the time
zone when the page gives one ("9:41 AM GMT+2", "10:30 a.m. ET", "18:20 CET",
"2025-03-04T07:30:00+02:00"). A time without a zone stays naive: the caller reads it in
the configured time zone."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .tables import MONTH_NUMBERS

MONTHS = MONTH_NUMBERS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Zone abbreviations news pages use. Regional names follow daylight saving (ET is EST in
# winter and EDT in summer); the explicit standard and summer names are fixed offsets.
# Ambiguous ones (IST: India, Ireland or Israel) are left out: better no zone than a wrong one.
ZONES: dict[str, str | int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "WEST": 60, "CET": 60,
    "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180, "ET": "America/New_York", "EST": -300,
    "EDT": -240, "CT": "America/Chicago", "CST": -360, "CDT": -300, "MT": "America/Denver", "MST": -420,
    "MDT": -360, "PT": "America/Los_Angeles", "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480,
    "HST": -600, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "AWST": 480, "AEST": 600, "AEDT": 660,
    "ACST": 570, "NZST": 720, "NZDT": 780,
}  # fmt: skip
_ZONE = (
    r"(?:\s*\(?(?P<zone>" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")"
    r"(?P<shift>\s?[+-−]\s?\d{1,2}(?::?\d{2})?)?\)?(?![\w+-])"
    r"|\s*(?P<offset>[+-]\d{2}:?\d{2})(?![\d:]))?"
)
_TIME = (
    r"(?:\s*(?:,|at|-|–|—|\|)?\s*(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?![\w])" + _ZONE + ")?"
)

_PATTERNS = [
    # 2025-02-27, 2025-02-27T18:20
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)" + _TIME.replace(
        r"(?:,|at|-|–|—|\|)?", r"(?:,|at|-|–|—|\||T)?"), re.IGNORECASE),
    # February 27, 2025 6:20 PM / Feb. 27 2025
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
    # 22/09/2025 or 09/22/2025, only when the day can't be mistaken for the month
    re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)(?![\d/])"),
    # 27 February 2025 / 27 Feb. 2025, 14:05
    re.compile(rf"(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d){_TIME}", re.IGNORECASE),
]


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _zone(parts: dict[str, str | None]) -> dt.tzinfo | None:
    """The time zone a matched time names, or None when it names none."""
    if parts.get("offset"):
        return _fixed(parts["offset"] or "")
    name = (parts.get("zone") or "").upper()
    if name not in ZONES:
        return None
    base = ZONES[name]
    if parts.get("shift"):  # "GMT+2", "UTC-05:00": an offset from UTC written after it
        return _fixed(parts["shift"] or "")
    return ZoneInfo(base) if isinstance(base, str) else dt.timezone(dt.timedelta(minutes=base))


def _fixed(text: str) -> dt.tzinfo | None:
    match = re.fullmatch(r"\s*([+-−])\s*(\d{1,2}):?(\d{2})?", text)
    if not match:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return dt.timezone(dt.timedelta(minutes=-minutes if match.group(1) in "-−" else minutes))


def find_date(text: str) -> tuple[dt.date | dt.datetime, tuple[int, int]] | None:
    """The first plausible date in ``text`` and where it is, or None.

    A time next to the date makes it a datetime, aware when the page names its zone.
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
                    value = dt.datetime.combine(date, dt.time(hour, minute), tzinfo=_zone(parts))
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
        value = dt.datetime.fromisoformat(re.sub(r"Z$", "+00:00", text))
    except ValueError:
        found = find_date(text)
        return found[0] if found else None
    if len(text) <= 10:
        return value.date()
    return value
