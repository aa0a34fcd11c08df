"""Normalise written English into the words a voice should say.

Rules work on context: "Feb. 27" is a date, "No. 10" is a number, "St." before a name
is "Saint". What a rule doesn't cover is left for the engine's own reading.
"""

from __future__ import annotations

import re

_MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_TITLES = {
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
    "Rev": "Reverend",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Amb": "Ambassador",
    "Pres": "President",
    "Fr": "Father",
}
_PHRASES = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "approx.": "approximately",
    "a.m.": "AM",
    "p.m.": "PM",
}
_SCALE = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "trn": "trillion",
}

_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.?(?=\s+\d)", re.I)
_TITLE = re.compile(r"\b(" + "|".join(_TITLES) + r")\.?(?=\s+[A-Z])")
_ST = re.compile(r"(\b[A-Z][\w'’-]*\s+)?\bSt\b(\.?)(?=(\s+[A-Z][\w'’-]*)?)")
_NUMBER = re.compile(r"\b(No|Nos)\.\s*(?=\d)")
_INITIALISM = re.compile(r"\b((?:[A-Z]\.){2,})(?=[^A-Za-z]|$)")
_MONEY_SCALE = re.compile(r"([$£€¥])\s?(\d[\d,]*(?:\.\d+)?)\s?(bn|mn|trn|tn|k|m|b)\b", re.I)
_SPACE = re.compile(r"\s+")
_OPENERS = frozenset("the a an he she it they we i this that but and so on in at to".split())


def _phrase(text: str) -> str:
    for written, spoken in _PHRASES.items():
        pattern = rf"(?<![\w.]){re.escape(written)}(?=\s|$|[,;:])"
        text = re.sub(pattern, lambda m, s=spoken: _keep_final_stop(m, s), text, flags=re.I)
    return text


def _keep_final_stop(match: re.Match[str], spoken: str) -> str:
    """A replaced abbreviation that ended the sentence still ends it."""
    return spoken + ("." if match.end() == len(match.string) else "")


def _saint_or_street(match: re.Match[str]) -> str:
    """ "St." after a name is a street ("Main St."); before one it is a saint."""
    before, dot, after = match.group(1), match.group(2), match.group(3)
    after_word = (after or "").strip().lower()
    if before and (not after or after_word in _OPENERS):
        end = "." if dot and match.end() == len(match.string) else ""
        return f"{before}Street{end}"
    return f"{before or ''}Saint"


def normalise(text: str) -> str:
    """The spoken form of one sentence."""
    text = _SPACE.sub(" ", text).strip()
    text = _MONTH_DAY.sub(lambda m: _MONTHS[m.group(1).lower()], text)
    text = _NUMBER.sub(lambda m: "Number " if m.group(1) == "No" else "Numbers ", text)
    text = _ST.sub(_saint_or_street, text)
    text = _TITLE.sub(lambda m: _TITLES[m.group(1)], text)
    text = _phrase(text)
    text = _MONEY_SCALE.sub(lambda m: f"{m.group(1)}{m.group(2)} {_SCALE[m.group(3).lower()]}", text)
    # Dotted initialisms are read letter by letter; without the dots the engine
    # won't mistake them for the end of a sentence.
    text = _INITIALISM.sub(lambda m: _keep_final_stop(m, m.group(1).replace(".", "")), text)
    return _SPACE.sub(" ", text).strip()
