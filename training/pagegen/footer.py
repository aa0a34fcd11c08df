"""After the body: end notes, tags, the author's bio, a teaser for another story, the page footer."""

from __future__ import annotations

from .articles import Article, Line
from .furniture import Furniture
from .phrases import FOOTER_LINKS, FOOTER_PROSE, NAV_POOL, ROLES, TAG_LEADS


class Footer(Furniture):
    """End notes and the footer."""

    def end_notes(self, art: Article, site: str, author: str, year: int) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        if art.agency and self.chance(0.5):
            units.append([(f"Reporting by {author or self.name()}; Editing by {self.name()}", "O")])
        if self.chance(0.08):
            units.append(
                [
                    (
                        self.pick(
                            [
                                f"Additional reporting by {self.name()}",
                                "Correction: An earlier version of this article misstated the date of the meeting.",
                                f"This article was amended on {self.date_text(self.when(), full=False)} "
                                "to correct a name.",
                                "This story has been updated with comment from the company.",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if art.agency and self.chance(0.4):
            units.append(
                [
                    (
                        self.pick(
                            [
                                f"© {year} {art.agency}",
                                f"Copyright {year} {art.agency}. All rights reserved. This material may not be "
                                "published, broadcast, rewritten or redistributed.",
                                f"Our Standards: The {art.agency} Trust Principles.",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if art.tags and self.chance(0.5):
            tags = art.tags + r.sample(NAV_POOL, r.randint(0, 3))
            form = r.random()
            if form < 0.4:
                units.append(
                    [
                        (
                            f"{self.pick(TAG_LEADS)} {', '.join(tags)}",
                            "O",
                        )
                    ]
                )
            elif form < 0.7:
                units.append(
                    [(self.pick(["Topics", "Tags", "Explore more on these topics", "More about"]), "O")]
                    + [(t, "O") for t in tags]
                )
            else:
                units.append([(", ".join(tags), "O")])
        if self.chance(0.35):
            units.append(self.share_bar())
        if author and self.chance(0.3):
            bio = self.pick(
                [
                    f"{author} is a {self.pick(ROLES).lower()} at {site}, "
                    f"covering {art.section.lower()} and the wider region.",
                    f"{author} has been a reporter at {site} since {r.randint(1995, 2020)}. "
                    "Before that she worked for regional newspapers.",
                    f"{author} writes about {art.section.lower()}. Contact: {author.split()[0].lower()}@example.com",
                    f"About the author: {author} is a freelance journalist.",
                ]
            )
            unit = [(self.pick(["About the author", "Author", f"More from {author}"]), "O")] if self.chance(0.4) else []
            if self.chance(0.4):
                unit.append((author, "O"))
            unit.append((bio, "O"))
            if self.chance(0.3):
                unit.append((f"Author: {author}", "O"))
            units.append(unit)
        if self.chance(0.15):
            units.append(
                [
                    (self.pick(["Was this article helpful?", "Did you find this useful?"]), "O"),
                    ("Yes", "O"),
                    ("No", "O"),
                ]
            )
        if self.chance(0.15):
            units.append(
                [
                    (
                        self.pick(["« Previous Post", "Previous article", "Next article", "Older post", "Newer post"]),
                        "O",
                    ),
                    (self.headline(), "O"),
                ]
            )
        return units

    def teaser_after_body(self, site: str) -> list[Line]:
        """A related story's headline and first paragraph right after the body, as on many sites."""
        art = self.pick(self.articles)
        paras = [p for p in art.body if not p.startswith(("#", "@", "-"))]
        out = [(art.title, "O"), (paras[0] if paras else self.pick(self.teasers), "O")]
        if self.chance(0.6):
            out.append((f"{site}{self.name()}", "O"))  # glued link texts
        return out

    def footer(self, site: str, year: int) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        links = r.sample(FOOTER_LINKS, r.randint(3, 12))
        if self.chance(0.5):
            units.append([(self.pick([" | ", " · ", " ", " - "]).join(links), "O")])
        else:
            units.append([(x, "O") for x in links])
        if self.chance(0.5):
            units.append([(self.pick(FOOTER_PROSE).format(site=site), "O")])
        units.append(
            [
                (
                    self.pick(
                        [
                            f"© {year} {site}. All rights reserved.",
                            f"Copyright © {year} {site}",
                            f"© {site} {year}",
                            f"Copyright {year} {site} Ltd. All Rights Reserved.",
                            f"(c) {year} {site}",
                        ]
                    ),
                    "O",
                )
            ]
        )
        return units
