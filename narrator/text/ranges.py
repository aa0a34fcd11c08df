"""Ranges written with a dash: "$250-$300", "2-5lb", "20-25C", "3-4%", "2-4pm".

A dash between two amounts is said "to" ("and" after "between"), and the unit or currency
is said once, after the second amount, as a newsreader does: "two to five pounds".
The first amount is turned into words here, so later rules see only the second one.
"""

from __future__ import annotations

import re

from .numbers import number

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"bn|mn|trn|tn|k|m|b|thousand|million|billion|trillion"
SCALE_WORDS = {"k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion",
               "tn": "trillion", "trn": "trillion"}  # fmt: skip
# What may follow the second amount for the dash to be a range of measures.
_SUFFIX = (
    r"%|\s?per ?cent\b|°|[CF]\b|\s?[ap]\.?\s?m\b|\s?(?:km/h|mph|kg|km|cm|mm|lbs?|ft|mi|mg|ml|oz|GB|MB|TB|GHz|MW|GW|kW"
    r"|kWh|hrs?|hours?|minutes?|mins?|secs?|wks?|mos?|yrs?|kgs|mbps|gbps"
    r"|days?|weeks?|months?|years?|miles?|inches|feet|percent|degrees?)\b"
)


def _joiner(text: str, start: int) -> str:
    return " and " if re.search(r"\bbetween\s+$", text[max(0, start - 12) : start], re.I) else " to "


def say_ranges(text: str, symbols: str) -> str:
    """``symbols`` is a regex alternation of currency symbols."""

    def money(m: re.Match[str]) -> str:
        scale = m.group("scale")
        whole, _, cents = m.group("a").partition(".")
        second_scaled = re.match(rf"(?:{NUM})\s?(?:{SCALE})\b", m.string[m.end() : m.end() + 40], re.I)
        if scale or second_scaled:
            cents = ""  # "£2.5-3.5m": the scale of the second amount is the first's too
        if len(cents) == 2 and cents != "00":
            # "$150.25-$250.67": dollars and cents, both amounts said in full
            return m.group("sym") + m.group("a") + _joiner(m.string, m.start()) + m.group("sym")
        if cents and not cents.strip("0"):
            return number(whole) + _joiner(m.string, m.start()) + m.group("sym")  # "$50.00-$100.00"
        words = number(m.group("a")) + (f" {SCALE_WORDS.get(scale.lower(), scale.lower())}" if scale else "")
        return words + _joiner(m.string, m.start()) + m.group("sym")

    text = re.sub(rf"(?<![A-Za-z])(?P<sym>{symbols})\s?(?P<a>{NUM})(?:\s?(?P<scale>{SCALE})\b)?\s?[-–]\s?"
                  rf"(?:{symbols})?\s?(?={NUM})", money, text, flags=re.I)  # fmt: skip

    def measure(m: re.Match[str]) -> str:
        first_unit = m.group("ua") or ""
        if re.fullmatch(r"\s?[ap]\.?\s?m\.?", first_unit, re.I):
            return m.group("a") + first_unit + _joiner(m.string, m.start())  # "2pm-5pm": both times are said
        return number(m.group("a")) + _joiner(m.string, m.start())

    return re.sub(rf"(?<![\w.,$£€/-])(?P<a>{NUM})(?P<ua>%|\s?[ap]\.?\s?m\.?)?\s?[-–]\s?(?=(?:{NUM})(?:{_SUFFIX}))",
                  measure, text, flags=re.I)  # fmt: skip
