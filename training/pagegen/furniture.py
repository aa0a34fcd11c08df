"""Furniture several page regions share: share bars, captions, picture widgets, lists of links."""

from __future__ import annotations

from .articles import Article, Line
from .base import Base
from .phrases import (
    CAPTION_SUBJECTS,
    DAYS,
    MONTHS,
    NEWSLETTER,
    NEWSLETTER_NAMES,
    PHOTO_AGENCIES,
    RELATED_HEADERS,
    SHARE,
    SIGNUP_HEADS,
    SIGNUP_PITCHES,
    SIGNUP_SMALL,
    TOWNS,
)


class Furniture(Base):
    """Share bars, captions, picture widgets, sign-up boxes and related links."""

    def share_bar(self) -> list[Line]:
        items = self.r.sample(SHARE, self.r.randint(1, 6))
        if self.chance(0.4):
            return [(self.pick([" ", " | ", " · "]).join(items), "O")]
        return [(i, "O") for i in items]

    def caption(self) -> list[Line]:
        r = self.r
        subject = self.pick(CAPTION_SUBJECTS)
        place = self.pick(TOWNS)
        credit = self.pick(PHOTO_AGENCIES)
        photographer = self.name()
        when = self.when()
        text = f"{subject} in {place}" + (
            f" on {MONTHS[when.month - 1]} {when.day}, {when.year}" if self.chance(0.4) else ""
        )
        form = r.random()
        if form < 0.25:
            return [(f"{text}. ({photographer}/{credit})", "O")]
        if form < 0.4:
            return [(f"{text}. Photograph: {photographer}/{credit}", "O")]
        if form < 0.5:
            return [(f"{text}.", "O"), (f"{credit}", "O")]
        if form < 0.6:
            return [(f"{text} {self.pick(['Image:', 'Photo:', 'Credit:', 'Picture:'])} {credit}", "O")]
        if form < 0.7:
            return [(f"{text}.  {credit}/{photographer}", "O")]
        if form < 0.8:
            return [(f"{text} ({credit})", "O")]
        if form < 0.9:
            return [
                (f"{self.pick(['Photo', 'Image', 'Enlarge this image', 'Show caption', 'Expand'])}", "O"),
                (f"{text}. {photographer}/{credit}", "O"),
            ]
        return [(f"{text}. {self.pick(['Photo by', 'Picture by', 'Image by'])} {photographer}", "O")]

    def related_block(self, site: str, art: Article, author: str, teasers: bool, dated: bool) -> list[Line]:
        r = self.r
        head = self.pick(RELATED_HEADERS).format(section=art.section, author=author or site)
        out: list[Line] = [(head, "O")] if self.chance(0.85) else []
        numbered = self.chance(0.2)
        for k in range(r.randint(2, 8)):
            h = self.headline(avoid=art.title)
            out.append((f"{k + 1}. {h}" if numbered and self.chance(0.5) else (f"{k + 1}" if numbered else h), "O"))
            if numbered and out[-1][0].isdigit():
                out.append((h, "O"))
            if teasers and self.chance(0.7):
                out.append((self.pick(self.teasers), "O"))
            if dated and self.chance(0.6):
                out.append((self.pick([self.relative(), self.date_text(self.when(), full=False)]), "O"))
        return out

    def widget(self) -> list[Line]:
        """A picture or embed widget that a site repeats between paragraphs."""
        r = self.r
        forms = [
            ["Enlarge this image"],
            ["Click to enlarge"],
            ["Mouseover photo to see notes"],
            ["[Photo]"],
            ["Image"],
            ["Photo: {credit}"],
            ["(Photo: {credit})"],
            ["{credit}"],
            ["Image {n} of {m}"],
            ["View gallery", "{n} photos"],
            ["Embedded video"],
            ["Loading..."],
            ["Pin it"],
            ["Source: {credit}"],
            ["Image ID {n}", "Title:"],
            ["Advertisement"],
            ["click image to zoom"],
        ]
        form = self.pick(forms)
        credit = f"{self.name()}/{self.pick(PHOTO_AGENCIES)}" if self.chance(0.5) else self.pick(PHOTO_AGENCIES)
        return [(f.format(credit=credit, n=r.randint(1, 9), m=r.randint(10, 30)), "O") for f in form]

    def signup_box(self, site: str, topic: str) -> list[Line]:
        """A newsletter or alerts box: a heading, a pitch of a sentence or two that speaks to the
        reader, the form's field and button, small print. Pages put one between paragraphs too,
        and the body goes on after it."""
        r = self.r
        slots = {
            "name": self.pick(NEWSLETTER_NAMES),
            "topic": topic.lower(),
            "day": self.pick(DAYS),
            "site": site,
            "n": r.randint(2, 900),
        }
        lines = [self.pick(SIGNUP_HEADS)] if self.chance(0.75) else []
        lines += r.sample(SIGNUP_PITCHES, self.pick([1, 1, 1, 2]))
        if self.chance(0.2):
            lines.insert(r.randint(0, len(lines)), self.pick(NEWSLETTER))
        lines += r.sample(SIGNUP_SMALL, self.pick([0, 1, 1, 2, 3]))
        return [(line.format(**slots), "O") for line in lines]
