"""Clock times, race times and dates, as a newsreader says them: "9:30 a.m. ET" is "nine
thirty AM Eastern Time", "2:05:41" is two hours, five minutes and forty-one seconds,
"11/17/05" is "November seventeenth, two thousand five"."""

from __future__ import annotations

import calendar
import re

from .dates import ZONES
from .initialisms import spell
from .numbers import cardinal, number, ordinal, year
from .tables import MONTH_ABBREVIATIONS as MONTHS
from .tables import MONTH_NAMES as _MONTH_NAMES
from .tables import alternation

# What a newsreader says for a zone after a time, from the one table of zones.
SPOKEN_ZONES = {name: zone.spoken for name, zone in ZONES.items() if zone.spoken}
_MONTH_ALT = "|".join(sorted([*MONTHS, *(m.lower() for m in _MONTH_NAMES)], key=len, reverse=True))
_ABBREVIATED_ALT = alternation(MONTHS)


def keep_stop(match: re.Match[str], spoken: str) -> str:
    """An abbreviation's full stop that also ended the sentence still ends it."""
    return spoken + ("." if match.group(0).endswith(".") and match.end() == len(match.string) else "")


def stop(m: re.Match[str]) -> str:
    return "." if m.group(0).endswith(".") and m.end() == len(m.string) else ""


def _clock(h: int, mi: int) -> str:
    return cardinal(h) + ("" if mi == 0 else f" oh {cardinal(mi)}" if mi < 10 else f" {cardinal(mi)}")


def _durations(text: str) -> str:
    """Race and flight times: "2:05:41" is two hours, five minutes and forty-one seconds."""

    def unit(n: str, name: str) -> str:
        return f"{number(n)} {name}{'' if n.lstrip('0') == '1' else 's'}"

    def hms(m: re.Match[str]) -> str:
        seconds = m.group(3) + (f".{m.group(4)}" if m.group(4) else "")
        return f"{unit(m.group(1), 'hour')}, {unit(m.group(2), 'minute')} and {unit(seconds, 'second')}"

    text = re.sub(r"\b(\d{1,2}):([0-5]\d):([0-5]\d)(?:\.(\d+))?\b", hms, text)
    return re.sub(r"\b(\d{1,2}):([0-5]\d)\.(\d{1,3})\b",
                  lambda m: f"{unit(m.group(1), 'minute')} and {unit(m.group(2) + '.' + m.group(3), 'second')}",
                  text)  # fmt: skip


def say_times(text: str, style: str) -> str:
    zones = "|".join(SPOKEN_ZONES)

    def ampm(written: str) -> str:
        return spell("AM" if written.lower().startswith("a") else "PM", style)

    def zone(name: str | None) -> str:
        return "" if not name else " " + (spell(name, style) if SPOKEN_ZONES[name] == name else SPOKEN_ZONES[name])

    def say(m: re.Match[str]) -> str:
        h, mi, half, tz = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if h > 24 or mi > 59:
            return m.group(0)
        if half:
            words = _clock(h, mi) + " " + ampm(half)
        elif mi == 0:
            words = f"{cardinal(h)} hundred" if h >= 10 else f"{cardinal(h)} o'clock"
        else:
            words = _clock(h, mi)
        return words + zone(tz) + stop(m)

    # "12:31:13 AM" is a time of day, which a newsreader says without its seconds
    text = re.sub(r"\b(\d{1,2}:[0-5]\d):[0-5]\d(?=\s?[AaPp]\.?\s?[Mm]\b)", r"\1", text)
    text = _durations(text)
    # "8:30-5:30", "9:00-17:00": a range of clock times; a 24-hour end makes both 24-hour
    text = re.sub(r"\b(\d{1,2}):00\s?[-–]\s?(?=(?:1[3-9]|2[0-3]):\d\d)",
                  lambda m: f"{cardinal(int(m.group(1)))} hundred to ",
                  text)  # fmt: skip
    text = re.sub(r"\b(\d{1,2}:\d\d)\s?[-–]\s?(?=\d{1,2}:\d\d)", r"\1 to ", text)
    # "9:00 am - 5:30 pm": a range of clock times with their halves of the day
    text = re.sub(r"\b(\d{1,2}(?::\d\d)?\s?[AaPp]\.?\s?[Mm]\b\.?)\s?[-–]\s?(?=\d{1,2}(?::\d\d)?\s?[AaPp]\.?\s?[Mm]\b)",
                  r"\1 to ", text)  # fmt: skip
    # "11:30 ET", and "11:30ET" with the zone run on
    text = re.sub(rf"\b(\d{{1,2}}):(\d{{2}})(?:\s?([AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?(?:\s?({zones})\b)?", say, text)
    # "2.45 p.m.", "10.30am", "8.15 tonight": a full stop between hours and minutes
    text = re.sub(rf"\b(\d{{1,2}})\.([0-5]\d)(?:\s?([AaPp]\.?\s?[Mm]\b\.?)|(?=\s(?:tonight|this (?:morning|evening)|"
                  rf"tomorrow|local time)\b))(?:\s({zones})\b)?", say, text)  # fmt: skip
    # "0600 GMT": military and wire-service times
    text = re.sub(r"\b([01]\d|2[0-3])([0-5]\d)\s?(GMT|UTC|BST|hours|hrs)\b",
                  lambda m: f"{digits_pair(m.group(1))} "
                  f"{'hundred' if m.group(2) == '00' else cardinal(int(m.group(2)))} "
                  + (spell(m.group(3), style) if m.group(3) in SPOKEN_ZONES else "hours"), text)  # fmt: skip

    def hour(m: re.Match[str]) -> str:
        return f"{cardinal(int(m.group(1)))} {ampm(m.group(2))}" + zone(m.group(3)) + stop(m)

    return re.sub(rf"\b(1[0-2]|[1-9])\s?([AaPp]\.?\s?[Mm]\b\.?)(?:\s({zones})\b)?", hour, text)


def digits_pair(text: str) -> str:
    """ "06" -> "oh six"; "14" -> "fourteen"."""
    return f"oh {cardinal(int(text))}" if text.startswith("0") else cardinal(int(text))


def _date_words(month: int, day: int | None, yr: str | None, *, day_first: bool = False, the: bool = True) -> str:
    name = _MONTH_NAMES[month - 1]
    if day is None:
        words = name
    elif day_first:
        words = f"{'the ' if the else ''}{ordinal(day)} of {name}"
    else:
        words = f"{name} {ordinal(day)}"
    if yr:
        words += (", " if not day_first and day is not None else " ") + year(int(yr))
    return words


def _month_of(written: str) -> int:
    key = written.lower()
    return _MONTH_NAMES.index(MONTHS["sept" if key.startswith("sept") else key[:3]]) + 1


def _is_date(month: int, day: int, yr: int = 2000) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(yr, month)[1]


def _full_year(yr: str) -> str:
    return yr if len(yr) == 4 else str((2000 if int(yr) < 50 else 1900) + int(yr))


def _numeric_dates(text: str, day_first_here: bool = False) -> str:
    """11/17/05 (month first, American), 25/12/2023 (day first when it must be, or where the
    language writes it so), 15.01.2020 (European), 15-01-2020 (with a dash only when the year
    has four digits)."""

    def say(m: re.Match[str]) -> str:
        a, sep, b, yr = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        day_first = sep == "." or a > 12 or (day_first_here and b <= 12)
        day, month = (a, b) if day_first else (b, a)
        if (sep == "-" and len(yr) != 4) or not _is_date(month, day, int(_full_year(yr))):
            return m.group(0)
        return _date_words(month, day, _full_year(yr), day_first=day_first)

    return re.sub(r"(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d|\d\d)(?![\d/-]|\.\d)", say, text)


def say_dates(text: str, day_first: bool = False) -> str:
    """Dates in words; ``day_first`` reads \"3/4\" as the third of April, as the article's language writes it."""

    def iso(m: re.Match[str]) -> str:
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not _is_date(mo, d, y):
            return m.group(0)
        return _date_words(mo, d, str(y))

    # 2016-07-03, 2016/07/03, 2016.7.3: year first, then month and day
    text = re.sub(r"(?<![\d./-])((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})\b(?![-/.]\d)", iso, text)
    text = _numeric_dates(text, day_first)

    def month_slash_day(m: re.Match[str]) -> str:
        month, day = int(m.group(1)), int(m.group(2))
        return _date_words(month, day, None) if day > 12 and _is_date(month, day) else m.group(0)

    # "on 2/22", "(3/15)": a month and a day where a date is expected, not a fraction
    text = re.sub(r"(?:(?<=\bon )|(?<=\bsince )|(?<=\buntil )|(?<=\bby )|(?<=\bfrom )|(?<=\())"
                  r"(\d{1,2})/(\d{1,2})(?![\d/])", month_slash_day, text)  # fmt: skip

    def slash_date(m: re.Match[str]) -> str:
        a, b = int(m.group(1)), int(m.group(2))
        if not (_is_date(a, b) or _is_date(b, a)):
            return m.group(0)
        if (day_first or a > 12) and _is_date(b, a):
            return _date_words(b, a, None, day_first=True)
        return _date_words(a, b, None)

    # "on 3/4": after "on", "since" or "until" a date is likelier than a fraction (but not in
    # "on 3/4 of the plan"), in the order the language writes dates.
    text = re.sub(r"(?:(?<=\bon )|(?<=\bsince )|(?<=\buntil ))(\d{1,2})/(\d{1,2})(?![\d/])(?!\s+of\b)",
                  slash_date, text, flags=re.I)  # fmt: skip

    def month_words(day: str, month: str, yr: str, *, day_first: bool) -> str:
        d, mo, full = int(day), _month_of(month), _full_year(yr)
        return _date_words(mo, d, full, day_first=day_first) if _is_date(mo, d, int(full)) else ""

    # 15-Jan-2020 and Jan-15-2020, as tables and filings write them
    text = re.sub(rf"\b(\d{{1,2}})-({_ABBREVIATED_ALT})-((?:19|20)\d\d|\d\d)\b(?!-)",
                  lambda m: month_words(m.group(1), m.group(2), m.group(3), day_first=True) or m.group(0), text,
                  flags=re.I)  # fmt: skip
    text = re.sub(rf"\b({_ABBREVIATED_ALT})-(\d{{1,2}})-((?:19|20)\d\d)\b(?!-)",
                  lambda m: month_words(m.group(2), m.group(1), m.group(3), day_first=False) or m.group(0), text,
                  flags=re.I)  # fmt: skip

    def month_day(m: re.Match[str]) -> str:
        d, last = int(m.group(2)), m.group(3)
        if not 1 <= d <= 31 or (last and not 1 <= int(last) <= 31):
            return m.group(0)
        words = _date_words(_month_of(m.group(1)), d, None)
        if last:
            words += f" to {ordinal(int(last))}"
        return words + (f", {year(int(m.group(4)))}" if m.group(4) else "")

    text = re.sub(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[-–]\s?(\d{{1,2}})(?:st|nd|rd|th)?)?\b"
                  rf"(?:,?\s+((?:19|20)\d\d)\b)?(?![.,]?\d)", month_day, text, flags=re.I)  # fmt: skip

    def day_month(m: re.Match[str]) -> str:
        d, last = int(m.group(2)), m.group(3)
        if not 1 <= d <= 31 or (last and not 1 <= int(last) <= 31):
            return m.group(0)
        # "on the 26th May" already has its "the"
        lead = (m.group(1) or "") + ("" if m.group(1) else "the ")
        words = lead + ordinal(d) + (f" to the {ordinal(int(last))}" if last else "")
        words += f" of {_MONTH_NAMES[_month_of(m.group(4)) - 1]}"
        if m.group(5):
            words += " " + year(int(m.group(5)))
        return keep_stop(m, words)

    text = re.sub(rf"(?<![$£€¥₹.,])\b(the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[-–]\s?(\d{{1,2}})(?:st|nd|rd|th)?)?"
                  rf"\s+(?:of\s+)?({_MONTH_ALT})\b\.?(?:,?\s+((?:19|20)\d\d)\b)?",
                  day_month, text, flags=re.I)  # fmt: skip
    # "in Aug." or "Jan. 2027": an abbreviated month with its full stop is a month.
    abbreviated = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    return re.sub(rf"\b({abbreviated})\.(?=\s|$|[,;:)])",
                  lambda m: keep_stop(m, MONTHS[m.group(1).lower()]), text)  # fmt: skip
