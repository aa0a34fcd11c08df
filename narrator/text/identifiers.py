"""Numbers that name rather than count: phone numbers, house numbers, streets, plans,
quarters and models. These are read in groups ("seven oh eight", "four oh one K") or
digit by digit, never as one big cardinal.
"""

from __future__ import annotations

import re

from .numbers import ONES, cardinal, number, ordinal, year
from .tables import AP_STATES, US_STATES, alternation

_AP_NAMES = alternation(AP_STATES)
_STATE_CODES = "|".join(US_STATES)
_CITY_CODES = "|".join(code for code in US_STATES if code not in ("LA", "DC"))

_TOLL_FREE = {"800", "888", "877", "866", "855", "844", "833"}
STREET_TYPES = {
    "St": "Street", "Street": "Street", "Ave": "Avenue", "Avenue": "Avenue", "Rd": "Road", "Road": "Road",
    "Blvd": "Boulevard", "Boulevard": "Boulevard", "Dr": "Drive", "Drive": "Drive", "Ln": "Lane", "Lane": "Lane",
    "Pl": "Place", "Place": "Place", "Ct": "Court", "Court": "Court", "Pkwy": "Parkway", "Way": "Way",
    "Hwy": "Highway", "Highway": "Highway", "Expy": "Expressway", "Fwy": "Freeway", "Cir": "Circle",
    "Ter": "Terrace",
}  # fmt: skip
DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West"}


def digits(text: str) -> str:
    """ "0199" -> "oh one nine nine"."""
    return " ".join("oh" if d == "0" else ONES[int(d)] for d in text if d.isdigit())


def grouped(text: str) -> str:
    """A number that names something, read as people read house and flight numbers:
    "708" -> "seven oh eight", "1600" -> "sixteen hundred", "221" -> "two twenty-one"."""
    n = int(text)
    if len(text) <= 2 or text.startswith("0"):
        return digits(text) if text.startswith("0") else cardinal(n)
    if len(text) == 3:
        head, tail = divmod(n, 100)
        if tail == 0:
            return f"{ONES[head]} hundred"
        return f"{ONES[head]} " + (f"oh {ONES[tail]}" if tail < 10 else cardinal(tail))
    if len(text) == 4:
        head, tail = divmod(n, 100)
        if n % 1000 == 0:
            return cardinal(n)  # "2000 Main St": two thousand
        if tail == 0:
            return f"{cardinal(head)} hundred"
        return f"{cardinal(head)} " + (f"oh {ONES[tail]}" if tail < 10 else cardinal(tail))
    return digits(text)


def _phone(m: re.Match[str]) -> str:
    groups = [g for g in m.groups() if g]
    spoken = [("eight hundred" if g == "800" else f"{ONES[int(g[0])]} hundred") if g in _TOLL_FREE
              else "plus one" if g == "+1" else digits(g) for g in groups]  # fmt: skip
    return ", ".join(spoken)


def say_identifiers(text: str) -> str:
    # +44 20 7946 0000: an international number, dialled group by group
    text = re.sub(r"(?<![\w+])\+(\d{1,3})((?:[ .-]\d{1,4}){2,6})\b(?![.,]\d)",
                  lambda m: "plus " + ", ".join(digits(g) for g in [m.group(1), *re.split(r"[ .-]", m.group(2))[1:]]),
                  text)  # fmt: skip
    country = r"(?:(\+?1)(?:[\s.-]?(?=\()|[\s.-]))?"  # "+1 (212)", "1-800"
    text = re.sub(rf"(?<![\w.+-]){country}\(?(\d{{3}})(?:\)[\s.-]?|[\s.-])(\d{{3}})[.-](\d{{4}})\b", _phone, text)
    # "021 680 3991": a number that starts with a zero and runs on in spaced groups is dialled
    text = re.sub(r"(?<![\w.,+])(0\d{1,4})((?: \d{3,4}){1,3})\b(?![.,]\d)",
                  lambda m: ", ".join(digits(g) for g in m.group(0).split()), text)  # fmt: skip
    text = re.sub(r"\b((?:[Cc]all|[Dd]ial|[Dd]ialled|[Dd]ialed|[Tt]ext|[Cc]alled|[Cc]alling) )"
                  r"(911|999|311|112|211|411|111)\b", lambda m: m.group(1) + digits(m.group(2)), text)  # fmt: skip
    text = re.sub(r"\b(911|999)(?= (?:call|calls|operator|dispatcher)\b)", lambda m: digits(m.group(1)), text)
    # 401(k), 501(c)(3): tax-code plans and charities
    text = re.sub(r"\b(\d{3})\(([a-z])\)(?:\((\d)\))?",
                  lambda m: f"{grouped(m.group(1))} {m.group(2).upper()}" + (f" {cardinal(int(m.group(3)))}"
                                                                             if m.group(3) else ""), text)  # fmt: skip
    text = _quarters(text)
    text = _zip_codes(text)
    text = _states(text)
    text = _addresses(text)
    # Boeing's 737, 787: model numbers, but only named as planes ("777 people" is a count)
    text = re.sub(r"\b(Boeing )?(7[0-8]7)\b(?(1)|(?= (?:MAX|Max|jets?|planes?|aircraft|Dreamliner)\b))",
                  lambda m: (m.group(1) or "") + grouped(m.group(2)), text)  # fmt: skip
    text = re.sub(r"\bHwy\.?(?= \d)", "Highway", text)
    text = re.sub(r"\b(Flight|Room|Gate|Suite|Apartment|Platform|Terminal|Highway|Channel) (\d{3,4})\b",
                  lambda m: f"{m.group(1)} {grouped(m.group(2))}", text)  # fmt: skip
    text = re.sub(r"\b(480|720|1080|1440|2160)p\b", lambda m: f"{grouped(m.group(1))} P", text)
    # A320, MP3, PS5, G7: capitals then a number, read apart; three digits in pairs.
    text = re.sub(r"\b([A-Z]{1,4})(\d{3})\b", lambda m: f"{m.group(1)} {grouped(m.group(2))}", text)
    return re.sub(r"(?<=[A-Za-z])(\d)(?=[A-Z][a-z]|[A-Z]\b)", lambda m: f" {cardinal(int(m.group(1)))} ", text)


def say_glued(text: str) -> str:
    """3D, 5G, 4K, 3DS, 1.3EV: a number then capitals, read apart. Runs after units and money
    have taken "5GB" and "$12M"."""
    return re.sub(r"(?<![\w.,])(\d{1,3}(?:\.\d+)?)([A-Z]{1,3})(s?)\b",
                  lambda m: f"{number(m.group(1))} {m.group(2)}{m.group(3)}", text)  # fmt: skip


def _plural(words: str) -> str:
    return words[:-1] + "ies" if words.endswith("y") else words + ("es" if words.endswith("x") else "s")


def _code_number(run: str, first: bool) -> str:
    """A number inside a word of letters and digits. One that starts the word is a quantity
    ("240kmh", "180solutions"); one after letters names a model ("BCM4325"), said in
    pairs; five digits or more are said one by one."""
    if "." in run:
        return " point ".join(number(part) for part in run.split("."))  # v5.1, 2.0, 1.8.1
    if len(run) >= 5 or (run.startswith("0") and len(run) > 1):
        return digits(run)
    return cardinal(int(run)) if first and len(run) <= 3 else grouped(run)


def say_alphanumeric(text: str) -> str:
    """A word of letters and digits no other rule took ("web3", "4chan", "MP3s", "v5.1"):
    letters and numbers read apart, never run together into one word ("webthree")."""

    def say(m: re.Match[str]) -> str:
        word = m.group(0)
        if not re.search(r"\d", word) or not re.search(r"[A-Za-z]", word):
            return word
        parts = re.findall(r"\d+(?:\.\d+)*|[A-Za-z]+", word)
        out: list[str] = []
        for i, part in enumerate(parts):
            if part == "s" and i and parts[i - 1][0].isdigit():
                out[-1] = _plural(out[-1])  # "MP3s": MP threes
            elif part[0].isdigit():
                out.append(_code_number(part, i == 0))
            else:
                out.append(part)
        return " ".join(out)

    return re.sub(r"(?<!\d[.,])\b[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*\b", say, text)


def say_dotted_numbers(text: str) -> str:
    """ "1.8.1": a version or section number, each part said, "point" between them."""
    return re.sub(r"(?<![\w.])\d+(?:\.\d+){2,}\b(?!\.\d)",
                  lambda m: " point ".join(number(p) for p in m.group(0).split(".")), text)  # fmt: skip


def say_leading_zeros(text: str) -> str:
    """ "007", "0042": a number written with leading zeros is a code, read digit by digit."""
    return re.sub(r"(?<![\w.,:/-])0\d+\b(?![.,:]\d)", lambda m: digits(m.group(0)), text)


_QUARTER_PREPS = r"in|during|for|by|from|of|since|over|through|until"
_STOP = frozenset("of in to for from on at by and or but per the a an is was were are has had will with".split())


def _quarter_words(q: str, yr: str | None, prep: str | None, after: str) -> str:
    words = f"{ordinal(int(q))} quarter"
    if yr:
        full = int(yr) if len(yr) == 4 else 2000 + int(yr)
        words += f" of {year(full)}"
    elif not prep and re.match(r"\s[a-z]+", after) and after.split()[0] not in _STOP:
        return f"{ordinal(int(q))}-quarter"  # "the Q4 results": an adjective
    return f"{prep} the {words}" if prep else words


def _quarters(text: str) -> str:
    def q_first(m: re.Match[str]) -> str:
        return _quarter_words(m.group(2), m.group(3), m.group(1), m.string[m.end() : m.end() + 40])

    text = re.sub(rf"\b(?:({_QUARTER_PREPS}) )?Q([1-4])(?:\s?((?:19|20)\d\d|'?\d\d)\b)?\b",
                  lambda m: q_first(m) if m.group(3) is None or not m.group(3).startswith("'")
                  else _quarter_words(m.group(2), m.group(3)[1:], m.group(1), ""), text)  # fmt: skip
    return re.sub(rf"\b(?:({_QUARTER_PREPS}) )?([1-4])Q\s?((?:19|20)\d\d|\d\d)\b",
                  lambda m: _quarter_words(m.group(2), m.group(3), m.group(1), ""), text)  # fmt: skip


def _zip_codes(text: str) -> str:
    """ "Santa Clara, CA 95051": a ZIP code after a state is said digit by digit, and the state by name."""

    def say(m: re.Match[str]) -> str:
        code = digits(m.group(3)) + (f", {digits(m.group(4))}" if m.group(4) else "")
        return f"{US_STATES[m.group(1)]}{m.group(2)} {code}"

    return re.sub(rf"(?<=, )({_STATE_CODES})(,?) (\d{{5}})(?:-(\d{{4}}))?\b(?![.,]\d)", say, text)


def _states(text: str) -> str:
    """ "Charlotte, NC (AP)", "Raleigh, N.C., voted": a state after a city is said by name. "LA" after
    a comma is as often Los Angeles, so it stays as written."""
    city = r"(?<=[a-z], )"
    text = re.sub(rf"{city}({_CITY_CODES})\b(?=[,;:)]|\s[(\-–—]|\.?$)", lambda m: US_STATES[m.group(1)], text)

    def ap(m: re.Match[str]) -> str:
        ends = re.match(r"\s[A-Z]|\s*$", m.string[m.end() : m.end() + 2])  # a sentence's own stop stays
        return AP_STATES[m.group(1)] + ("." if ends else "")

    return re.sub(rf"{city}({_AP_NAMES})(?=[,;:)]|\s|$)", ap, text)


def _street(name: str) -> str:
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", name)
    return ordinal(int(m.group(1))).capitalize() if m else name


def _addresses(text: str) -> str:
    types = "|".join(STREET_TYPES)

    def say(m: re.Match[str]) -> str:
        house, direction, name, kind = m.group(1), m.group(2), m.group(3), m.group(4)
        words = [grouped(house)] if house else []
        if direction:
            words.append(DIRECTIONS.get(direction.rstrip(". ")[0], direction.strip()))
        words += [_street(name), STREET_TYPES[kind]]
        stop = "." if m.group(0).endswith(".") and m.end() == len(m.string) else ""
        return " ".join(words) + stop

    numbered = r"\d+(?:st|nd|rd|th)"
    named = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
    # "708 N 1st St", "1600 Pennsylvania Ave.", and without a house number "W. 57th St."
    direction = r"(?:[NSEW]\.?|North|South|East|West) "
    text = re.sub(rf"(?<!No\. )\b(\d{{1,5}}) ({direction})?({numbered}|{named}) ({types})\b\.?",
                  say, text)  # fmt: skip
    return re.sub(rf"(?<![\w.])()((?:[NSEW]\.?|North|South|East|West) )?({numbered}) ({types})\b\.?", say, text)
