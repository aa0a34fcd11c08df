"""Measures beyond a number and a unit: dimensions ("25 x 7 m"), feet and inches
(`6'2"`, `14"`), and amounts used as adjectives ("a 10 km race", "a $5 fee"), which
take the singular: "a ten kilometer race", "a five dollar fee".
"""

from __future__ import annotations

import re

from .numbers import number

_DETERMINERS = r"a|an|the|its|his|her|their|our|this|that|every|each|one"
# Words after an amount that show it is not an adjective: "a $5 rise in" is, "$5 of" is not.
_NOT_NOUNS = frozenset(
    "of in to for from on at by and or but per a an the is was were are be been has had have will would "
    "could can may might should each more less this that which who over into with as than last since after "
    "before plus apiece tall high long wide deep away above below old ago later earlier".split()
)


def is_modifier(text: str, start: int, end: int) -> bool:
    """True when the amount at text[start:end] stands before a noun after a determiner."""
    before = text[max(0, start - 60) : start]  # a bounded window keeps long texts linear
    if not re.search(rf"\b(?:{_DETERMINERS})\s+(?:[\w.-]+\s+(?:to|and)\s+)?$", before, re.I):
        return False
    after = re.match(r"\s+([a-z][a-z-]*)\b", text[end : end + 40])
    return bool(after) and after.group(1) not in _NOT_NOUNS


def say_dimensions(text: str, units: dict[str, tuple[str, str]], names: str, num: str) -> str:
    """ "3 x 4 m": ``names`` is the alternation of ``units``' names, built once with the table."""

    def unit_words(n: str, unit: str | None, modifier: bool) -> str:
        if not unit:
            return number(n)
        one, many = units[unit]
        return f"{number(n)} {one if modifier or n == '1' else many}"

    def say(m: re.Match[str]) -> str:
        modifier = is_modifier(m.string, m.start(), m.end())
        a = unit_words(m.group(1), m.group(2), False)
        return f"{a} by {unit_words(m.group(3), m.group(4), modifier)}"

    return re.sub(rf"(?<![\w.])({num})\s?({names})?\s?[x×]\s?({num})(?:\s?({names}))?(?![\w/])", say, text)


def say_feet_and_inches(text: str) -> str:
    text = re.sub(r"\b(\d)['′]\s?(\d{1,2})(?:[\"″”]|'')", lambda m: f"{number(m.group(1))} foot {number(m.group(2))}",
                  text)  # fmt: skip
    text = re.sub(r"\b(\d{1,3}) ft (\d{1,2}) in\b", lambda m: f"{number(m.group(1))} feet {number(m.group(2))} inches",
                  text)  # fmt: skip
    if text.count('"') % 2 == 1 or "″" in text:  # an unpaired double quote after a number is an inch mark

        def inches(m: re.Match[str]) -> str:
            if is_modifier(m.string, m.start(), m.end()):
                return f"{number(m.group(1))}-inch"
            return f"{number(m.group(1))} {'inch' if m.group(1) == '1' else 'inches'}"

        text = re.sub(r"\b(\d{1,3}(?:\.\d)?)[\"″](?=\s|[,.;:]|$)", inches, text)
    return re.sub(r"\b(\d{1,3})['′](?=\s+(?:high|tall|long|wide|deep|away|above|below)\b|[,.;]?$)",
                  lambda m: f"{number(m.group(1))} {'foot' if m.group(1) == '1' else 'feet'}", text)  # fmt: skip
