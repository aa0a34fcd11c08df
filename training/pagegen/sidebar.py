"""Sidebars, and the other furniture real pages carry anywhere: drop-downs, forms, polls,
sponsored links, trackbacks, tickers, score tables, galleries."""

from __future__ import annotations

from .articles import Article, Line
from .furniture import Furniture
from .phrases import (
    ARCHIVE_MONTHS,
    BIO_JOBS,
    BIOS,
    BLOG_NAMES,
    CAPTION_SUBJECTS,
    COUNT_LABELS,
    DISCLAIMERS,
    DROPDOWNS,
    FIRST,
    INDICES,
    INLINE_PROMPTS,
    LAST,
    MONTHS,
    NAV_POOL,
    NEWSLETTER,
    SIDEBAR_PROSE,
    TOWNS,
    USERS,
)


class Sidebar(Furniture):
    """Sidebar boxes and miscellaneous furniture."""

    def sidebar(self, site: str, art: Article) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        kinds = r.sample(
            ["about", "archive", "tags", "popular", "newsletter", "ad", "social", "misc", "misc"], r.randint(1, 4)
        )
        for kind in kinds:
            if kind == "about":
                prose = (
                    self.bio(site, art)
                    if self.chance(0.6)
                    else self.pick(SIDEBAR_PROSE).format(name=self.pick(FIRST), site=site)
                )
                units.append([(self.pick(["About", "About me", "About the blog", "About us"]), "O"), (prose, "O")])
            elif kind == "archive":
                unit: list[Line] = [(self.pick(["Archives", "Archive", "Blog archive"]), "O")]
                y = r.randint(2006, 2025)
                for m in r.sample(MONTHS, r.randint(3, 10)):
                    unit.append((self.pick(ARCHIVE_MONTHS).format(m=m, y=y, n=r.randint(1, 30)), "O"))
                if self.chance(0.4):  # a drop-down with post counts, copied as one line
                    items = [f"{m} {y} ({r.randint(1, 200)})" for m in r.sample(MONTHS, r.randint(4, 12))]
                    if self.chance(0.5):
                        items = [f"{w.title()} ({r.randint(1, 2000)})" for w in r.sample(NAV_POOL, r.randint(5, 20))]
                    unit = [(f"{self.pick(COUNT_LABELS)} " + " ".join(items), "O")]
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
                units.append(
                    self.signup_box(site, art.section)
                    if self.chance(0.5)
                    else [(n, "O") for n in r.sample(NEWSLETTER, r.randint(2, 4))]
                )
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

    def bio(self, site: str, art: Article) -> str:
        """A blogger's or a writer's box: prose about a person, beside or under the post."""
        return self.pick(BIOS).format(
            first=self.pick(FIRST),
            last=self.pick(LAST),
            job=self.pick(BIO_JOBS),
            topic=art.section.lower(),
            town=self.pick(TOWNS),
            site=site,
            year=self.r.randint(2004, 2020),
        )
