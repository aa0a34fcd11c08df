"""Normalise written English news text into the words a voice should say.

Rules read context, not just tokens: "St." is "Saint" before a name and "Street" after
one, "No. 10" is "Number ten", "9-4" after "voted" is a score, a four-digit number is a
year unless it counts something. Each rule is a small function; :func:`normalise`
applies them in an order where earlier, more specific ones (times, dates, money) take
their text before the general number rule sees it. What no rule understands is left as
written, and :func:`unspoken` reports it so an editor can fix it before narration.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Set
from dataclasses import dataclass, field

from .capitals import say_capitals
from .identifiers import say_alphanumeric, say_dotted_numbers, say_glued, say_identifiers, say_leading_zeros
from .initialisms import spell
from .measures import is_modifier, say_dimensions, say_feet_and_inches
from .numbers import cardinal, decade, digits, number, ordinal, year
from .ranges import say_ranges
from .tables import MONTH_ABBREVIATIONS as MONTHS
from .tables import MONTH_NAMES as _MONTH_NAMES
from .tables import TITLES, alternation

SUFFIXES = {
    "Jr": "Junior",
    "Inc": "Incorporated",
    "Co": "Company",
    "Ltd": "Limited",
    "Corp": "Corporation",
    "Bros": "Brothers",
}
PHRASES = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "a.m.": "AM",
    "p.m.": "PM",
    "Ave.": "Avenue",
    "Rd.": "Road",
    "Blvd.": "Boulevard",
    "Dept.": "Department",
    "est.": "estimated",
    "&": "and",
}
ZONES = {
    "ET": "Eastern Time",
    "EST": "Eastern Time",
    "EDT": "Eastern Time",
    "PT": "Pacific Time",
    "PST": "Pacific Time",
    "PDT": "Pacific Time",
    "CT": "Central Time",
    "MT": "Mountain Time",
    "GMT": "GMT",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "UTC": "UTC",
}
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "₩": ("won", "won", "", ""),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "Rs.": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
}
SCALES = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "trn": "trillion",
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
    "crore": "crore",
    "lakh": "lakh",
}
# "$20/mo": what the slash after an amount stands for.
PER = {"mo": "a month", "month": "a month", "hr": "an hour", "hour": "an hour", "h": "an hour", "yr": "a year",
       "year": "a year", "wk": "a week", "week": "a week", "day": "a day", "night": "a night", "gal": "a gallon",
       "kg": "a kilogram", "lb": "a pound", "share": "a share", "barrel": "a barrel", "bbl": "a barrel",
       "person": "a person", "head": "a head", "ton": "a ton", "tonne": "a tonne", "MWh": "a megawatt hour",
       "kWh": "a kilowatt hour", "sq ft": "a square foot", "min": "a minute"}  # fmt: skip
UNITS = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "km": ("kilometer", "kilometers"),
    "kg": ("kilogram", "kilograms"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "GW": ("gigawatt", "gigawatts"),
    "MW": ("megawatt", "megawatts"),
    "kW": ("kilowatt", "kilowatts"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "mg": ("milligram", "milligrams"),
    "ml": ("milliliter", "milliliters"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "ft": ("foot", "feet"),
    "sq km": ("square kilometer", "square kilometers"),
    "ha": ("hectare", "hectares"),
    "mi": ("mile", "miles"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "MB": ("megabyte", "megabytes"),
    "oz": ("ounce", "ounces"),
    "GHz": ("gigahertz", "gigahertz"),
    "MHz": ("megahertz", "megahertz"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "gal": ("gallon", "gallons"),
    "sq m": ("square meter", "square meters"),
    "sq ft": ("square foot", "square feet"),
    "hrs": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "g": ("gram", "grams"),
    "ms": ("millisecond", "milliseconds"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "kcal": ("kilocalorie", "kilocalories"),
    "kHz": ("kilohertz", "kilohertz"),
    "Hz": ("hertz", "hertz"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "KB": ("kilobyte", "kilobytes"),
    "Tbps": ("terabit per second", "terabits per second"),
    "nm": ("nanometer", "nanometers"),
    # Short forms of time and weight in lists, sport and consumer copy: "90 mins", "6 mos".
    "mins": ("minute", "minutes"),
    "min": ("minute", "minutes"),
    "secs": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "wks": ("week", "weeks"),
    "wk": ("week", "weeks"),
    "mos": ("month", "months"),
    "mo": ("month", "months"),
    "yrs": ("year", "years"),
    "yr": ("year", "years"),
    "kgs": ("kilogram", "kilograms"),
    "mbps": ("megabit per second", "megabits per second"),
    "gbps": ("gigabit per second", "gigabits per second"),
    "MB/s": ("megabyte per second", "megabytes per second"),
    "GB/s": ("gigabyte per second", "gigabytes per second"),
}
# "g/km", "mg/L": what a unit is counted per.
PER_UNIT = {**{u: one for u, (one, _) in UNITS.items()}, "s": "second", "h": "hour", "m": "meter", "l": "liter",
            "L": "liter", "day": "day", "year": "year", "person": "person", "m2": "square meter", "m²": "square meter",
            "km2": "square kilometer", "km²": "square kilometer"}  # fmt: skip
# "120 m2", "1,200 km²": square and cubic measures.
POWERS = {"2": "square", "²": "square", "3": "cubic", "³": "cubic"}
LENGTHS = {"km": "kilometer", "m": "meter", "cm": "centimeter", "mm": "millimeter", "ft": "foot", "mi": "mile"}
# Units a dimension ("4m x 5m") may carry.
DIMENSION_UNITS = {**UNITS, "m": ("meter", "meters"), "in": ("inch", "inches")}
MONARCHS = (
    "Charles|Elizabeth|Henry|George|Edward|William|Louis|Richard|James|Mary|Victoria|Philip|Frederick|"
    "Leo|Benedict|Pius|Gregory|Innocent|Clement|Paul|John Paul|Alexander|Nicholas|Peter|Catherine|"
    "Felipe|Juan Carlos|Carl|Harald|Olav|Willem-Alexander|Rainier|Albert|Napoleon|Ramesses|Constantine|Francis"
)
NUMBERED = "War|World War|Part|Chapter|Act|Phase|Volume|Vol|Title|Type|Class|Category|Super Bowl|Apollo|Vatican"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONTH_ALT = "|".join(sorted([*MONTHS, *(m.lower() for m in _MONTH_NAMES)], key=len, reverse=True))
_ABBREVIATED_ALT = alternation(MONTHS)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Options:
    """How to read things newsrooms disagree on."""

    urls: str = "brief"  # "brief": say the site's name; "omit": leave links out
    # How initialisms are written for the voice: "caps" (FBI), "dotted" (F.B.I.), "spaced",
    # "hyphened" or "names"; each engine names its own (TTSEngine.initialisms).
    initialisms: str = "caps"
    # Words the voice's dictionary has: a capital run that is one of them ("KYIV" in a
    # dateline) is read as the word, not spelt out.
    words: Set[str] = field(default=frozenset(), compare=False, repr=False)
    # The article's language ("en-GB"): the order of a day and a month written in numbers.
    language: str | None = None

    @property
    def day_first(self) -> bool:
        """Whether "3/4" is the third of April: everywhere but US English (and English
        where the region is unknown, which reads as the US does)."""
        lang, _, region = (self.language or "en").replace("_", "-").partition("-")
        if lang.lower() != "en":
            return True
        return region.upper() not in _MONTH_FIRST


# Regions whose English writes the month first ("3/4" is March fourth); "" is plain "en".
_MONTH_FIRST = frozenset(("", "US", "PH", "CA", "FM", "MH", "PW", "UM", "AS", "GU", "MP", "PR", "VI"))


def _plural(n_text: str, one: str, many: str) -> str:
    return one if n_text.replace(",", "") in ("1", "1.0") else many


def _roman(text: str) -> int | None:
    if not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text) or not text:
        return None
    total = 0
    for i, ch in enumerate(text):
        value = ROMAN[ch]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total


def _keep_stop(match: re.Match[str], spoken: str) -> str:
    """An abbreviation's full stop that also ended the sentence still ends it."""
    return spoken + ("." if match.group(0).endswith(".") and match.end() == len(match.string) else "")


# -- rules, each (pattern, replacement) -------------------------------------------------------


def _urls(text: str, options: Options) -> str:
    def spelt(part: str) -> str:
        # An address is said to be written down: digits one by one ("zero", never the
        # letter's "oh"), and the dots and dashes between its words
        part = re.sub(r"\d+", lambda d: f" {digits(d.group(0))} ", part)
        return " ".join(part.replace(".", " dot ").replace("-", " dash ").split())

    def email(m: re.Match[str]) -> str:
        return f"{spelt(m.group(1))} at {spelt(m.group(2))}"

    def url(m: re.Match[str]) -> str:
        if options.urls == "omit":
            return ""
        host = re.sub(r"^www\.", "", m.group(1).lower())
        return host.replace(".", " dot ")

    text = re.sub(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b", email, text)
    # "bbc.co.uk", "news.com.au": a country's code after a generic one belongs to the host
    text = re.sub(r"(?<![\w.-])(?:https?://)?((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
                  r"(?:(?:com|org|net|gov|edu|co|ac)\.[a-z]{2}\b|com|org|net|gov|edu|io|uk|eu|ua|de|fr|int|news))"
                  r"(?:/[^\s,;)]*[^\s,;).])?/?", url, text, flags=re.I)  # fmt: skip
    # Any other lower-case host with a path: "budget.example/2026" is a link, not a sum.
    text = re.sub(
        r"(?<![\w.@-])((?:www\.)?[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12})/[^\s,;)]*[^\s,;).]?", url, text
    )
    return re.sub(r"\bhttps?://\S+", "" if options.urls == "omit" else "a link", text)


def _stop(m: re.Match[str]) -> str:
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


def _times(text: str, style: str) -> str:
    zones = "|".join(ZONES)

    def ampm(written: str) -> str:
        return spell("AM" if written.lower().startswith("a") else "PM", style)

    def zone(name: str | None) -> str:
        return "" if not name else " " + (spell(name, style) if ZONES[name] == name else ZONES[name])

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
        return words + zone(tz) + _stop(m)

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
                  + (spell(m.group(3), style) if m.group(3) in ZONES else "hours"), text)  # fmt: skip

    def hour(m: re.Match[str]) -> str:
        return f"{cardinal(int(m.group(1)))} {ampm(m.group(2))}" + zone(m.group(3)) + _stop(m)

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


def _dates(text: str, options: Options | None = None) -> str:
    day_first = options.day_first if options else False
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
        return _keep_stop(m, words)

    text = re.sub(rf"(?<![$£€¥₹.,])\b(the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[-–]\s?(\d{{1,2}})(?:st|nd|rd|th)?)?"
                  rf"\s+(?:of\s+)?({_MONTH_ALT})\b\.?(?:,?\s+((?:19|20)\d\d)\b)?",
                  day_month, text, flags=re.I)  # fmt: skip
    # "in Aug." or "Jan. 2027": an abbreviated month with its full stop is a month.
    abbreviated = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    return re.sub(rf"\b({abbreviated})\.(?=\s|$|[,;:)])",
                  lambda m: _keep_stop(m, MONTHS[m.group(1).lower()]), text)  # fmt: skip


_SYMBOLS = alternation(CURRENCIES)
_PER_ALT = alternation(PER)
_UNIT_ALT = alternation(UNITS)
_PER_UNIT_ALT = alternation(PER_UNIT)
_DIMENSION_ALT = alternation(DIMENSION_UNITS)
_LENGTH_ALT = alternation(LENGTHS)
# Symbols are matched in any case ("chf 5", "us$5"), so they are looked up in lower case.
_CURRENCY_KEYS = {symbol.lower(): names for symbol, names in CURRENCIES.items()}
_SCALE_ALT = "bn|mn|trn|tn|k|m|b|thousand|million|billion|trillion|crore|lakh"


def _money(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        sym, amount, scale, per = m.group(1), m.group(2), m.group(3), m.group(4)
        one, many, sub_one, sub_many = _CURRENCY_KEYS[sym.lower()]
        modifier = is_modifier(m.string, m.start(), m.end())
        tail = f" {PER[per]}" if per else ""
        if scale:
            return f"{number(amount)} {SCALES[scale.lower()]} {one if modifier else many}{tail}"
        whole, _, cents = amount.replace(",", "").partition(".")
        cents = cents[:2] + cents[2:].rstrip("0")  # "$2.000" is two dollars
        if len(cents) > 2 or (cents.strip("0") and not sub_many):
            # "$3.599 a gallon", "¥150.25": more decimals than cents, or no coins to name
            return f"{number(amount)} {one if modifier else many}{tail}"
        c = int(cents.ljust(2, "0")[:2]) if cents else 0
        if int(whole or "0") == 0 and c and sub_many:
            return f"{cardinal(c)} {_plural(str(c), sub_one, sub_many)}{tail}"  # $0.05: five cents
        words = f"{cardinal(int(whole or '0'))} {one if modifier else _plural(whole, one, many)}"
        if c and sub_many:
            words += f" and {cardinal(c)} {_plural(str(c), sub_one, sub_many)}"
        return words + tail

    text = re.sub(rf"(?<![A-Za-z])({_SYMBOLS})\s?({_NUM}|\.\d+)(?:[\s-]?({_SCALE_ALT})\b)?(?:/({_PER_ALT})\b)?",
                  say, text, flags=re.I)  # fmt: skip
    text = re.sub(r"\b(\d+(?:\.\d+)?)p\b", lambda m: f"{number(m.group(1))} {_plural(m.group(1), 'penny', 'pence')}",
                  text)  # fmt: skip
    return re.sub(r"\b(\d+)c\b", lambda m: f"{cardinal(int(m.group(1)))} {_plural(m.group(1), 'cent', 'cents')}",
                  text)  # fmt: skip


def _percent(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        return ("minus " if m.group(1) else "") + f"{number(m.group(2))} percent"

    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})\s?%", say, text)
    return re.sub(rf"(?<![\w.])({_NUM})\s(per\s?cent|percent)\b", lambda m: f"{number(m.group(1))} {m.group(2)}", text)


_RACES = "50|60|100|110|200|400|800|1500|3000|5000|10000"


def _meters(after: str) -> str:
    """ "a 100m final" (an adjective), but "40m deep" (a measure)."""
    return "meters" if after in ("tall", "high", "deep", "long", "wide") else "meter"


def _units(text: str) -> str:
    def degrees(m: re.Match[str]) -> str:
        sign, n, scale = m.group(1), m.group(2), m.group(3).upper()
        words = ("minus " if sign else "") + number(n)
        return f"{words} {_plural(n, 'degree', 'degrees')} {'Celsius' if scale == 'C' else 'Fahrenheit'}"

    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})\s?°?\s?([CF])\b(?![\w'])", degrees, text)
    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})\s?°", lambda m: ("minus " if m.group(1) else "") +
                  f"{number(m.group(2))} {_plural(m.group(2), 'degree', 'degrees')}", text)  # fmt: skip
    text = say_dimensions(text, DIMENSION_UNITS, _DIMENSION_ALT, _NUM)

    def power(m: re.Match[str]) -> str:
        n, unit = m.group(1), f"{POWERS[m.group(3)]} {LENGTHS[m.group(2)]}"
        many = unit.replace("foot", "feet") if unit.endswith("foot") else unit + "s"
        return f"{number(n)} {unit if is_modifier(m.string, m.start(), m.end()) else _plural(n, unit, many)}"

    text = re.sub(rf"(?<![\w.])({_NUM})\s?({_LENGTH_ALT})([23²³])(?![\w/])", power, text)

    def per_unit(m: re.Match[str]) -> str:
        sign, n, name, per = m.group(1), m.group(2), m.group(3), m.group(4)
        return ("minus " if sign else "") + f"{number(n)} {_plural(n, *UNITS[name])} per {PER_UNIT[per]}"

    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})\s?({_UNIT_ALT})/({_PER_UNIT_ALT})(?![\w/])", per_unit, text)

    def unit(m: re.Match[str]) -> str:
        sign, n, scale, name = m.group(1), m.group(2), m.group(3), m.group(4)
        one, many = UNITS[name]
        said = one if is_modifier(m.string, m.start(), m.end()) else _plural(n, one, many)
        return ("minus " if sign else "") + number(n) + (f" {scale}" if scale else "") + f" {said}"

    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})(?:\s(thousand|million|billion))?\s?({_UNIT_ALT})(?![\w/])", unit, text)
    # "5m people" is five million; "the 100m final" is a hundred meters, and so is "the 100m".
    text = re.sub(rf"(?<![\w.$£€])({_NUM})m\s(sprint|race|final|hurdles|freestyle|relay|tall|high|deep|long|wide)\b",
                  lambda m: f"{number(m.group(1))} {_meters(m.group(2))} {m.group(2)}", text)  # fmt: skip
    text = re.sub(rf"\b(the|[Tt]he men's|[Tt]he women's) ({_RACES})m\b(?!\s(?:people|users|viewers))",
                  lambda m: f"{m.group(1)} {number(m.group(2))} meters", text)  # fmt: skip
    text = re.sub(rf"\bper ({_UNIT_ALT})\b", lambda m: f"per {UNITS[m.group(1)][0]}", text)
    # "3 m high", "3,000 m long": a spaced m after a number is meters; millions are written "5m".
    text = re.sub(rf"(?<![\w.$£€])({_NUM}) m\b(?![.']\w)", lambda m: f"{number(m.group(1))} "
                  f"{_plural(m.group(1), 'meter', 'meters')}", text)  # fmt: skip
    text = re.sub(r"\b([Aa]) (\d{1,2})k\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))} K", text)  # a 5k race
    # "3x faster", "a 10x return", "it grew 3x.": a multiplier, said "times".
    text = re.sub(rf"(?<![\w.$£€])({_NUM})[x×](?!\w)", lambda m: f"{number(m.group(1))} times", text)
    return re.sub(rf"(?<![\w.$£€])({_NUM})\s?(bn|m|mn|tn|k)\b(?!\.\w)",
                  lambda m: f"{number(m.group(1))} {SCALES[m.group(2)]}", text)  # fmt: skip


def _abbreviations(text: str) -> str:
    def street_or_saint(m: re.Match[str]) -> str:
        before = m.group(1)
        after = m.group(3) or ""
        opener = after.strip().lower() in {"the", "a", "he", "she", "it", "they", "we", "this", "but", "on", "in"}
        if before and (not after or opener):
            return f"{before}Street" + ("." if m.group(2) and m.end() == len(m.string) else "")
        return f"{before or ''}Saint"

    # The name before "St" is bounded: an unbounded one is tried from every capital to the
    # end of a long hyphenated run, which is quadratic ("A-A-A-...").
    text = re.sub(r"(\b[A-Z][\w'’-]{0,40}\s+)?\bSt\b(\.?)(?=(\s+[A-Za-z][\w'’-]*)?)", street_or_saint, text)
    text = re.sub(r"\b(No|Nos)\.\s*(?=\d)", lambda m: "Number " if m.group(1) == "No" else "Numbers ", text)
    text = re.sub(r"#(?=\d)", "number ", text)
    titles = "|".join(TITLES)
    text = re.sub(rf"\b({titles})\.?(?=\s+(?:[A-Z]|(?:and|&)\s+(?:{titles})\b))", lambda m: TITLES[m.group(1)], text)
    suffixes = "|".join(SUFFIXES)
    text = re.sub(rf"(?<=[\w,] )({suffixes})\b\.?", lambda m: _keep_stop(m, SUFFIXES[m.group(1)]), text)
    for written, spoken in PHRASES.items():
        pattern = rf"(?<![\w.]){re.escape(written)}(?=\s|$|[,;:)])"
        text = re.sub(pattern, lambda m, s=spoken: _keep_stop(m, s), text)
    return text


_NOT_REGNAL = "Malcolm|Generation|Brand|Project|Planet|Formula|Windows|Mac|Star|Agent|Chapter|Part"


def _roman_numerals(text: str) -> str:
    def regnal(m: re.Match[str]) -> str:
        n = _roman(m.group(2))
        return f"{m.group(1)} the {ordinal(n).capitalize()}" if n else m.group(0)

    text = re.sub(rf"\b({MONARCHS})\s([IVXLC]{{1,7}})\b(?!['’]\w|\.\w)", regnal, text)

    def counted(m: re.Match[str]) -> str:
        n = _roman(m.group(2))
        return f"{m.group(1)} {cardinal(n).capitalize()}" if n else m.group(0)

    text = re.sub(rf"\b({NUMBERED})\s([IVXLC]{{1,7}})\b(?!['’]\w)", counted, text)

    # Any name with a regnal number of two or more letters: "Pope Leo XIV", "Thomas Howell III".
    def named(m: re.Match[str]) -> str:
        n = _roman(m.group(2))
        return f"{m.group(1)} the {ordinal(n).capitalize()}" if n and n < 40 else m.group(0)

    return re.sub(rf"\b(?!(?:{_NOT_REGNAL})\b)([A-Z][a-z]+)\s([IVX]{{2,6}})\b(?!['’]\w|\.\w)", named, text)


def _scores(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        a, b = m.group(1).replace(",", ""), m.group(2).replace(",", "")
        joiner = " and " if re.search(r"\bbetween\s+$", m.string[max(0, m.start() - 12) : m.start()], re.I) else " to "
        plain = (a + b).isdigit() and "," not in m.group(1)  # "19.0-00" is no span of years
        if plain and len(a) == 4 and len(b) in (2, 4) and a.startswith(("19", "20")):
            end = int(a[:2] + b) if len(b) == 2 else int(b)
            if end > int(a):  # 2020-24, 2020-2024
                return f"{year(int(a))}{joiner}{year(end)}"
        if b == "0" and a != "0":
            return f"{number(a)} to nothing"  # a score: "3-0"
        return f"{number(a)}{joiner}{number(b)}"

    # Phone-like runs (three or more groups) are left to the digit rule.
    num = r"\d{1,3}(?:,\d{3})+|\d{1,4}(?:\.\d+)?"
    return re.sub(rf"(?<![\w.\-–/])({num})\s?[-–]\s?({num})(?![\w–/%]|-(?!year)|\.\d)", say, text)


def _ratios(text: str) -> str:
    """ "a 3:1 ratio", "won 2:1": a colon before a single digit is no clock time. After a
    capitalised word it is a reference ("Genesis 1:1") and stays as written."""
    def say(m: re.Match[str]) -> str:
        if re.search(r"\b[A-Z][a-z]+ $", m.string[max(0, m.start() - 30) : m.start()]):
            return m.group(0)
        return f"{cardinal(int(m.group(1)))} to {cardinal(int(m.group(2)))}"

    return re.sub(r"(?<![\w:.])(\d{1,3}):(\d)(?![\d:])", say, text)


def _letters_and_numbers(text: str) -> str:
    text = re.sub(r"(?<![#\w])#([A-Za-z]\w*)", r"hashtag \1", text)
    text = re.sub(r"\b([A-Z][a-z]+)(\d{4})\b", r"\1 \2", text)  # "#Election2024"
    # COVID-19, G7, F-35, A4: letters then a number, read apart.
    text = re.sub(r"\b([A-Z]{1,6})-(\d+)\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))}", text)
    return re.sub(r"\b([A-Z]{1,4})(\d{1,2})\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))}", text)


# A plural noun after a four-digit number: "2200 tonnes". Verbs ending in s are not counts.
_VERBS_IN_S = "was|has|is|does|says|goes|sees|makes|takes|gives|comes|marks|looks|seems|saw|remains|begins|ends"
_COUNTED = rf"people|staff|police|(?!(?:{_VERBS_IN_S})\b)[a-z]{{2,}}[^s\W']s"


def _ordinals_and_numbers(text: str) -> str:
    text = re.sub(r"\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1).replace(",", ""))),
                  text)  # fmt: skip
    # "the 1960s-80s": a span of decades
    text = re.sub(r"(\b(?:1[0-9]|20)\d0s|'\d0s|\b[2-9]0s)\s?[-–]\s?(?=(?:(?:1[0-9]|20)\d0|'?\d0)s\b)", r"\1 to ", text)
    text = re.sub(r"(?:\b|')((?:1[0-9]|20)\d0)'?s\b", lambda m: decade(int(m.group(1))), text)  # 1980's too
    text = re.sub(r"'(\d0)s\b", lambda m: decade(1900 + int(m.group(1))).split(" ", 1)[1], text)
    text = re.sub(r"\b([2-9]0)'?s\b", lambda m: cardinal(int(m.group(1)))[:-1] + "ies", text)  # in her 30s, 60's
    text = re.sub(r"\b(\d{1,2})(s|ers)\b", _plural_number, text)  # the under-16s, the 49ers
    text = say_dotted_numbers(say_alphanumeric(text))
    text = re.sub(r"\b(in|since|from|until|by|of|to|before|after|circa) (1[0-9]\d\d)\b(?![,.]\d)",
                  lambda m: f"{m.group(1)} {year(int(m.group(2)))}", text)  # fmt: skip
    # A four-digit number is a year unless it counts something: "2,200 tonnes" is written
    # "2200 tonnes" too, so a plural noun after it makes it a count.
    text = re.sub(rf"(?<![\w.,])(1[1-9]\d\d|20\d\d)(?![\d,.]\d|\s?(?:{_COUNTED})\b)\b",
                  lambda m: year(int(m.group(1))), text)  # fmt: skip
    text = re.sub(r"(?<![\w.])[-−](?=\.?\d)", "minus ", text)
    text = say_leading_zeros(text)
    # "1,000abc": a written number glued to letters is still read, apart from them
    text = re.sub(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?=[A-Za-z])",
                  lambda m: number(m.group(1)) + " ", text)  # fmt: skip
    # digits after an ellipsis are read ("wait...48"), not those run on after a word and a full stop
    return re.sub(rf"(?<!\w)(?<!\w\.)(?:{_NUM})(?![\w])", lambda m: number(m.group(0)), text)


def _plural_number(m: re.Match[str]) -> str:
    words = cardinal(int(m.group(1)))
    if m.group(2) == "s":
        return words + "s"
    return words + ("rs" if words.endswith("e") else "ers")


_FRACTIONS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters")}
_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅛": (1, 8)}


def _fraction_words(a: int, b: int) -> str:
    one, many = _FRACTIONS.get(b, (ordinal(b), ordinal(b) + "s"))
    return f"{cardinal(a)} {one if a == 1 else many}"


def _fractions(text: str) -> str:
    def mixed(m: re.Match[str]) -> str:
        a, b = int(m.group(2)), int(m.group(3))
        whole = cardinal(int(m.group(1)))
        if a == 1:
            return f"{whole} and a {_FRACTIONS.get(b, (ordinal(b),))[0]}"
        return f"{whole} and {_fraction_words(a, b)}"

    vulgar = "".join(_VULGAR)
    # "3 1/2 lbs": the unit after a mixed number is said in full, in the plural
    text = re.sub(rf"\b(\d+(?: \d/\d{{1,2}}|[{vulgar}]))\s?({_UNIT_ALT})\b",
                  lambda m: f"{m.group(1)} {UNITS[m.group(2)][1]}",
                  text)  # fmt: skip
    text = re.sub(rf"\b(\d+) ?([{vulgar}])", lambda m: mixed(re.match(r"(\d+) (\d+)/(\d+)",
                  f"{m.group(1)} {_VULGAR[m.group(2)][0]}/{_VULGAR[m.group(2)][1]}")), text)  # fmt: skip
    text = re.sub(rf"[{vulgar}]", lambda m: _fraction_words(*_VULGAR[m.group(0)]), text)
    text = re.sub(r"(?<![\d,./])(\d{1,3}) (\d{1,2})/(\d{1,2})(?![\d/])",
                  lambda m: mixed(m) if 0 < int(m.group(2)) < int(m.group(3)) <= 16 else m.group(0), text)  # fmt: skip
    # "1/4th", "a 1/3rd share": the ordinal ending some writers add is not said again
    return re.sub(r"(?<![\d,./])(\d{1,2})/(\d{1,2})(?:(?:st|nd|rd|th)\b)?(?![\d/])", _fraction, text, flags=re.I)


def _fraction(m: re.Match[str]) -> str:
    a, b = int(m.group(1)), int(m.group(2))
    if (a, b) in ((24, 7), (9, 11)):
        return f"{cardinal(a)} {cardinal(b)}"  # "24/7", "9/11": a phrase and a date, not fractions
    if a == b:
        return f"{cardinal(a)} {cardinal(b)}"  # 50/50
    if 0 < a < b <= 16:
        return _fraction_words(a, b)
    return f"{cardinal(a)} slash {cardinal(b)}"


def _leading_point(text: str) -> str:
    """ ".5 trillion", "a .312 average": a decimal written without its zero ("$.99" is money's)."""
    return re.sub(r"(?<![\w.$£€¥₹₩])\.(\d+)\b", lambda m: "point " + " ".join(number(d) for d in m.group(1)), text)


def _clean(text: str) -> str:
    """Marks that are never said, taken out first so that no rule sees the text they hid."""
    # U+FFFD stands where a page's apostrophes and quotes were lost to a wrong encoding
    text = re.sub(r"(?<=[A-Za-z])\ufffd(?=(?:s|t|m|re|ve|ll|d)\b)", "'", text).replace("\ufffd", " ")
    # Wire copy's quotes (``so'') and dash; 12'' after a number stays inches.
    text = re.sub(r"''", lambda m: '"' if m.start() and m.string[m.start() - 1].isdigit() else "\u201d",
                  text.replace("``", "\u201c")).replace("\u2015", "\u2014")  # fmt: skip
    text = re.sub(r"(?<=\w)[′´`](?=\w)", "'", text).replace("`", "'")  # primes and accents typed for apostrophes
    text = re.sub(r"(?<=\s)_(?=\s)", "\u2014", text)  # "(AP) _ Investigators": a dash on old wire feeds
    # a bullet, *emphasis*
    text = re.sub(r"^\*(?=\w)|(?<!\w)\*(\w[^*]{0,80}?)\*(?!\w)", lambda m: m.group(1) or "", text)
    text = re.sub(r"\b([A-E])\*(?!\w)", r"\1 star", text)  # exam grades: an A*
    # +1, +15 horsepower: a sign, not a sum (an international phone number is read as one, later)
    text = re.sub(r"(?<![\w+])\+(?=\d)(?!\d{1,3}(?:[ .-]\d{1,4}){2}|1[ .-]?\(\d{3}\))", "plus ", text)
    text = re.sub(r"(?<=\bat )@(?=\w)", "", text)  # "Follow her at @handle"
    text = re.sub(r"(?<!\w)#(?= of\b)", "number", text)  # "# of users"
    text = re.sub(r"(?:^|\s)#(?:\s#)*(?=\s|$)", " ", text)  # "# # #" ends a press release
    text = re.sub(r"(?<=[A-Z])%", " percent", text)  # FG%
    text = re.sub(r"(?<![\w%])%(\d+(?:\.\d+)?)\b(?!%)", r"\1%", text)  # "%30", as some languages write it
    text = re.sub(r"\s?[•·|»«]\s|^[•·|»]\s?|\s[•·|»]$", ", ", text)  # bullets and separators are pauses
    text = re.sub(r"\*{2,}|_{2,}|[\[\]]", " ", text)  # rules and brackets are not said
    text = re.sub(r"(?<=[A-Za-z])_(?=[A-Za-z])", " ", text)
    return _SPACE.sub(" ", text).strip()


def _symbols(text: str) -> str:
    # Languages named with symbols, before + and # are read as "plus" and "number".
    text = re.sub(r"\b([CF])#(?!\w)", r"\1 sharp", text)
    text = re.sub(r"\bC\+\+(?!\w)", "C plus plus", text)
    text = re.sub(r"\s[—–-](?:\s[—–-])*\s|—|\s[—–-]$", ", ", text)
    text = re.sub(r"\band/or\b", "and or", text)
    text = re.sub(r"\by/y\b", "year on year", text)
    text = re.sub(r"(?<=[A-Z])&(?=[A-Z])", " and ", text)  # AT&T
    text = re.sub(r"\+/-|±", " plus or minus ", text)
    text = re.sub(r"~\s?(?=\w)", "about ", text)
    text = re.sub(r"(?<![\w<>])>\s?(?=\w)", "more than ", text)
    text = re.sub(r"(?<![\w<>])<\s?(?=\w)", "less than ", text)
    text = re.sub(r"\s?[©®™]", "", text)
    text = re.sub(r"(?<=\w)\s?/\s?(?=\w)", " slash ", text)
    text = re.sub(r"\+(?=\d)|(?<=\s)\+(?=\s)", "plus ", text)
    text = re.sub(r"(?<=\w)\+\+(?!\w)", " plus plus", text)  # Notepad++
    text = re.sub(r"(?<=\w)\+", " plus ", text)  # "65+", "2+2": never glued to the next word
    text = re.sub(r"#(?=\d)", "number ", text)
    text = re.sub(r"\s=\s", " equals ", text)
    text = re.sub(r"(?<!\w)@(\w+)", r"at \1", text)
    text = re.sub(r"(?<=\s)@(?=\s)", "at", text)
    text = text.replace("…", "...").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"(?<!\s)\s+([,.;:!?])", r"\1", text)


def normalise(text: str, options: Options | None = None) -> str:
    """The spoken form of one sentence."""
    options = options or Options()
    style = options.initialisms
    text = _SPACE.sub(" ", text).strip()
    starts_upper = bool(text[:1]) and not text[:1].islower()
    for rule in (
        _clean,
        lambda t: _urls(t, options),
        say_identifiers,
        _leading_point,
        lambda t: say_ranges(t, _SYMBOLS),
        say_feet_and_inches,
        lambda t: _times(t, style),
        lambda t: _dates(t, options),
        _fractions,
        _money,
        _percent,
        _units,
        _abbreviations,
        _roman_numerals,
        _scores,
        _ratios,
        _letters_and_numbers,
        say_glued,
        _ordinals_and_numbers,
        lambda t: say_capitals(t, style, options.words),
        _symbols,
    ):
        text = rule(text)
    text = re.sub(r",\s*,", ",", text)
    text = _SPACE.sub(" ", text).strip(" ,")
    text = re.sub(r"(?:[,\s]+[-–—])+$", "", text)  # a dash left dangling at the end says nothing
    return text[:1].upper() + text[1:] if text and starts_upper else text


_LEFTOVER = re.compile(r"\d|[^\w\s.,;:!?'\"()\-–—]")


def unspoken(spoken: str) -> list[str]:
    """Pieces of normalised text no rule turned into words: digits and odd symbols."""
    return sorted({tok.strip(".,;:!?\"'()") for tok in spoken.split() if _LEFTOVER.search(tok)} - {""})
