"""Normalise written English news text into the words a voice should say.

Rules read context, not just tokens: "St." is "Saint" before a name and "Street" after
one, "No. 10" is "Number ten", "9-4" after "voted" is a score, a four-digit number is a
year unless it counts something. Each rule is a small function; :func:`normalise`
applies them in an order where earlier, more specific ones (times, dates, money) take
their text before the general number rule sees it. What no rule understands is left as
written, and :func:`unspoken` reports it so an editor can fix it before narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import cardinal, decade, number, ordinal, year

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TITLES = {
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Dr": "Doctor",
    "Prof": "Professor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
    "Gen": "General",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Capt": "Captain",
    "Cmdr": "Commander",
    "Adm": "Admiral",
    "Maj": "Major",
    "Cpl": "Corporal",
    "Rev": "Reverend",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Amb": "Ambassador",
    "Pres": "President",
    "Fr": "Father",
    "Sr": "Sister",
    "Mt": "Mount",
    "Ft": "Fort",
}
SUFFIXES = {"Jr": "Junior", "Inc": "Incorporated", "Ltd": "Limited", "Corp": "Corporation", "Bros": "Brothers"}
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
    "GMT": "G M T",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "UTC": "U T C",
}
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
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
}
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
}
# Acronyms said as words; other capital runs are spelt out.
WORD_ACRONYMS = {
    "NATO",
    "NASA",
    "UNESCO",
    "UNICEF",
    "OPEC",
    "COVID",
    "AIDS",
    "FIFA",
    "UEFA",
    "NAFTA",
    "ASEAN",
    "OFCOM",
    "NAACP",
    "SWAT",
    "SARS",
    "MERS",
    "LASER",
    "RADAR",
    "SCUBA",
    "NIMBY",
    "ISIS",
    "ISIL",
    "FEMA",
    "OSHA",
    "NOAA",
    "DARPA",
    "TASS",
    "NEET",
    "GIF",
    "JPEG",
    "POTUS",
    "SCOTUS",
    "BAFTA",
    "UKIP",
    "NICE",
    "LIBOR",
    "CERN",
    "ASAP",
    "OPCW",
    "SEAL",
    "SEALS",
    "ACAS",
    "OFSTED",
    "OFWAT",
    "FRONTEX",
    "MERCOSUR",
    "EUROPOL",
}
MONARCHS = (
    "Charles|Elizabeth|Henry|George|Edward|William|Louis|Richard|James|Mary|Victoria|Philip|Frederick|"
    "Leo|Benedict|Pius|Gregory|Innocent|Clement|Paul|John Paul|Alexander|Nicholas|Peter|Catherine|"
    "Felipe|Juan Carlos|Carl|Harald|Olav|Willem-Alexander|Rainier|Albert|Napoleon|Ramesses|Constantine"
)
NUMBERED = "War|World War|Part|Chapter|Act|Phase|Volume|Vol|Title|Type|Class|Category|Super Bowl|Apollo|Vatican"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
SCORE_CONTEXT = re.compile(
    r"\b(?:voted|vote|votes|won|win|wins|beat|beats|lost|lose|loses|defeat(?:ed|s)?|drew|draw|led|lead|leads|"
    r"score|scored|victory|defeat|margin|tie|tied|trail(?:ed|s)?|edge[sd]?|ruling|majority)\b",
    re.I,
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONTH_ALT = "|".join(sorted([*MONTHS, *(m.lower() for m in _MONTH_NAMES)], key=len, reverse=True))
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Options:
    """How to read things newsrooms disagree on."""

    urls: str = "brief"  # "brief": say the site's name; "omit": leave links out


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
    def email(m: re.Match[str]) -> str:
        user, domain = m.group(1), m.group(2)
        return f"{user.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}"

    def url(m: re.Match[str]) -> str:
        if options.urls == "omit":
            return ""
        host = re.sub(r"^www\.", "", m.group(1).lower())
        return host.replace(".", " dot ")

    text = re.sub(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b", email, text)
    text = re.sub(r"\b(?:https?://)?((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|co\.uk|"
                  r"uk|eu|ua|de|fr|int|news))(?:/[^\s,;)]*[^\s,;).])?/?", url, text, flags=re.I)  # fmt: skip
    return re.sub(r"\bhttps?://\S+", "" if options.urls == "omit" else "a link", text)


def _times(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        h, mi, ampm, zone = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if h > 24 or mi > 59:
            return m.group(0)
        if ampm:
            words = cardinal(h) + ("" if mi == 0 else f" oh {cardinal(mi)}" if mi < 10 else f" {cardinal(mi)}")
            words += " " + ("AM" if ampm.lower().startswith("a") else "PM")
        elif mi == 0:
            words = f"{cardinal(h)} hundred" if h >= 10 else f"{cardinal(h)} o'clock"
        else:
            words = cardinal(h) + (f" oh {cardinal(mi)}" if mi < 10 else f" {cardinal(mi)}")
        if zone:
            words += " " + ZONES[zone]
        tail = "." if m.group(0).endswith(".") and m.end() == len(m.string) else ""
        return words + tail

    zones = "|".join(ZONES)
    text = re.sub(rf"\b(\d{{1,2}}):(\d{{2}})(?:\s?([AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?(?:\s({zones})\b)?", say, text)

    def hour(m: re.Match[str]) -> str:
        words = f"{cardinal(int(m.group(1)))} " + ("AM" if m.group(2).lower().startswith("a") else "PM")
        if m.group(3):
            words += " " + ZONES[m.group(3)]
        return words + ("." if m.group(0).endswith(".") and m.end() == len(m.string) else "")

    return re.sub(rf"\b(1[0-2]|[1-9])\s?([AaPp]\.?\s?[Mm]\b\.?)(?:\s({zones})\b)?", hour, text)


def _date_words(month: int, day: int | None, yr: str | None, *, day_first: bool = False) -> str:
    name = _MONTH_NAMES[month - 1]
    if day is None:
        words = name
    elif day_first:
        words = f"the {ordinal(day)} of {name}"
    else:
        words = f"{name} {ordinal(day)}"
    if yr:
        words += (", " if not day_first and day is not None else " ") + year(int(yr))
    return words


def _dates(text: str) -> str:
    def iso(m: re.Match[str]) -> str:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return m.group(0)
        return _date_words(mo, d, str(y))

    text = re.sub(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", iso, text)

    def month_day(m: re.Match[str]) -> str:
        mo = MONTHS[m.group(1).lower()[:4].rstrip(".") if m.group(1).lower().startswith("sept") else
                    m.group(1).lower()[:3]]  # fmt: skip
        d = int(m.group(2))
        if not 1 <= d <= 31:
            return m.group(0)
        return _date_words(_MONTH_NAMES.index(mo) + 1, d, m.group(3))

    text = re.sub(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?(?![.,]?\d)",
                  month_day, text, flags=re.I)  # fmt: skip

    def day_month(m: re.Match[str]) -> str:
        d = int(m.group(1))
        key = m.group(2).lower()
        mo = MONTHS["sept" if key.startswith("sept") else key[:3]]
        if not 1 <= d <= 31:
            return m.group(0)
        return _keep_stop(m, _date_words(_MONTH_NAMES.index(mo) + 1, d, m.group(3), day_first=True))

    text = re.sub(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\b\.?(?:,?\s+((?:19|20)\d\d)\b)?",
                  day_month, text, flags=re.I)  # fmt: skip
    # "in Aug." or "Jan. 2027": an abbreviated month with its full stop is a month.
    abbreviated = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    return re.sub(rf"\b({abbreviated})\.(?=\s+\d{{4}}|\s*$|\s+[a-z,])",
                  lambda m: _keep_stop(m, MONTHS[m.group(1).lower()]), text)  # fmt: skip


def _money(text: str) -> str:
    symbols = "|".join(re.escape(s) for s in sorted(CURRENCIES, key=len, reverse=True))

    def say(m: re.Match[str]) -> str:
        sym, amount, scale = m.group(1), m.group(2), m.group(3)
        one, many, sub_one, sub_many = CURRENCIES[sym]
        if scale:
            return f"{number(amount)} {SCALES[scale.lower()]} {many}"
        whole, _, cents = amount.replace(",", "").partition(".")
        words = f"{cardinal(int(whole))} {_plural(whole, one, many)}"
        if cents and int(cents) and sub_many:
            c = int(cents.ljust(2, "0")[:2])
            words += f" and {cardinal(c)} {_plural(str(c), sub_one, sub_many)}"
        return words

    text = re.sub(rf"({symbols})\s?({_NUM})(?:\s?(bn|mn|trn|tn|k|m|b|thousand|million|billion|trillion)\b)?",
                  say, text, flags=re.I)  # fmt: skip
    text = re.sub(r"\b(\d+(?:\.\d+)?)p\b", lambda m: f"{number(m.group(1))} {_plural(m.group(1), 'penny', 'pence')}",
                  text)  # fmt: skip
    return re.sub(r"\b(\d+)c\b", lambda m: f"{cardinal(int(m.group(1)))} {_plural(m.group(1), 'cent', 'cents')}",
                  text)  # fmt: skip


def _percent(text: str) -> str:
    text = re.sub(rf"({_NUM})\s?%", lambda m: f"{number(m.group(1))} percent", text)
    return re.sub(rf"({_NUM})\s(per\s?cent|percent)\b", lambda m: f"{number(m.group(1))} {m.group(2)}", text)


def _units(text: str) -> str:
    def degrees(m: re.Match[str]) -> str:
        sign, n, scale = m.group(1), m.group(2), m.group(3).upper()
        words = ("minus " if sign else "") + number(n)
        return f"{words} {_plural(n, 'degree', 'degrees')} {'Celsius' if scale == 'C' else 'Fahrenheit'}"

    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})\s?°?\s?([CF])\b(?![\w'])", degrees, text)
    text = re.sub(rf"(?<![\w.])([-−])?({_NUM})\s?°", lambda m: ("minus " if m.group(1) else "") +
                  f"{number(m.group(2))} {_plural(m.group(2), 'degree', 'degrees')}", text)  # fmt: skip
    names = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

    def unit(m: re.Match[str]) -> str:
        one, many = UNITS[m.group(2)]
        return f"{number(m.group(1))} {_plural(m.group(1), one, many)}"

    text = re.sub(rf"(?<![\w.])({_NUM})\s?({names})(?![\w/])", unit, text)
    # "5m people" is five million; "the 100m final" is a hundred meters.
    text = re.sub(rf"(?<![\w.$£€])({_NUM})m\s(sprint|race|final|hurdles|freestyle|relay|tall|high|deep|long|wide)\b",
                  lambda m: f"{number(m.group(1))} meter {m.group(2)}", text)  # fmt: skip
    text = re.sub(r"\b([Aa]) (\d{1,2})k\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))} K", text)  # a 5k race
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

    text = re.sub(r"(\b[A-Z][\w'’-]*\s+)?\bSt\b(\.?)(?=(\s+[A-Za-z][\w'’-]*)?)", street_or_saint, text)
    text = re.sub(r"\b(No|Nos)\.\s*(?=\d)", lambda m: "Number " if m.group(1) == "No" else "Numbers ", text)
    text = re.sub(r"#(?=\d)", "number ", text)
    titles = "|".join(TITLES)
    text = re.sub(rf"\b({titles})\.?(?=\s+[A-Z])", lambda m: TITLES[m.group(1)], text)
    suffixes = "|".join(SUFFIXES)
    text = re.sub(rf"(?<=[\w,] )({suffixes})\b\.?", lambda m: _keep_stop(m, SUFFIXES[m.group(1)]), text)
    for written, spoken in PHRASES.items():
        pattern = rf"(?<![\w.]){re.escape(written)}(?=\s|$|[,;:)])"
        text = re.sub(pattern, lambda m, s=spoken: _keep_stop(m, s), text)
    return text


def _roman_numerals(text: str) -> str:
    def regnal(m: re.Match[str]) -> str:
        n = _roman(m.group(2))
        return f"{m.group(1)} the {ordinal(n).capitalize()}" if n else m.group(0)

    text = re.sub(rf"\b({MONARCHS})\s([IVXLC]{{1,7}})\b(?!['’]\w|\.\w)", regnal, text)

    def counted(m: re.Match[str]) -> str:
        n = _roman(m.group(2))
        return f"{m.group(1)} {cardinal(n).capitalize()}" if n else m.group(0)

    return re.sub(rf"\b({NUMBERED})\s([IVXLC]{{1,7}})\b(?!['’]\w)", counted, text)


def _scores(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        window = m.string[max(0, m.start() - 40) : m.end() + 25]
        if len(a) == 4 and len(b) in (2, 4) and a.startswith(("19", "20")):  # 2020-24, 2020-2024
            end = int(a[:2] + b) if len(b) == 2 else int(b)
            return f"{year(int(a))} to {year(end)}"
        if SCORE_CONTEXT.search(window) or m.group(0).count("–") or True:
            return f"{cardinal(int(a))} to {cardinal(int(b))}"
        return m.group(0)

    # Phone-like runs (three or more groups) are left to the digit rule.
    return re.sub(r"(?<![\w.\-–/])(\d{1,4})\s?[-–]\s?(\d{1,4})(?![\w\-–/%]|\.\d)", say, text)


def _letters_and_numbers(text: str) -> str:
    # COVID-19, G7, F-35, A4: letters then a number, read apart.
    text = re.sub(r"\b([A-Z]{1,6})-(\d+)\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))}", text)
    return re.sub(r"\b([A-Z])(\d{1,3})\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))}", text)


def _ordinals_and_numbers(text: str) -> str:
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1))), text)
    text = re.sub(r"(?:\b|')((?:1[0-9]|20)\d0)s\b", lambda m: decade(int(m.group(1))), text)
    text = re.sub(r"'(\d0)s\b", lambda m: decade(1900 + int(m.group(1))).split(" ", 1)[1], text)
    text = re.sub(r"(?<![\d,.])(\d{1,2})/(\d{1,2})(?![\d/])", _fraction, text)
    text = re.sub(r"\b(in|since|from|until|by|of|to|before|after|circa) (1[0-9]\d\d)\b(?![,.]\d)",
                  lambda m: f"{m.group(1)} {year(int(m.group(2)))}", text)  # fmt: skip
    text = re.sub(r"(?<![\w.,])(1[1-9]\d\d|20\d\d)(?![\d,.]\d|\s?(?:people|residents|votes|jobs|homes|"
                  r"times|cases|troops|workers|members|units|words|pages|miles|kilometers|metres|meters))\b",
                  lambda m: year(int(m.group(1))), text)  # fmt: skip
    text = re.sub(r"(?<![\w.])[-−](?=\d)", "minus ", text)
    return re.sub(rf"(?<![\w.]){_NUM}(?![\w])", lambda m: number(m.group(0)), text)


_FRACTIONS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters")}


def _fraction(m: re.Match[str]) -> str:
    a, b = int(m.group(1)), int(m.group(2))
    if a == 24 and b == 7:
        return "twenty-four seven"
    if 0 < a < b <= 10:
        one, many = _FRACTIONS.get(b, (ordinal(b), ordinal(b) + "s"))
        return f"{cardinal(a)} {one if a == 1 else many}" if b != 2 or a == 1 else f"{cardinal(a)} halves"
    return f"{cardinal(a)} slash {cardinal(b)}"


def _initialisms(text: str) -> str:
    def dotted(m: re.Match[str]) -> str:
        letters = m.group(1).replace(".", "")
        return _keep_stop(m, " ".join(letters))

    text = re.sub(r"\b((?:[A-Za-z]\.){2,})(?=[^A-Za-z]|$)", dotted, text)

    def caps(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in WORD_ACRONYMS or word in ("I", "A", "OK"):
            return word
        plural = word.endswith("s") and word[:-1].isupper()
        core = word[:-1] if plural else word
        if len(core) >= 5 and re.search(r"[AEIOU]", core[1:]) and not plural:
            return word  # long capital words with vowels are usually read as words
        return " ".join(core) + ("'s" if plural else "")

    return re.sub(r"\b[A-Z]{2,6}s?\b", caps, text)


def _symbols(text: str) -> str:
    text = re.sub(r"\s[—–]\s|—", ", ", text)
    text = re.sub(r"\band/or\b", "and or", text)
    text = re.sub(r"(?<=\w)\s?/\s?(?=\w)", " slash ", text)
    text = re.sub(r"\+(?=\d)|(?<=\s)\+(?=\s)", "plus ", text)
    text = re.sub(r"(?<=\w)\+", " plus", text)
    text = re.sub(r"#(?=\d)", "number ", text)
    text = re.sub(r"\s=\s", " equals ", text)
    text = re.sub(r"(?<!\w)@(\w+)", r"at \1", text)
    text = text.replace("…", "...").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+([,.;:!?])", r"\1", text)


def normalise(text: str, options: Options | None = None) -> str:
    """The spoken form of one sentence."""
    options = options or Options()
    text = _SPACE.sub(" ", text).strip()
    starts_upper = bool(text[:1]) and not text[:1].islower()
    for rule in (
        lambda t: _urls(t, options),
        _times,
        _dates,
        _money,
        _percent,
        _units,
        _abbreviations,
        _roman_numerals,
        _scores,
        _letters_and_numbers,
        _ordinals_and_numbers,
        _initialisms,
        _symbols,
    ):
        text = rule(text)
    text = re.sub(r",\s*,", ",", text)
    text = _SPACE.sub(" ", text).strip(" ,")
    return text[:1].upper() + text[1:] if text and starts_upper else text


_LEFTOVER = re.compile(r"\d|[^\w\s.,;:!?'\"()\-–—]")


def unspoken(spoken: str) -> list[str]:
    """Pieces of normalised text no rule turned into words: digits and odd symbols."""
    return sorted({tok.strip(".,;:!?\"'()") for tok in spoken.split() if _LEFTOVER.search(tok)} - {""})
