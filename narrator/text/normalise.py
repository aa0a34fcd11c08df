"""Normalise written English news text into the words a voice should say.

Rules read context, not just tokens: "St." is "Saint" before a name and "Street" after
one, "No. 10" is "Number ten", "9-4" after "voted" is a score, a four-digit number is a
year unless it counts something. Each rule is a small function, kept in a module by job
(:mod:`.times` for clock times and dates, :mod:`.amounts` for money and units,
:mod:`.figures` for the other numbers, and the abbreviations, links and symbols here);
:func:`normalise` holds the order, where earlier, more specific rules (times, dates,
money) take their text before the general number rule sees it. What no rule understands is left as
written, and :func:`unspoken` reports it so an editor can fix it before narration.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field

from .amounts import SYMBOLS, say_money, say_percent, say_units
from .capitals import say_capitals
from .figures import (
    say_fractions,
    say_leading_point,
    say_letters_and_numbers,
    say_ordinals_and_numbers,
    say_ratios,
    say_roman_numerals,
    say_scores,
)
from .identifiers import say_glued, say_identifiers
from .measures import say_feet_and_inches
from .numbers import digits
from .ranges import say_ranges
from .tables import TITLES
from .times import keep_stop, say_dates, say_times

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
    text = re.sub(rf"(?<=[\w,] )({suffixes})\b\.?", lambda m: keep_stop(m, SUFFIXES[m.group(1)]), text)
    for written, spoken in PHRASES.items():
        pattern = rf"(?<![\w.]){re.escape(written)}(?=\s|$|[,;:)])"
        text = re.sub(pattern, lambda m, s=spoken: keep_stop(m, s), text)
    return text


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


# A deal's price line as the page sets it, with no stops: "Was $1,099 Now $849 Save $250".
_PRICE_LABEL = re.compile(r"(?<=\d)\s+(Now|Save|Was|Sale|Deal)\s+(?=[$£€]\s?\d)")


def _price_labels(text: str) -> str:
    """ "Was $1,099, now $849, save $250": a pause before each label of a price line."""
    return _PRICE_LABEL.sub(lambda m: f", {m.group(1).lower()} ", text)


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
        say_leading_point,
        lambda t: say_ranges(t, SYMBOLS),
        say_feet_and_inches,
        lambda t: say_times(t, style),
        lambda t: say_dates(t, options.day_first),
        say_fractions,
        _price_labels,
        say_money,
        say_percent,
        say_units,
        _abbreviations,
        say_roman_numerals,
        say_scores,
        say_ratios,
        say_letters_and_numbers,
        say_glued,
        say_ordinals_and_numbers,
        lambda t: say_capitals(t, style, options.words),
        _symbols,
    ):
        text = rule(text)
    text = re.sub(r",\s*,", ",", text)
    text = _SPACE.sub(" ", text).strip(" ,")
    text = re.sub(r"(?:[,\s]+[-–—])+$", "", text)  # a dash left dangling at the end says nothing
    return text[:1].upper() + text[1:] if text and starts_upper else text
