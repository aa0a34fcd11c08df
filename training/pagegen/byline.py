"""Under the headline: byline, role, date, update time, reading time, share bar and notices."""

from __future__ import annotations

import datetime as dt

from .articles import Article, Line
from .furniture import Furniture
from .phrases import AGENCIES, BY_WORDS, MONTHS, NOTICES, ROLES
from .text import first_sentence


class Byline(Furniture):
    """The byline block."""

    def byline_units(self, art: Article, when: dt.datetime, blog: bool) -> list[list[Line]]:
        """Byline, role, date, reading time and share bar: in many orders and forms."""
        r = self.r
        author = art.author or (self.name() if self.chance(0.5) and not art.desk and not art.agency else "")
        desk = art.desk or (art.agency if art.agency and self.chance(0.5) else "")
        date = self.date_text(when)
        units: list[list[Line]] = []
        by: list[Line] = []
        if author:
            form = r.random()
            if form < 0.3:
                by.append(
                    (
                        f"{self.pick(BY_WORDS)} {author}",
                        "A",
                    )
                )
            elif form < 0.45:
                by.append((f"By {author}, {self.pick(ROLES + AGENCIES)}", "A"))
            elif form < 0.6:
                sep = self.pick([" | ", " · ", " - ", "  ", " ", ", "])
                by.append((f"{self.pick(['By ', 'by ', ''])}{author}{sep}{date}", "A"))
                date = ""
            elif form < 0.7:
                by.append((f"Posted {self.pick(['on ', ''])}{date} by {author}", "A"))
                date = ""
            elif form < 0.85:
                by.append((author, "A"))
                if self.chance(0.6):
                    by.append((self.pick(ROLES), "O"))
            else:
                by.append((author.upper() if self.chance(0.3) else author, "A"))
                if self.chance(0.4):
                    by.append((f"@{author.split()[0].lower()}{r.randint(1, 99)}", "O"))
        elif desk:
            by.append((self.pick([f"By {desk}", desk, f"{desk} staff", f"From {desk}"]), "O"))
        if by:
            units.append(by)
        if date:
            if self.chance(0.25) and blog:
                units.append([(str(when.day), "D"), (MONTHS[when.month - 1], "D"), (str(when.year), "D")])
            else:
                prefix = self.pick(
                    [
                        "",
                        "",
                        "",
                        "Published ",
                        "Published: ",
                        "Posted ",
                        "Updated: ",
                        "Last updated ",
                        "First published on ",
                        "Posted on ",
                        "Date: ",
                    ]
                )
                units.append([(prefix + date, "D")])
        if self.chance(0.3):
            units.append(
                [
                    (
                        self.pick(
                            [
                                f"Updated {self.relative()}",
                                f"Last updated: {self.date_text(when)}",
                                f"Updated {self.date_text(when)}",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if self.chance(0.35):
            units.append(
                [
                    (
                        self.pick(
                            [
                                f"{r.randint(1, 15)} min read",
                                f"{r.randint(1, 15)} minute read",
                                f"Reading time: {r.randint(1, 15)} minutes",
                                f"{r.randint(1, 15)} mins",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if self.chance(0.3):
            units.append(
                [
                    (
                        self.pick(
                            [
                                f"{r.randint(0, 400)} Comments",
                                f"Comments ({r.randint(0, 90)})",
                                f"{r.randint(0, 90)} comments",
                                "No comments yet",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if self.chance(0.4):
            units.append(self.share_bar())
        if self.chance(0.12):
            units.append(
                [
                    (
                        self.pick(
                            [
                                "This audio is created with AI assistance",
                                "Listen to this article",
                                "Audio version generated automatically",
                                "Listen · 5:32 min",
                                "Play audio",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if self.chance(0.08):
            units.append([(self.pick(NOTICES).format(n=r.randint(2, 9)), "O")])
        if self.chance(0.07):  # an automatic summary box: short points, not the article
            points = [first_sentence(p) for p in art.body if not p.startswith(("#", "@", "-"))][:3]
            units.append([(self.pick(["Key points", "Summary", "In short", "At a glance", "Show key points"]), "O")])
            units[-1] += [(self.pick(["", "• ", "- "]) + p.rstrip("."), "O") for p in points if len(p.split()) <= 25]
        r.shuffle(units)
        return units
