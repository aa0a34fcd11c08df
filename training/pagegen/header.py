"""The top of a page: document title, cookie notices, widgets, masthead, menus, breadcrumbs."""

from __future__ import annotations

from .articles import Article, Line
from .phrases import COOKIE, FOREIGN_NAV, INLINE_PROMPTS, NAV_EXTRA, NAV_POOL, PAYWALL, TOWNS, WIDGETS
from .sidebar import Sidebar


class Header(Sidebar):
    """Everything above the article."""

    def nav(self, site: str) -> list[list[Line]]:
        r = self.r
        items = r.sample(NAV_POOL, r.randint(4, 16)) + r.sample(NAV_EXTRA, r.randint(0, 4))
        if self.chance(0.05):
            items += r.sample(FOREIGN_NAV, 3)
        style = r.random()
        if style < 0.45:
            return [[(i, "O") for i in items]]
        if style < 0.75:
            sep = self.pick([" ", " | ", " · ", " • ", "  ", " / ", " - "])
            k = r.randint(1, 3)
            chunks = [items[j::k] for j in range(k)]
            return [[(sep.join(c), "O")] for c in chunks if c]
        if style < 0.85:  # link texts run together when copied
            return [[("".join(items[:8]), "O")]]
        # a mega-menu: section headers with sub-items
        out = []
        for head in r.sample(NAV_POOL, r.randint(2, 5)):
            subs = r.sample(NAV_POOL + NAV_EXTRA, r.randint(2, 6))
            out.append([(head, "O")] + [(s, "O") for s in subs])
        return out

    def header(self, site: str, art: Article, blog: bool) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        if self.chance(0.45):  # the document title comes first in copied text
            sep = self.pick([" | ", " - ", " — ", ": ", " :: ", " « "])
            units.append([(self.pick([f"{art.title}{sep}{site}", f"{site}{sep}{art.title}", art.title]), "O")])
        if self.chance(0.25):
            units.append(
                [(self.pick(["Skip to main content", "Skip to content", "Jump to navigation", "Skip navigation"]), "O")]
            )
        if self.chance(0.2):
            units.append([(c, "O") for c in r.sample(COOKIE, r.randint(1, 4))])
        if self.chance(0.3):
            units.append(
                [
                    (w.format(t=r.randint(-5, 35), town=self.pick(TOWNS), v=r.randint(5000, 9000)), "O")
                    for w in r.sample(WIDGETS, r.randint(1, 3))
                ]
            )
        if self.chance(0.25):
            units.append([(self.date_text(self.when(), full=False), "O")])
        units.append([(site, "O")])
        if blog and self.chance(0.6):
            units.append(
                [
                    (
                        self.pick(
                            [
                                "Just another blog",
                                "Notes on food, travel and life",
                                "A blog about gardening, mostly",
                                "Thoughts on technology and the web",
                                "Since 2009",
                            ]
                        ),
                        "O",
                    )
                ]
            )
        if self.chance(0.85):
            units += self.nav(site)
        if self.chance(0.3):
            units.append(
                [
                    (s, "O")
                    for s in r.sample(
                        [
                            "Subscribe",
                            "Sign in",
                            "Log in",
                            "Register",
                            "Search",
                            "Menu",
                            "My account",
                            "Newsletters",
                            "Donate",
                        ],
                        r.randint(1, 4),
                    )
                ]
            )
        if self.chance(0.15):
            units.append([(f"{self.pick(['Breaking', 'BREAKING', 'Live', 'Just in'])}: {self.headline()}", "O")])
        if self.chance(0.15):
            units.append([(f"Trending: {', '.join(r.sample(NAV_POOL, 4))}", "O")])
        if self.chance(0.3):  # breadcrumbs
            sep = self.pick([" > ", " » ", " / ", " › ", " | "])
            crumbs = ["Home", art.section] + ([self.pick(NAV_POOL)] if self.chance(0.4) else [])
            if self.chance(0.7):
                units.append([(sep.join(crumbs), "O")])
            else:
                units.append([(c, "O") for c in crumbs])
        if self.chance(0.2):
            units.append([(self.pick(INLINE_PROMPTS[:3]), "O")])
        if self.chance(0.12):
            units.append([(p, "O") for p in r.sample(PAYWALL, 2)])
        if self.chance(0.2):
            units.append(self.misc(site, art))
        return units
