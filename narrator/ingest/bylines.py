"""Who wrote it: the people in a byline, not the desks, agencies or publications.

Two strengths of judgement. :func:`is_person` is strict, for names a page's metadata or
an extractor's guess offers (publications, job titles and dates turn up there);
:func:`people` only drops desks and agencies from a byline an editor or a page wrote
("Priya Raman and Metro Desk"), and keeps every other name as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..text.tidy import tidy_line

AGENCIES = frozenset(
    (
        "ap", "afp", "upi", "dpa", "ani", "pti", "ians", "efe", "ansa", "tass", "aap", "xinhua", "kyodo",
        "yonhap", "reuters", "thomson reuters", "bloomberg", "associated press", "the associated press",
        "agence france-presse", "agence france presse", "press association", "pa media", "canadian press",
        "the canadian press", "united press international", "cnn", "bbc", "npr", "anadolu", "staff",
    )
)
# Words that never appear in a person's name as a byline gives it: desks, publications,
# job titles, page furniture and dates (trafilatura's own byline guess picks these up).
_NOT_PERSON = re.compile(
    r"\b(?:desk|staff|team|newsroom|editors?|editorial|board|wires?|bureau|service|agency|agencies|news|"
    r"media|press|reporters|contributors|correspondents|admin|administrator|webmaster|sponsored|partners?|"
    r"group|network|online|digital|magazine|times|post|journal|daily|herald|tribune|gazette|advertiser|"
    r"writers?|reporter|correspondent|columnist|contributor|producer|author|authors|guest|profile|view|"
    r"about|contact|updated|published|posted|file|photos?|photograph|manager|director|engineer|president|"
    r"officer|founder|ceo|analyst|special|reset|name|unknown|anonymous|photography|interactive|presents|"
    r"reblogged|read|we|it|this|our|your|my|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|january|february|march|july|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"com|net|org)\b",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:;|\||,|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|door|di)[:\s]\s*", re.IGNORECASE)
_PARTICLES = frozenset("de da del della der di du la le van von bin al el y dos das ten ter".split())


def is_person(name: str) -> bool:
    """False for desks, agencies, publications, roles, handles and URLs: not a person to name.

    A person has two to five words, each capitalised or a particle ("van", "de").
    """
    low = re.sub(r"\s+", " ", name.lower()).strip(" .")
    if not low or low in AGENCIES or low.startswith("the ") or _NOT_PERSON.search(low):
        return False
    if any(c in name for c in "@/:=<>") or any(c.isdigit() for c in name):
        return False
    words = name.split()
    if not name.isupper() and any(len(w) > 1 and w.isupper() and "." not in w for w in words):
        return False  # an acronym beside a name: a company or a programme, not a person
    return 2 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _name_case(name: str) -> str:
    """JANE E. DOE as Jane E. Doe; initials and mixed-case names stay as written."""
    if not name.isupper():
        return name
    return re.sub(r"[A-Z]{2,}", lambda m: m.group().capitalize(), name)


def author_names(value: Any) -> list[str]:
    """The people in one author value: a string, a JSON-LD Person, or a list of either."""
    if isinstance(value, list):
        return [n for v in value for n in author_names(v)]
    if isinstance(value, dict):
        kind = value.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.lower() in ("organization", "newsmediaorganization") for k in kinds):
            return []
        return author_names(value.get("name"))
    if not isinstance(value, str):
        return []
    text = _BY_PREFIX.sub("", tidy_line(value))
    names = (n.strip(" .") for n in _NAME_SPLIT.split(text))
    return [_name_case(n) for n in names if is_person(n)]


def join_names(names: Iterable[str]) -> str | None:
    """Jane Doe, John Roe and Ann Poe: each person once, in order."""
    unique: list[str] = []
    for name in names:
        if name.lower() not in {u.lower() for u in unique}:
            unique.append(name)
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


# Bylines that name a desk, a team or an agency rather than a person.
_DESK = re.compile(
    r"\b(?:desk|staff|team|newsroom|bureau|service|wire|wires|editors?|editorial(?: board)?|reporters?|"
    r"correspondents?|writers?|agenc(?:y|ies)|news|media|press|contributors?)$",
    re.IGNORECASE,
)


# One person's job: a desk only with a role or a beat before it ("Staff Reporter",
# "Senior Writer", "Our Correspondent"), a surname after a first name ("Jane Reporter").
_ROLE = re.compile(r"\b(?:reporter|writer|correspondent|editor|contributor)$", re.IGNORECASE)
_QUALIFIERS = frozenset(
    """staff senior special chief our foreign political politics science sports sport metro city business
    health tech technology education environment environmental economics economic legal arts crime transport
    deputy associate contributing guest wire news section managing executive page local regional national
    international world court home affairs features travel food culture music film weather investigative data
    digital online assistant freelance general lead principal diplomatic defence defense security industry
    energy climate property finance financial money markets consumer social media community correspondent
    education medical fashion style books religion royal parliamentary westminster white house state capitol
    a an the""".split()
)


def is_desk(name: str) -> bool:
    """A desk, a team or an agency: "Metro Desk", "Reuters", "Staff and agencies"."""
    low = re.sub(r"\s+", " ", name.lower()).strip(" .")
    if low in AGENCIES or (low.startswith("the ") and low[4:] in AGENCIES):
        return True
    if _ROLE.search(low):
        return all(w in _QUALIFIERS for w in low.split()[:-1])
    return bool(_DESK.search(low))


def people(author: str | None) -> str | None:
    """The people in a byline, without desks or agencies: "Priya Raman and Metro Desk" is
    "Priya Raman"; "Reuters" alone is no author at all."""
    if not author:
        return None
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+(?:and|&)\s+|;\s*", author) if n.strip()]
    kept = [n for n in names if not is_desk(n)]
    if kept == names:
        return author
    return join_names(kept)
