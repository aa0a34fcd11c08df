"""Numbers in running text: ordinals, years and decades, fractions, scores and ratios,
Roman numerals after a name ("Pope Leo XIV"), and numbers glued to letters ("COVID-19")."""

from __future__ import annotations

import re

from .amounts import UNIT_ALT, UNITS
from .identifiers import say_alphanumeric, say_dotted_numbers, say_leading_zeros
from .numbers import NUM, cardinal, decade, number, ordinal, year

MONARCHS = (
    "Charles|Elizabeth|Henry|George|Edward|William|Louis|Richard|James|Mary|Victoria|Philip|Frederick|"
    "Leo|Benedict|Pius|Gregory|Innocent|Clement|Paul|John Paul|Alexander|Nicholas|Peter|Catherine|"
    "Felipe|Juan Carlos|Carl|Harald|Olav|Willem-Alexander|Rainier|Albert|Napoleon|Ramesses|Constantine|Francis"
)
NUMBERED = "War|World War|Part|Chapter|Act|Phase|Volume|Vol|Title|Type|Class|Category|Super Bowl|Apollo|Vatican"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman(text: str) -> int | None:
    if not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text) or not text:
        return None
    total = 0
    for i, ch in enumerate(text):
        value = ROMAN[ch]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total



_NOT_REGNAL = "Malcolm|Generation|Brand|Project|Planet|Formula|Windows|Mac|Star|Agent|Chapter|Part"


def say_roman_numerals(text: str) -> str:
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


def say_scores(text: str) -> str:
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


def say_ratios(text: str) -> str:
    """ "a 3:1 ratio", "won 2:1": a colon before a single digit is no clock time. After a
    capitalised word it is a reference ("Genesis 1:1") and stays as written."""
    def say(m: re.Match[str]) -> str:
        if re.search(r"\b[A-Z][a-z]+ $", m.string[max(0, m.start() - 30) : m.start()]):
            return m.group(0)
        return f"{cardinal(int(m.group(1)))} to {cardinal(int(m.group(2)))}"

    return re.sub(r"(?<![\w:.])(\d{1,3}):(\d)(?![\d:])", say, text)


def say_letters_and_numbers(text: str) -> str:
    text = re.sub(r"(?<![#\w])#([A-Za-z]\w*)", r"hashtag \1", text)
    text = re.sub(r"\b([A-Z][a-z]+)(\d{4})\b", r"\1 \2", text)  # "#Election2024"
    # COVID-19, G7, F-35, A4: letters then a number, read apart.
    text = re.sub(r"\b([A-Z]{1,6})-(\d+)\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))}", text)
    return re.sub(r"\b([A-Z]{1,4})(\d{1,2})\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))}", text)


# A plural noun after a four-digit number: "2200 tonnes". Verbs ending in s are not counts.
_VERBS_IN_S = "was|has|is|does|says|goes|sees|makes|takes|gives|comes|marks|looks|seems|saw|remains|begins|ends"
_COUNTED = rf"people|staff|police|(?!(?:{_VERBS_IN_S})\b)[a-z]{{2,}}[^s\W']s"


def say_ordinals_and_numbers(text: str) -> str:
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
    return re.sub(rf"(?<!\w)(?<!\w\.)(?:{NUM})(?![\w])", lambda m: number(m.group(0)), text)


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


def say_fractions(text: str) -> str:
    def mixed(m: re.Match[str]) -> str:
        a, b = int(m.group(2)), int(m.group(3))
        whole = cardinal(int(m.group(1)))
        if a == 1:
            return f"{whole} and a {_FRACTIONS.get(b, (ordinal(b),))[0]}"
        return f"{whole} and {_fraction_words(a, b)}"

    vulgar = "".join(_VULGAR)
    # "3 1/2 lbs": the unit after a mixed number is said in full, in the plural
    text = re.sub(rf"\b(\d+(?: \d/\d{{1,2}}|[{vulgar}]))\s?({UNIT_ALT})\b",
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


def say_leading_point(text: str) -> str:
    """ ".5 trillion", "a .312 average": a decimal written without its zero ("$.99" is money's)."""
    return re.sub(r"(?<![\w.$£€¥₹₩])\.(\d+)\b", lambda m: "point " + " ".join(number(d) for d in m.group(1)), text)
