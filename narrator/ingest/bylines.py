"""Who wrote it: every rule about names and bylines, in one place.

Reading a byline on the page (:func:`parse_byline`, :func:`clean_name`,
:func:`author_from_byline`); judging whether a name is a person's (:func:`is_person`,
:func:`is_desk`); reading an author value from metadata (:func:`author_names`); joining
names "A, B and C" (:func:`and_list`, :func:`join_names`); and :func:`people`, which only
drops desks and agencies from a byline an editor or a page wrote ("Priya Raman and Metro
Desk") and keeps every other name as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..text.dates import find_date
from ..text.tidy import tidy_line
from .furniture import WEEKDAYS, is_role, words

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


def is_person(name: str | None, *, byline: bool = False) -> bool:
    """Whether ``name`` is people to credit, not desks, agencies, publications or roles.

    Two strengths, because the two kinds of source fail differently. By default the rule
    is strict, for one name that a page's metadata or an extractor's guess offers
    (publications, job titles and dates turn up there): two to five words, each
    capitalised or a particle ("van", "de"), none of them a desk's, a title's or a date's.

    ``byline=True`` is for names a byline line on the page gives, already cut to
    name-shaped words: one or several ("A, B and C"), each of two words or more and not a
    desk or an agency, so that "Jane Reporter" is a person. (The strict rule would lose
    bylines the copied-text reader finds, and change its corpus scores.)
    """
    if not name:
        return False
    if byline:
        parts = [p for p in re.split(r"\s+(?:and|&)\s+|,\s*", name) if p]
        return bool(parts) and all(
            len(p.split()) >= 2 and not is_desk(p) and not all(w.lower().strip(".") in AGENCIES for w in p.split())
            for p in parts
        )
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


def and_list(names: list[str]) -> str:
    """Jane Doe, John Roe and Ann Poe: names as a byline reads them (at least one)."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def join_names(names: Iterable[str]) -> str | None:
    """Jane Doe, John Roe and Ann Poe: each person once, in order."""
    unique: list[str] = []
    for name in names:
        if name.lower() not in {u.lower() for u in unique}:
            unique.append(name)
    return and_list(unique) if unique else None


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


# Jobs outside the newsroom, after a name in a byline ("Posted by Dan Kowal, Product Manager").
# Kept apart from ``furniture.is_role``: that is a feature of the copied-text model as trained.
_JOB = re.compile(r"^(?:[\w-]+\s){0,3}(?:manager|director|analyst|engineer|scientist|strategist|specialist)s?$", re.I)


def is_job(line: str) -> bool:
    """A job title, a newsroom's or another's."""
    return is_role(line) or (bool(_JOB.match(line.strip())) and len(words(line)) <= 4)


def people(author: str | None) -> str | None:
    """The people in a byline, without desks or agencies: "Priya Raman and Metro Desk" is
    "Priya Raman"; "Reuters" alone is no author at all; "Dan Kowal, Product Manager" is
    "Dan Kowal"."""
    if not author:
        return None
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+(?:and|&)\s+|;\s*", author) if n.strip()]
    # a job title follows a name ("Jane Reporter" alone may be a person)
    kept = [n for k, n in enumerate(names) if not is_desk(n) and not (k and is_job(n))]
    if kept == names:
        return author
    return join_names(kept)


# --- bylines on the page: "By Jane Doe, Reuters · 4 min read"

_BYLINE = re.compile(r"^(?:(?:written|words|story|reporting|text|report)\s)?by[:\s]\s*(?P<rest>.+)$", re.IGNORECASE)
_BYLINE_INNER = re.compile(
    r"^(?:posted|published|written|filed|updated|first\spublished)\b.{0,60}?\bby\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_AUTHOR_FOOTER = re.compile(r"^(?:author|authors|written\sby|words)\s*[:|]\s*(?P<rest>.+)$", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|de|van|von|der|da|del|di|la|le|bin|al-\w+)$")
_NOT_NAMES = frozenset(
    "updated published posted in for at on january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def clean_name(text: str) -> str | None:
    """The person or people at the start of ``text``: "Jane Doe and John Roe"."""
    text = re.split(r"\s[|•·–—]\s|\s-\s|,\s(?=[A-Z][a-z]+\s(?:correspondent|reporter|editor))", text)[0]
    tokens = text.replace(",", " , ").split()
    names: list[str] = []
    current: list[str] = []
    for token in tokens:
        low = token.lower()
        if token == "," or low in ("and", "&"):
            if current:
                names.append(" ".join(current))
                current = []
            continue
        if _NAME_WORD.match(token) and token.lower().rstrip(".") not in _NOT_NAMES:
            current.append(token.rstrip(","))
            if len(current) > 4:
                return None
            continue
        break
    if current:
        names.append(" ".join(current))
    names = [n for n in names if not is_job(n)]
    names = [n for n in names if 1 <= len(n.split()) <= 4 and not n.endswith(".")] or names
    names = [n.rstrip(".") for n in names if n]
    if not names:
        return None
    return and_list(names)


def parse_byline(line: str) -> str | None:
    """The author named by a byline such as "By Jane Doe, Reuters · 4 min read"."""
    stripped = line.strip().strip("*_")
    match = _BYLINE.match(stripped) or _AUTHOR_FOOTER.match(stripped) or _BYLINE_INNER.match(stripped)
    found = find_date(stripped)
    if not match:
        # "Jane Doe | Sunday 19 October 2025, 18:30": a name beside the date.
        if not found or len(words(stripped)) > 14:
            return None
        rest = stripped[: found[1][0]] + " " + stripped[found[1][1] :]
        rest = re.sub(WEEKDAYS, " ", rest).strip(" ,|·•-–—")
        name = clean_name(rest)
        if (
            name
            and len(words(name)) >= 2
            and not name.isupper()
            and len(words(name)) == len(words(rest.replace("|", " ").replace(",", " ")))
        ):
            return name
        return None
    rest = match.group("rest")
    found = find_date(rest)
    if found:
        rest = rest[: found[1][0]]
    return clean_name(rest)


_BY = re.compile(r"(?:^|\s)by[:\s]\s*(?P<rest>.+)$", re.I)
_NAME_END = re.compile(
    r"\s+[|·•–—-]\s*|\s*[|·•]\s*|\s+(?=\d)|\s+(?:on|at|updated|published|posted)\b"
    r"|\s+(?=(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?)"
    r"|\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.I,
)


def _byline_names(text: str) -> list[str]:
    """The people a byline names: "By Jane Doe and John Roe, Reuters | May 2, 2025" gives both."""
    found = _BY.search(text)
    rest = found.group("rest") if found else text
    rest = _NAME_END.split(rest.strip(), maxsplit=1)[0]
    named = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", rest):
        name = clean_name(part.strip())
        if not name or len(name.split()) != len(part.split()):
            break  # a role, a desk or a date: the names are over
        named.append(name.title() if part.isupper() else name)
    return [p for p in named if is_person(p, byline=True)]


BY_ROLE_NAME = re.compile(
    r"^By\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:Reporter|Writer|Correspondent|Editor|Contributor))$"
)


def author_from_byline(text: str) -> str | None:
    """The person or people a byline names, leaving out desks, agencies, dates and roles."""
    n = len(text.split())
    if n > 25:
        return None
    named = _byline_names(text)
    if not named:
        name = parse_byline(text)
        if name is None and n <= 5:
            candidate = clean_name(text)
            name = candidate if candidate and len(candidate.split()) == n else None
        named = [p for p in re.split(r",\s*|\s+and\s+|\s*&\s*", name or "") if is_person(p, byline=True)]
    if not named and (whole := BY_ROLE_NAME.match(text)) and is_person(whole.group(1), byline=True):
        named = [whole.group(1)]  # "By Jane Reporter": a surname that is a job, not "By Staff Reporter"
    if not named:
        return None
    return and_list(named)
