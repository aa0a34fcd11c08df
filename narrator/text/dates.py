"""Find publication dates and times written the ways news pages write them, with the time
zone when the page gives one ("9:41 AM GMT+2", "10:30 a.m. ET", "18:20 CET",
"2025-03-04T07:30:00+02:00"). A time without a zone stays naive: the caller reads it in
the configured time zone."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .tables import MONTH_NUMBERS

MONTHS = MONTH_NUMBERS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Zone abbreviations news pages use: the one table of time zones. Each has its offset
# (minutes east of UTC) or, for a regional name that follows daylight saving, the IANA
# zone (ET is EST in winter and EDT in summer); and what a newsreader says after a time
# ("Eastern Time"; a name said as itself is spelt out), or None where it isn't read as
# a zone (CST is also China's). Ambiguous ones (IST: India, Ireland or Israel) are left
# out: better no zone than a wrong one.
class Zone(NamedTuple):
    base: str | int
    spoken: str | None = None


ZONES: dict[str, Zone] = {
    "UTC": Zone(0, "UTC"), "GMT": Zone(0, "GMT"), "Z": Zone(0), "WET": Zone(0), "BST": Zone(60, "British Summer Time"),
    "WEST": Zone(60), "CET": Zone(60, "Central European Time"), "CEST": Zone(120), "EET": Zone(120),
    "EEST": Zone(180), "MSK": Zone(180), "ET": Zone("America/New_York", "Eastern Time"),
    "EST": Zone(-300, "Eastern Time"), "EDT": Zone(-240, "Eastern Time"), "CT": Zone("America/Chicago", "Central Time"),
    "CST": Zone(-360), "CDT": Zone(-300), "MT": Zone("America/Denver", "Mountain Time"), "MST": Zone(-420),
    "MDT": Zone(-360), "PT": Zone("America/Los_Angeles", "Pacific Time"), "PST": Zone(-480, "Pacific Time"),
    "PDT": Zone(-420, "Pacific Time"), "AKST": Zone(-540), "AKDT": Zone(-480), "HST": Zone(-600), "JST": Zone(540),
    "KST": Zone(540), "HKT": Zone(480), "SGT": Zone(480), "AWST": Zone(480), "AEST": Zone(600), "AEDT": Zone(660),
    "ACST": Zone(570), "NZST": Zone(720), "NZDT": Zone(780),
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
    base = ZONES[name].base
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


def first_date(text: str) -> dt.date | dt.datetime | None:
    """The first date in ``text``, with its time zone when the page gives one."""
    found = find_date(text)
    return found[0] if found else None


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


# Zone names a CMS writes after an ISO time, read there with their seconds; a page's other
# names are found by find_date.
_ISO_ZONE_NAMES = frozenset("UTC GMT Z BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT".split())
_ISO_WITH_ZONE_NAME = re.compile(r"^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*([A-Za-z]{1,4})$")
_BARE_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")

When = dt.date | dt.datetime


def parse_when(text: str | None) -> When | None:
    """A datetime with the zone the text gives (naive when it gives none), or a bare date.

    Midnight with no zone is a day that a CMS wrote as a datetime: it stays a date.
    """
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    value = _iso(text) or _rfc2822(text) or parse_date(text)
    if value is None or not 1990 <= value.year <= dt.date.today().year + 1:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is None and value.time() == dt.time(0, 0):
        return value.date()
    return value


def _iso(text: str) -> When | None:
    if _BARE_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    named = _ISO_WITH_ZONE_NAME.match(text)
    zone = None
    if named and named.group(2).upper() in _ISO_ZONE_NAMES:
        text, zone = named.group(1), _zone({"zone": named.group(2)})
    try:
        value = dt.datetime.fromisoformat(re.sub(r"[Zz]$", "+00:00", text))
    except ValueError:
        return None
    return value.replace(tzinfo=zone) if zone is not None else value


def _rfc2822(text: str) -> dt.datetime | None:
    if not re.search(r"\d{1,2}:\d\d", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
