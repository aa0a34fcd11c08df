"""A whole page: the regions in a random layout, rendered as the text a browser copies."""

from __future__ import annotations

import textwrap

from .articles import Line
from .body import Body
from .byline import Byline
from .comments import Comments
from .footer import Footer
from .header import Header
from .phrases import BLOG_NAMES, KICKERS, NEWSLETTER, PAPERS, PAYWALL, TECH_SITES, TOWNS
from .text import sentences


class Gen(Header, Byline, Body, Comments, Footer):
    """One generated page per instance: ``Gen(seed, articles).page()``."""

    def page(self) -> list[Line]:
        r = self.r
        art = self.pick(self.articles)
        blog = art.kind == "blog" or self.chance(0.1)
        if blog:
            site = self.pick(BLOG_NAMES)
        elif art.kind in ("tech", "review") and self.chance(0.5):
            site = self.pick(TECH_SITES)
        else:
            site = (
                f"The {self.pick(TOWNS)} {self.pick(PAPERS)}"
                if self.chance(0.6)
                else f"{self.pick(TOWNS)} {self.pick(PAPERS)}"
            )
        when = self.when()
        author = art.author
        units: list[list[Line]] = []
        no_article = self.chance(0.02)

        # Many people copy only the article and a little around it: little furniture then.
        minimal = self.chance(0.25)
        header = self.header(site, art, blog)
        if minimal:
            header = header[-r.randint(0, 3) :] if header and self.chance(0.7) else []
        units += header
        left_sidebar = not minimal and self.chance(0.2)
        if left_sidebar:
            units += self.sidebar(site, art)
        if not minimal and self.chance(0.15):  # a teaser list above the article
            units.append(self.related_block(site, art, author, self.chance(0.5), self.chance(0.5)))

        # the article's head
        head: list[list[Line]] = []
        if self.chance(0.35):
            head.append([(self.pick([art.section, art.section.upper(), self.pick(KICKERS)]), "O")])
        if not no_article:
            title = art.title.upper() if self.chance(0.04) else art.title
            head.append([(title, "T")])
            if art.standfirst and self.chance(0.8):
                sf = art.standfirst if self.chance(0.7) else art.standfirst.rstrip(".")
                head.append([(sf, "B" if sf.endswith(".") else "O")])
            meta = self.byline_units(art, when, blog)
            if self.chance(0.35):  # a lead picture between the headline and the byline, or after
                meta.insert(r.randint(0, len(meta)), self.caption())
            head += meta
            if author and self.chance(0.1):  # some sites put the byline after the title block
                head.append([(f"By {author}", "A")])
        units += head

        if not no_article:
            body, _ = self.body_units(art, site, when)
            if self.chance(0.08) and len(body) > 4:  # a paywall cuts the article short
                cut = r.randint(2, len(body) - 1)
                body = [*body[:cut], [(p, "O") for p in r.sample(PAYWALL, 3)]]
            # a pull quote: a sentence of the body repeated, in quotes
            if self.chance(0.12) and len(body) > 3:
                sentence = self.pick([s for u in body for t, lab in u if lab == "B" for s in sentences(t)] or ["Quote"])
                q = self.pick(["“{}”", '"{}"', "‘{}’", "{}"]).format(sentence.rstrip("."))
                body.insert(r.randint(1, len(body) - 1), [(q, "O")])
            if self.chance(0.12) and len(body) > 3:  # a sign-up box in the middle of the body
                body.insert(r.randint(1, len(body) - 1), self.signup_box(site, art.section))
            units += body
        else:
            for _ in range(r.randint(2, 5)):
                units.append(self.related_block(site, art, author, self.chance(0.7), self.chance(0.5)))

        tail: list[list[Line]] = []
        if self.chance(0.25):
            tail.append(self.teaser_after_body(site))
        tail += self.end_notes(art, site, author, when.year)
        if self.chance(0.3):
            newsletter = (
                self.signup_box(site, art.section)
                if self.chance(0.6)
                else [(n, "O") for n in r.sample(NEWSLETTER, r.randint(1, 4))]
            )
            tail.insert(0 if self.chance(0.5) else len(tail), newsletter)
        extra: list[list[Line]] = []
        for _ in range(r.randint(0, 2)):
            extra.append(self.misc(site, art))
        for _ in range(r.randint(0, 3)):
            extra.append(self.related_block(site, art, author, self.chance(0.35), self.chance(0.4)))
        comments_p = 0.6 if blog else 0.35
        if self.chance(comments_p):
            count = self.pick([r.randint(1, 5), r.randint(5, 20), r.randint(20, 60)])
            cblock = self.comments(art.title, count)
            if self.chance(0.6):
                extra = cblock + extra
            else:
                extra += cblock
        if not left_sidebar and self.chance(0.5):
            extra += self.sidebar(site, art)
        tail += extra
        tail += self.footer(site, when.year)
        if minimal:
            tail = tail[: r.randint(0, 4)]
        units += tail
        return self.render(units)

    def render(self, units: list[list[Line]]) -> list[Line]:
        """Lay the units out as copied text: blank lines, hard wrapping, stray spaces."""
        r = self.r
        blanks = self.pick(["all", "units", "units", "none", "random"])
        wrap = r.randint(58, 90) if self.chance(0.1) else 0
        out: list[Line] = []
        for u, unit in enumerate(units):
            if (u and blanks in ("units", "all")) or (blanks == "random" and self.chance(0.5)):
                out.append(("", ""))
            if len(unit) >= 2 and all(lab == "O" for _, lab in unit) and self.chance(0.2):
                bullet = self.pick(["· ", "• ", "» ", "- ", "* ", "› ", "> ", "+ "])  # menus have bullets too
                unit = [(bullet + text, lab) for text, lab in unit]
            for k, (text, label) in enumerate(unit):
                if k and (blanks == "all" or (blanks == "random" and self.chance(0.3))):
                    out.append(("", ""))
                if wrap and len(text) > wrap:
                    pieces = textwrap.wrap(text, wrap)
                    out += [(p, label) for p in pieces]
                    if label in "BO" and blanks == "none" and self.chance(0.5):
                        out.append(("", ""))
                else:
                    if self.chance(0.03):
                        text = self.pick(["  ", "\t", " "]) + text
                    out.append((text, label))
        return out
