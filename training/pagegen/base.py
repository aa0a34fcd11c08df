"""The seeded random helpers every page region draws with.

A page is one ``random.Random``: the order of the calls to it decides the page, so a
change in that order changes every generated page and the weights learned from them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TypeVar

from .articles import Article, load_articles, load_lines
from .phrases import DAYS, FIRST, LAST, MONTHS, ZONES
from .text import first_sentence, ordinal

T = TypeVar("T")


class Base:
    """Articles, banks of comments and headlines, and the random helpers on top of them."""

    def __init__(self, seed: int, articles: list[Article] | None = None) -> None:
        self.r = random.Random(seed)
        self.articles = articles or load_articles()
        self.comment_bank = [c.split(" || ") for c in load_lines("comments.txt")]
        self.headlines = load_lines("headlines.txt") + [a.title for a in self.articles]
        # the first sentence of every paragraph: the teasers real sites put under a link
        self.teasers = [
            first_sentence(p)
            for a in self.articles
            for p in a.body[:2]
            if not p.startswith(("#", "@", "-", "Q:", "A:"))
        ]

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, seq: Sequence[T]) -> T:
        return self.r.choice(seq)

    def name(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def when(self) -> dt.datetime:
        start = dt.datetime(2006, 1, 1)
        return start + dt.timedelta(minutes=self.r.randrange(0, 20 * 365 * 24 * 60))

    def date_text(self, when: dt.datetime, *, full: bool = True) -> str:
        r = self.r
        mon, mo3 = MONTHS[when.month - 1], MONTHS[when.month - 1][:3]
        day = DAYS[when.weekday()]
        h12 = when.hour % 12 or 12
        ampm = "AM" if when.hour < 12 else "PM"
        zone = self.pick(ZONES)
        clock = self.pick(
            [
                f"{h12}:{when.minute:02d} {ampm}",
                f"{h12}:{when.minute:02d} {ampm.lower()}",
                f"{h12}:{when.minute:02d} {'a.m.' if ampm == 'AM' else 'p.m.'}",
                f"{when.hour:02d}:{when.minute:02d}",
                f"{when.hour:02d}.{when.minute:02d}",
            ]
        )
        clock = f"{clock} {zone}".strip() if r.random() < 0.5 else clock
        forms = [
            f"{mon} {when.day}, {when.year}",
            f"{when.day} {mon} {when.year}",
            f"{mo3}. {when.day}, {when.year}",
            f"{mo3} {when.day}, {when.year}",
            f"{day}, {mon} {when.day}, {when.year}",
            f"{day} {when.day} {mon} {when.year}",
            f"{day[:3]} {when.day} {mo3} {when.year}",
            f"{when.year}-{when.month:02d}-{when.day:02d}",
            f"{when.day:02d}/{when.month:02d}/{when.year}",
            f"{when.day:02d}.{when.month:02d}.{when.year}",
            f"{mon} {when.day}{ordinal(when.day)}, {when.year}",
            f"{when.day}{ordinal(when.day)} {mon} {when.year}",
        ]
        text = self.pick(forms)
        if full and r.random() < 0.55:
            text = self.pick(
                [f"{text} {clock}", f"{text}, {clock}", f"{text} at {clock}", f"{text} | {clock}", f"{clock}, {text}"]
            )
        return text

    def relative(self) -> str:
        n = self.r.randint(1, 59)
        return self.pick(
            [
                f"{n} minutes ago",
                f"{n % 23 + 1} hours ago",
                f"{n % 23 + 1}h ago",
                f"{n % 6 + 1} days ago",
                "Just now",
                "Yesterday",
                f"{n}m",
                f"{n % 23 + 1}h",
                f"{n % 12 + 1} years ago",
            ]
        )

    def headline(self, avoid: str = "") -> str:
        while True:
            h = self.pick(self.headlines)
            if h != avoid:
                return h
