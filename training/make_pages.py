"""Generate labelled training pages: our own articles wrapped in randomised page furniture.

Each page is the text a person gets when copying a whole news page from a browser:
menus, a headline, a byline, captions, the body with inline promos, related links,
comments and footers, in a random layout. Every line carries a label:

    O  not the article          B  body paragraph        H  subheading inside the body
    T  the headline             A  byline (author)       D  publication date

Everything comes from ``articles/`` (written for this project) and the phrase lists
in ``phrases/``, so the pages, and whatever is learned from them, can ship under Apache-2.0.

    python make_pages.py --show 3 --seed 7      # print a few pages with labels
    python make_pages.py --count 3000 --out pages.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from pagegen.phrases import (
    AGENCIES,
    ARCHIVE_MONTHS,
    BLOG_NAMES,
    BY_WORDS,
    CAPTION_SUBJECTS,
    COMMENT_ACTIONS,
    COMMENT_HEADERS,
    COMMENT_POLICY,
    COOKIE,
    DAYS,
    DISCLAIMERS,
    DROPDOWNS,
    FIRST,
    FOOTER_LINKS,
    FOOTER_PROSE,
    FOREIGN_NAV,
    INDICES,
    INLINE_PROMPTS,
    KICKERS,
    LAST,
    MONTHS,
    NAV_EXTRA,
    NAV_POOL,
    NEWSLETTER,
    NOTICES,
    PAPERS,
    PAYWALL,
    PHOTO_AGENCIES,
    READ_MORE,
    RELATED_HEADERS,
    REPLY_FORM,
    ROLES,
    SHARE,
    SIDEBAR_PROSE,
    TAG_LEADS,
    TECH_SITES,
    TOWNS,
    USERS,
    WIDGETS,
    ZONES,
)

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"

Line = tuple[str, str]  # (text, label)


@dataclass
class Article:
    id: str
    kind: str
    section: str
    title: str
    body: list[str]  # markup: "## h", "@ 14:05 h", "- item", or a paragraph
    standfirst: str = ""
    author: str = ""
    desk: str = ""
    agency: str = ""
    place: str = ""
    tags: list[str] = field(default_factory=list)


def load_articles(folder: Path = ARTICLES) -> list[Article]:
    out: list[Article] = []
    for path in sorted(folder.glob("*.txt")):
        if path.name in ("comments.txt", "headlines.txt"):
            continue
        for chunk in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
            ident, _, rest = chunk.partition("\n")
            head, _, body = rest.partition("\n---\n")
            meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
            paras = [p.strip() for p in body.splitlines() if p.strip()]  # one paragraph a line
            out.append(
                Article(
                    id=ident.strip(),
                    kind=meta.get("kind", "news"),
                    section=meta.get("section", "News"),
                    title=meta["title"],
                    body=paras,
                    standfirst=meta.get("standfirst", ""),
                    author=meta.get("author", ""),
                    desk=meta.get("desk", ""),
                    agency=meta.get("agency", ""),
                    place=meta.get("place", ""),
                    tags=[t.strip() for t in meta.get("tags", "").split(",") if t.strip()],
                )
            )
    return out


def _lines(name: str) -> list[str]:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


# --- generation -------------------------------------------------------------------------------


class Gen:
    def __init__(self, seed: int, articles: list[Article] | None = None) -> None:
        self.r = random.Random(seed)
        self.articles = articles or load_articles()
        self.comment_bank = [c.split(" || ") for c in _lines("comments.txt")]
        self.headlines = _lines("headlines.txt") + [a.title for a in self.articles]
        # the first sentence of every paragraph: the teasers real sites put under a link
        self.teasers = [
            _first_sentence(p)
            for a in self.articles
            for p in a.body[:2]
            if not p.startswith(("#", "@", "-", "Q:", "A:"))
        ]

    # small helpers
    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, seq):
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
            f"{mon} {when.day}{_ordinal(when.day)}, {when.year}",
            f"{when.day}{_ordinal(when.day)} {mon} {when.year}",
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

    # --- page parts ------------------------------------------------------------------------

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
            points = [_first_sentence(p) for p in art.body if not p.startswith(("#", "@", "-"))][:3]
            units.append([(self.pick(["Key points", "Summary", "In short", "At a glance", "Show key points"]), "O")])
            units[-1] += [(self.pick(["", "• ", "- "]) + p.rstrip("."), "O") for p in points if len(p.split()) <= 25]
        r.shuffle(units)
        return units

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

    def comment_text(self) -> list[str]:
        """A reader's comment: usually from the bank, sometimes prose in the articles' own
        style (readers write like that too), so that only structure tells them apart."""
        r = self.r
        if self.chance(0.4):
            art = self.pick(self.articles)
            paras = [p for p in art.body if not p.startswith(("#", "@", "-"))]
            k = r.randint(0, max(0, len(paras) - 1))
            return paras[k : k + r.randint(1, 3)] if paras else ["Agreed."]
        parts = list(self.pick(self.comment_bank))
        if self.chance(0.25):
            parts = [" ".join(parts + self.pick(self.comment_bank))]
        return parts

    def comment_meta(self, style: int, user: str, stamp: str, k: int) -> tuple[list[Line], list[Line]]:
        """Lines above and below a comment's text, in one of many site styles."""
        forms: list[tuple[list[str], list[str]]] = [
            ([f"{user} says:", stamp], []),
            ([user, stamp], []),
            ([f"{stamp} / {user} says:"], []),
            ([f"{user} wrote:"], [stamp]),
            ([f"Posted by {user} on {stamp}"], []),
            ([f"{user} {stamp}"], []),
            ([], [f"Posted by: {user} | {stamp}"]),
            ([f"Comment #{k} - Posted by: {user} at {stamp}"], []),
            ([f"On {stamp}, {user} said:"], []),
            ([f"{k}. {user}"], [stamp]),
            ([f"#{k} {user}", stamp], []),
            ([user], [f"{stamp} | Report abuse"]),
            ([f"{user} on {stamp} said:"], []),
            ([f"{user} | {stamp}"], []),
            ([user, self.pick(TOWNS), stamp], []),
            ([f"{user} · {stamp}"], []),
            ([], [f"— {user}, {stamp}"]),
            ([user, f"• {stamp}"], ["Reply•Share ›"]),
            ([f"Avatar {user}", stamp], ["Like", "Reply"]),
        ]
        above, below = forms[style % len(forms)]
        return [(t, "O") for t in above], [(t, "O") for t in below]

    def comments(self, title: str, n: int) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        if self.chance(0.85):
            head = self.pick(COMMENT_HEADERS).format(n=n, title=title)
            units.append([(head, "O")])
        if self.chance(0.4):
            units.append([(p, "O") for p in r.sample(COMMENT_POLICY, r.randint(1, 3))])
        style = r.randint(0, 18)
        actions = r.sample(COMMENT_ACTIONS, r.randint(1, 3)) if self.chance(0.6) else []
        for k in range(1, n + 1):
            user = self.pick(USERS)
            when = self.when()
            stamp = self.pick(
                [
                    self.relative(),
                    self.date_text(when),
                    f"{self.date_text(when, full=False)} at {_clock12(when)}",
                ]
            )
            above, below = self.comment_meta(style, user, stamp, k)
            unit: list[Line] = list(above)
            if self.chance(0.15):
                unit.append((f"@{self.pick(USERS)}" if self.chance(0.5) else f"In reply to {self.pick(USERS)}.", "O"))
            unit += [(para, "O") for para in self.comment_text()]
            unit += below
            if actions:
                acts = list(actions)
                if self.chance(0.3):
                    acts = [f"{r.randint(0, 40)} {self.pick(['likes', 'points', 'votes', 'Like', 'Recommend'])}", *acts]
                unit += [(a, "O") for a in acts]
            units.append(unit)
        if self.chance(0.5):
            units.append([(p, "O") for p in REPLY_FORM[: r.randint(3, len(REPLY_FORM))]])
        return units

    def sidebar(self, site: str, art: Article) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        kinds = r.sample(
            ["about", "archive", "tags", "popular", "newsletter", "ad", "social", "misc", "misc"], r.randint(1, 4)
        )
        for kind in kinds:
            if kind == "about":
                units.append(
                    [
                        (self.pick(["About", "About me", "About the blog", "About us"]), "O"),
                        (self.pick(SIDEBAR_PROSE).format(name=self.pick(FIRST), site=site), "O"),
                    ]
                )
            elif kind == "archive":
                unit: list[Line] = [(self.pick(["Archives", "Archive", "Blog archive"]), "O")]
                y = r.randint(2006, 2025)
                for m in r.sample(MONTHS, r.randint(3, 10)):
                    unit.append((self.pick(ARCHIVE_MONTHS).format(m=m, y=y, n=r.randint(1, 30)), "O"))
                units.append(unit)
            elif kind == "tags":
                words = r.sample(NAV_POOL, r.randint(5, 15))
                units.append(
                    [(self.pick(["Tags", "Categories", "Topics", "Tag cloud"]), "O")]
                    + ([(" ".join(words), "O")] if self.chance(0.5) else [(w, "O") for w in words])
                )
            elif kind == "popular":
                units.append(self.related_block(site, art, "", self.chance(0.3), self.chance(0.3)))
            elif kind == "newsletter":
                units.append([(n, "O") for n in r.sample(NEWSLETTER, r.randint(2, 4))])
            elif kind == "ad":
                units.append([(self.pick(INLINE_PROMPTS[:3]), "O")])
            elif kind == "misc":
                units.append(self.misc(site, art))
            else:
                units.append(
                    [
                        (s, "O")
                        for s in r.sample(
                            [
                                "Follow us",
                                "Facebook",
                                "Twitter",
                                "Instagram",
                                "YouTube",
                                "RSS feed",
                                "Subscribe via email",
                                "TikTok",
                            ],
                            r.randint(2, 5),
                        )
                    ]
                )
        return units

    def misc(self, site: str, art: Article) -> list[Line]:
        """Other furniture real pages carry: drop-downs, forms, polls, ads with prose,
        trackbacks, disclaimers, post listings, score tables, tickers, tool bars."""
        r = self.r
        kind = r.randrange(14)
        if kind == 0:  # a drop-down list copied as one long line
            pool = NAV_POOL + TOWNS + LAST + [m for m in MONTHS]
            return [
                (
                    f"{self.pick(DROPDOWNS)} " + " ".join(r.sample(pool, r.randint(15, 60))),
                    "O",
                )
            ]
        if kind == 1:  # email-a-friend and login forms
            fields = self.pick(
                [
                    [
                        "Email this article",
                        "Your name:",
                        "Your email address:",
                        "Recipient's name:",
                        "Recipient's email address:",
                        "Add another recipient",
                        "Your message:",
                        "Send",
                        "Cancel",
                    ],
                    [
                        "Username:",
                        "Password:",
                        "Remember me",
                        "Forgot your password?",
                        "Log in",
                        "Not a member? Register now",
                    ],
                    ["Search", "Search this site", "Go", "Advanced search"],
                ]
            )
            return [(f, "O") for f in fields[: r.randint(3, len(fields))]]
        if kind == 2:  # a poll
            q = self.pick(
                [
                    "Should the council ban cars from the town centre?",
                    "Do you agree with the decision?",
                    "Will you be watching the final?",
                    "How do you get to work?",
                    "Is the new stadium worth the money?",
                ]
            )
            return [
                (self.pick(["Poll", "Quick poll", "Have your say", "Vote"]), "O"),
                (q, "O"),
                ("Yes", "O"),
                ("No", "O"),
                (self.pick(["Don't know", "Not sure"]), "O"),
                (self.pick(["Vote", "View results", "Submit vote"]), "O"),
            ]
        if kind == 3:  # sponsored links with a sentence each
            out = [
                (
                    self.pick(
                        ["Ads by Google", "Sponsored links", "Sponsored Links", "Advertisement", "Promoted content"]
                    ),
                    "O",
                )
            ]
            for _ in range(r.randint(1, 4)):
                thing = self.pick(
                    [
                        "Cheap flights",
                        "Car insurance",
                        "Online degrees",
                        "Home loans",
                        "Hotel deals",
                        "Web hosting",
                        "Solar panels",
                        "Dating",
                    ]
                )
                out.append((f"{thing} {self.pick(['Compared', 'From 9.99', 'Made easy', 'Today'])}", "O"))
                out.append(
                    (
                        self.pick(
                            [
                                "Compare prices from over 100 providers and save up to 40% today.",
                                "Find the best deals in your area. Quick, free and easy to use.",
                                "Get a free quote in minutes. Thousands of happy customers.",
                                "Study online at your own pace and get a recognised qualification.",
                                "Book now and save. Limited offer, terms apply.",
                            ]
                        ),
                        "O",
                    )
                )
                out.append((f"www.{thing.split()[0].lower()}{r.randint(1, 99)}.com", "O"))
            return out
        if kind == 4:  # trackbacks and pingbacks
            out = [
                (self.pick(["Trackbacks", "TrackBack", "Pingbacks", "Trackbacks/Pingbacks", "Links to this post"]), "O")
            ]
            for _ in range(r.randint(1, 5)):
                out.append((f"{self.headline()} « {self.pick(BLOG_NAMES)}", "O"))
                if self.chance(0.5):
                    out.append((self.pick(self.teasers), "O"))
                out.append((f"Tracked on {self.date_text(self.when())}", "O"))
            return out
        if kind == 5:  # a disclaimer in full sentences
            return [(self.pick(DISCLAIMERS), "O")]
        if kind == 6:  # a listing of other posts with excerpts
            out = []
            for _ in range(r.randint(2, 5)):
                other = self.pick(self.articles)
                paras = [p for p in other.body if not p.startswith(("#", "@", "-"))]
                out += [(other.title, "O"), (self.date_text(self.when(), full=False), "O")]
                if paras:
                    out.append((paras[0], "O"))
                out.append((self.pick(["Read more »", "Continue reading →", "Read more", "[...]", "Full story"]), "O"))
            return out
        if kind == 7:  # scores and tables
            teams = ["Rovers", "United", "City", "Athletic", "Wanderers", "Harbour", "Kestrels", "Millport"]
            out = [(self.pick(["Latest scores", "Results", "League table", "Fixtures"]), "O")]
            for _ in range(r.randint(3, 8)):
                a, b = r.sample(teams, 2)
                out.append(
                    (
                        f"{a} {r.randint(0, 4)} {b} {r.randint(0, 4)}"
                        if self.chance(0.6)
                        else f"{r.randint(1, 20)} {a} {r.randint(10, 40)} {r.randint(-20, 30)} {r.randint(10, 80)}",
                        "O",
                    )
                )
            return out
        if kind == 8:  # a ticker of markets or weather
            return [
                (
                    " ".join(
                        f"{self.pick(INDICES)} {r.randint(100, 9000)}.{r.randint(0, 99):02d} "
                        f"{self.pick(['▲', '▼', '+', '-'])}{r.random():.2f}%"
                        for _ in range(r.randint(2, 6))
                    ),
                    "O",
                )
            ]
        if kind == 9:  # recent comments widget
            out = [(self.pick(["Recent Comments", "Latest comments", "What readers are saying"]), "O")]
            for _ in range(r.randint(2, 6)):
                out.append((f"{self.pick(USERS)} on {self.headline()}", "O"))
            return out
        if kind == 10:  # tool bars
            return [
                (
                    self.pick(
                        [
                            "Tools What is this?",
                            "Social bookmark this story",
                            "del.icio.us | Digg it | Reddit | StumbleUpon",
                            "Print Email Share",
                            "Font size: A A A",
                            "Text size Normal Large",
                            "Email to a friend Print this article",
                            "Bookmark and Share",
                        ]
                    ),
                    "O",
                )
            ]
        if kind == 11:  # readers' views as quotes with names
            out = [(self.pick(["Your views", "Readers react", "What you said", "Your comments"]), "O")]
            for _ in range(r.randint(1, 4)):
                out.append((f'"{" ".join(self.pick(self.comment_bank))}"', "O"))
                out.append((f"{self.pick(FIRST)}, {self.pick(TOWNS)}", "O"))
            return out
        if kind == 12:  # an event listing or a TV guide
            out = []
            for _ in range(r.randint(2, 6)):
                out.append((f"{r.randint(6, 23):02d}:{self.pick(['00', '15', '30', '45'])} {self.headline()}", "O"))
            return out
        # a photo gallery strip
        return [(self.pick(["Photo gallery", "In pictures", "Gallery"]), "O"), (f"{r.randint(3, 40)} photos", "O")] + [
            (self.pick(CAPTION_SUBJECTS), "O") for _ in range(r.randint(1, 4))
        ]

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
                lead = self.pick(
                    [
                        "Here is what we know so far:",
                        "The main points are:",
                        "Among the changes:",
                        "What you need:",
                        "The key numbers:",
                        "They include:",
                    ]
                )
                paras[at:at] = [lead] + ["- " + i[0].upper() + i[1:] for i in items]
        # per page: how often furniture interrupts the body, and whether it is one repeated widget
        rate = self.pick([0.04, 0.1, 0.1, 0.2, 0.45, 0.9])
        widget = self.widget() if self.chance(0.35) else None
        if self.chance(0.03) and not any(p.startswith(("#", "@", "-")) for p in paras):
            paras = [" ".join(paras)]  # paragraphs joined by <br> tags come out as one line
        elif paras and self.chance(0.3) and not paras[-1].startswith(("#", "@", "-")):
            paras[-1:] = _sentences(paras[-1])  # a short closing paragraph or two
        first = True
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
                bullet = self.pick(["- ", "• ", "* ", "", "· "])
                units.append([(bullet + para[2:], "B")])
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
            if self.chance(0.06) and len(_sentences(text)) >= 3:  # one sentence a paragraph
                for s in _sentences(text):
                    units.append([(s, "B")])
            else:
                units.append([(text, "B")])
            written.append(text)
            # inline furniture between paragraphs
            if k < len(paras) - 1 and self.chance(rate):
                units.append(list(widget) if widget and self.chance(0.8) else self.inline(art, site))
        return units, written

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

    # --- whole page ---------------------------------------------------------------------------

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
                sentence = self.pick(
                    [s for u in body for t, lab in u if lab == "B" for s in _sentences(t)] or ["Quote"]
                )
                q = self.pick(["“{}”", '"{}"', "‘{}’", "{}"]).format(sentence.rstrip("."))
                body.insert(r.randint(1, len(body) - 1), [(q, "O")])
            units += body
        else:
            for _ in range(r.randint(2, 5)):
                units.append(self.related_block(site, art, author, self.chance(0.7), self.chance(0.5)))

        tail: list[list[Line]] = []
        if self.chance(0.25):
            tail.append(self.teaser_after_body(site))
        tail += self.end_notes(art, site, author, when.year)
        if self.chance(0.3):
            newsletter = [(n, "O") for n in r.sample(NEWSLETTER, r.randint(1, 4))]
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


def _clock12(when: dt.datetime) -> str:
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_SENT = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z\"“‘])")


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _SENT.finditer(text):
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _first_sentence(text: str) -> str:
    return _sentences(text)[0] if _sentences(text) else text


def generate(count: int, seed: int) -> list[list[Line]]:
    """``count`` pages, the same ones for the same seed."""
    articles = load_articles()
    return [Gen(seed * 100_003 + i, articles).page() for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    if args.show:
        for page in generate(args.show, args.seed):
            print("=" * 60)
            for text, label in page:
                print(f"{label or ' '} | {text[:110]}")
        return 0
    articles = load_articles()
    print(f"{len(articles)} articles, {sum(len(' '.join(a.body).split()) for a in articles)} words")
    pages = generate(args.count, args.seed)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for page in pages:
                fh.write(json.dumps(page) + "\n")
    lines = [lab for p in pages for _, lab in p if lab]
    from collections import Counter

    print(len(pages), "pages", len(lines), "lines", Counter(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
