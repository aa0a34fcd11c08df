"""The article body, with the furniture that interrupts it: promos, captions, sign-ups, videos."""

from __future__ import annotations

import datetime as dt
import random
import re

from .articles import Article, Line
from .furniture import Furniture
from .phrases import INLINE_PROMPTS, MONTHS, NEWSLETTER, READ_MORE, READER_ASIDES, READER_CLOSERS
from .text import sentences


class Body(Furniture):
    """The body and its inline furniture."""

    def body_units(self, art: Article, site: str, when: dt.datetime) -> tuple[list[list[Line]], list[str]]:
        """The body as units, with inline furniture; also the plain paragraphs (for pull quotes)."""
        r = self.r
        units: list[list[Line]] = []
        paras = list(art.body)
        # vary length: sometimes only the first part of a long article is on the page
        if len(paras) > 6 and self.chance(0.25):
            paras = paras[: r.randint(3, len(paras))]
        if self.chance(0.08):  # a list inside the body, after a lead-in ending with a colon
            at = r.randint(1, max(1, len(paras) - 1))
            plain = [p for p in paras if not p.startswith(("#", "@", "-"))]
            clauses = [c.strip(" .") for p in plain for c in re.split(r"[,;]\s", p) if 2 <= len(c.split()) <= 9]
            if len(clauses) >= 3:
                items = r.sample(clauses, min(len(clauses), r.randint(3, 7)))
                form = r.random()
                if form < 0.25:  # "A point – what it means", as how-to posts and briefings write them
                    dash = self.pick([" – ", " - ", ": ", " — "])
                    items = [f"{a}{dash}{self.pick(clauses).lower()}" for a in items]
                elif form < 0.4:  # items that are whole sentences
                    items = [f"{i[0].upper()}{i[1:]}." for i in items]
                lead = self.pick(
                    [
                        "Here is what we know so far:",
                        "There are a few things you can do to make it easier:",
                        "The report makes several recommendations, including:",
                        "According to the council, the plan would mean:",
                        "Here's what changed this year:",
                        "The company said the new service would let customers:",
                        "A few of the reasons people gave:",
                        "The main points are:",
                        "Among the changes:",
                        "What you need:",
                        "The key numbers:",
                        "They include:",
                    ]
                )
                paras[at:at] = [lead] + ["- " + i[0].upper() + i[1:] for i in items]
        paras = self.to_the_reader(art, paras)
        # per page: how often furniture interrupts the body, and whether it is one repeated widget
        rate = self.pick([0.04, 0.1, 0.1, 0.2, 0.45, 0.9])
        widget = self.widget() if self.chance(0.35) else None
        if self.chance(0.03) and not any(p.startswith(("#", "@", "-")) for p in paras):
            paras = [" ".join(paras)]  # paragraphs joined by <br> tags come out as one line
        elif paras and self.chance(0.3) and not paras[-1].startswith(("#", "@", "-")):
            paras[-1:] = sentences(paras[-1])  # a short closing paragraph or two
        first = True
        bullet: str | None = None
        written: list[str] = []
        for k, para in enumerate(paras):
            if para.startswith("## "):
                units.append([(para[3:], "H")])
                continue
            if para.startswith("@ "):
                time_part, _, head = para[2:].partition(" ")
                hh, mm = (int(x) for x in time_part.split(":"))
                stamp = self.pick(
                    [
                        time_part,
                        f"{time_part} {self.pick(['GMT', 'BST', 'CET', 'ET'])}",
                        f"{hh % 12 or 12}:{mm:02d}{'am' if hh < 12 else 'pm'}",
                        f"{hh % 12 or 12}.{mm:02d}{'am' if hh < 12 else 'pm'}",
                        f"{hh:02d}.{mm:02d}",
                    ]
                )
                unit = [(stamp, "H")]
                if head:
                    unit.append((head, "H"))
                if self.chance(0.2):
                    unit.insert(0, (self.name(), "O"))
                units.append(unit)
                continue
            if para.startswith("- "):
                if bullet is None:  # one list, one bullet; a browser's copy often has none
                    bullet = self.pick(["- ", "• ", "* ", "", "", "", "· ", "1"])
                item = para[2:]
                number = f"{sum(1 for p in paras[:k] if p.startswith('- ')) + 1}. " if bullet == "1" else ""
                units.append([(number + item if bullet == "1" else bullet + item, "B")])
                written.append(para[2:])
                continue
            text = para
            if first and art.place and art.agency and self.chance(0.7):
                d = f"{MONTHS[when.month - 1][:3]} {when.day}"
                text = (
                    f"{art.place}, {d} ({art.agency}) - {text}"
                    if self.chance(0.5)
                    else f"{art.place.title()} ({art.agency}) — {text}"
                )
            first = False
            if self.chance(0.06) and len(sentences(text)) >= 3:  # one sentence a paragraph
                for s in sentences(text):
                    units.append([(s, "B")])
            else:
                units.append([(text, "B")])
            written.append(text)
            # inline furniture between paragraphs
            if k < len(paras) - 1 and self.chance(rate):
                units.append(list(widget) if widget and self.chance(0.8) else self.inline(art, site))
        return units, written

    def to_the_reader(self, art: Article, paras: list[str]) -> list[str]:
        """Blog posts speak to their reader ("you", "we") in the body, most of all in the closing
        lines, as sign-up boxes and prompts do outside it: the body is told apart by where it sits.
        Drawn from a generator of its own, so the other pages stay as they were."""
        state = self.r.getstate()[1]
        r = random.Random(f"{art.id}:{len(paras)}:{state[1]}:{state[-1]}")
        plain = [k for k, p in enumerate(paras) if not p.startswith(("#", "@", "-"))]
        if not plain or (art.kind != "blog" and r.random() >= 0.25):
            return paras
        out = list(paras)
        for k in plain:
            if r.random() < 0.2:
                aside = r.choice(READER_ASIDES)
                out[k] = f"{aside} {out[k]}" if r.random() < 0.3 else f"{out[k]} {aside}"
        if r.random() < 0.6:
            out += r.sample(READER_CLOSERS, r.randint(1, 2))
        return out

    def inline(self, art: Article, site: str) -> list[Line]:
        r = self.r
        kind = r.random()
        if kind < 0.3:
            return [(self.pick(INLINE_PROMPTS), "O")]
        if kind < 0.5:
            lead = self.pick(READ_MORE)
            return (
                [(f"{lead} {self.headline(avoid=art.title)}", "O")]
                if self.chance(0.7)
                else [(lead, "O"), (self.headline(avoid=art.title), "O")]
            )
        if kind < 0.7:
            return self.caption()
        if kind < 0.8:
            if self.chance(0.7):
                return self.signup_box(site, art.section)
            return [(n, "O") for n in r.sample(NEWSLETTER, r.randint(1, 3))]
        if kind < 0.9:
            return [(self.pick(["Related stories", "RELATED", "More on this", "Related coverage"]), "O")] + [
                (self.headline(avoid=art.title), "O") for _ in range(r.randint(1, 3))
            ]
        return [
            (self.pick(["Watch:", "Video:", "WATCH", "Play video"]), "O"),
            (self.headline(), "O"),
            (f"{r.randint(0, 4)}:{r.randint(0, 59):02d}", "O"),
        ]
