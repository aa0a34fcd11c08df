"""Everything on a news page that is not the article: the same parts every family draws from,
each a function of the page's context. None of it is gold."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from training.modern.articles import Article, first_sentence, lines, sections
from training.modern.page import E, El, Namer, data_attrs, json_script

MONTHS = "January February March April May June July August September October November December".split()


@dataclass
class Site:
    """One made-up site of a family: its name, class-name style and habits. A family has several."""

    family: str
    variant: int
    name: str
    namer: Namer
    pretty: bool
    ad_label: str
    depth: int  # wrapper divs around the body
    habits: dict[str, float] = field(default_factory=dict)  # how often it shows each piece of furniture


@dataclass
class Ctx:
    rng: random.Random
    site: Site
    article: Article
    others: list[Article]  # for related cards, most-read lists and teasers
    when: dt.datetime = field(default_factory=lambda: dt.datetime(2019, 1, 1))

    @property
    def n(self) -> Namer:
        return self.site.namer

    def chance(self, what: str, default: float = 0.5) -> bool:
        return self.rng.random() < self.site.habits.get(what, default)

    def phrase(self, section: str) -> str:
        text = self.rng.choice(sections("phrases.txt")[section])
        return fill(self, text)

    def person(self) -> str:
        names = lines("names.txt")
        split = names.index("--")
        return f"{self.rng.choice(names[:split])} {self.rng.choice(names[split + 1 :])}"

    def headline(self) -> str:
        pool = list(lines("headlines.txt")) + [a.title for a in self.others]
        return self.rng.choice(pool)

    def teaser(self) -> str:
        other = self.rng.choice(self.others)
        return first_sentence(self.rng.choice(other.paragraphs or [other.title]))

    def date_text(self) -> str:
        w = self.when
        clock = f"{w.hour % 12 or 12}:{w.minute:02d} {'AM' if w.hour < 12 else 'PM'}"
        forms = [
            f"{MONTHS[w.month - 1]} {w.day}, {w.year}",
            f"{w.day} {MONTHS[w.month - 1]} {w.year}",
            f"{MONTHS[w.month - 1][:3]}. {w.day}, {w.year} {clock}",
            f"{w.year}-{w.month:02d}-{w.day:02d} {w.hour:02d}:{w.minute:02d}",
            f"{w.strftime('%A')} {w.day} {MONTHS[w.month - 1]} {w.year} {w.hour:02d}.{w.minute:02d} BST",
        ]
        return self.rng.choice(forms)

    def slug(self, text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def fill(ctx: Ctx, text: str) -> str:
    rng = ctx.rng
    values = {
        "site": ctx.site.name,
        "name": ctx.person(),
        "n": str(rng.randint(2, 480)),
        "store": rng.choice(sections("phrases.txt")["stores"]),
        "topic": ctx.article.section.lower(),
        "town": rng.choice(["Harwick", "Selwick", "Millbrook", "Overton", "Ashby"]),
        "year": str(ctx.when.year),
        "agency": rng.choice(sections("phrases.txt")["agency"]),
        "handle": f"{ctx.person().split()[0].lower()}{rng.randint(1, 99)}",
        "headline": ctx.headline(),
        "price": f"{rng.randint(9, 400)}.99",
        "temp": str(rng.randint(2, 31)),
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def link(ctx: Ctx, text: str, concept: str = "") -> El:
    return E(
        "a",
        ctx.n(concept) if concept and ctx.rng.random() < 0.5 else "",
        text,
        href=f"/{ctx.article.section.lower()}/{ctx.slug(text)}-{ctx.rng.randint(10000, 99999)}",
    )


# -- head and scripts ---------------------------------------------------------------------------
def head(ctx: Ctx, *extra: El) -> El:
    a, rng = ctx.article, ctx.rng
    title = f"{a.title} {rng.choice(['|', '-', '–', '::'])} {ctx.site.name}"
    parts: list[El] = [
        E("meta", charset="utf-8"),
        E("title", "", title),
        E("meta", name="viewport", content="width=device-width, initial-scale=1"),
        E("meta", property="og:title", content=a.title),
        E("meta", property="og:site_name", content=ctx.site.name),
        E(
            "meta",
            name="description",
            content=a.standfirst or first_sentence(a.paragraphs[0] if a.paragraphs else a.title),
        ),
        E("link", rel="stylesheet", href=f"/static/css/main.{rng.randint(10**7, 10**8)}.css"),
    ]
    if rng.random() < 0.6:
        parts.append(E("style", "", ".ad{min-height:250px}.sr-only{position:absolute;clip:rect(0 0 0 0)}"))
    if rng.random() < 0.7:
        parts.append(
            E("script", "", "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}")
        )
    return E("head", "", *parts, *extra)


def json_ld(ctx: Ctx, body: str | None) -> El:
    a = ctx.article
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": ctx.rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]),
        "headline": a.title,
        "datePublished": ctx.when.isoformat(),
        "author": [{"@type": "Person", "name": a.author or ctx.person()}],
        "publisher": {"@type": "Organization", "name": ctx.site.name},
    }
    if body is not None:
        data["articleBody"] = body
    return json_script(data, type="application/ld+json")


def end_scripts(ctx: Ctx) -> list[El]:
    rng = ctx.rng
    out = [
        E("script", "", src=f"/static/js/{name}.{rng.randint(1000, 9999)}.js", defer="")
        for name in rng.sample(["vendor", "main", "runtime", "ads", "analytics", "comments"], rng.randint(1, 4))
    ]
    if rng.random() < 0.5:
        out.append(
            E(
                "script",
                "",
                "(function(){var s=document.createElement('script');s.async=true;"
                "s.src='/js/prebid.js';document.head.appendChild(s)})();",
            )
        )
    if rng.random() < 0.4:
        out.append(E("noscript", "", E("img", src="/pixel.gif?noscript=1", alt="")))
    return out


# -- furniture ------------------------------------------------------------------------------------
def cookie_banner(ctx: Ctx) -> El:
    buttons = ctx.rng.sample(sections("phrases.txt")["cookie_buttons"], 2)
    return E(
        "div",
        ctx.n("cookie"),
        E("h2", "", ctx.phrase("cookie_title")),
        E("p", "", ctx.phrase("cookie_text")),
        E("div", "", *(E("button", ctx.n("button"), b, type="button") for b in buttons)),
        role="dialog",
        aria_label="Cookie consent",
    )


def header(ctx: Ctx) -> El:
    rng = ctx.rng
    menu = list(sections("phrases.txt")["mega_menu"])
    nav = E(
        "ul", "", *(E("li", "", E("a", "", w, href=f"/{ctx.slug(w)}")) for w in rng.sample(menu, rng.randint(6, 12)))
    )
    utility = [
        x
        for u in rng.sample(sections("phrases.txt")["utility"], rng.randint(1, 3))
        for x in (" ", E("a", "", u, href="#"))
    ]
    top = E("div", ctx.n("inner"), E("a", ctx.n("headline"), ctx.site.name, href="/"), *utility)
    parts: list[El | None] = [top, E("nav", ctx.n("nav"), nav, aria_label="Main")]
    if ctx.chance("mega_menu", 0.4):  # the drawer is in the page but closed: not copied
        drawer = E("ul", "", *(E("li", "", E("a", "", w, href="#")) for w in rng.sample(menu, 15)))
        parts.append(E("div", ctx.n("menu"), drawer, hidden="", aria_hidden="true"))
    if ctx.chance("breaking", 0.15):
        parts.append(
            E("div", ctx.n("container"), E("strong", "", ctx.phrase("breaking")), " ", link(ctx, ctx.headline()))
        )
    if ctx.chance("weather", 0.15):
        parts.append(E("span", ctx.n("container"), ctx.phrase("weather")))
    return E("header", ctx.n("header"), *parts)


def byline(ctx: Ctx) -> El:
    rng, a = ctx.rng, ctx.article
    names = [n.strip() for n in re.split(r",| and ", a.author) if n.strip()] if a.author else []
    names += [ctx.person() for _ in range(rng.choice([0, 0, 1, 1, 2]))]
    if not names:
        names = [a.desk or a.agency or ctx.person()]
    people: list[El | str] = [ctx.phrase("byline_lead"), " "]
    for i, name in enumerate(names):
        if i:
            people.append(" and " if i == len(names) - 1 else ", ")
        people.append(E("a", ctx.n("author"), name, href=f"/by/{ctx.slug(name)}", rel="author"))
    parts: list[El | None] = [E("div", ctx.n("byline"), *people)]
    if rng.random() < 0.3:
        parts.append(E("div", "", ctx.phrase("byline_more")))
    stamp = E("time", ctx.n("date"), ctx.date_text(), datetime=ctx.when.isoformat())
    parts.append(E("div", ctx.n("date"), f"{ctx.phrase('updated')} " if rng.random() < 0.5 else "", stamp))
    if rng.random() < 0.3:
        parts.append(E("span", "", ctx.phrase("share_count")))
    return E("div", ctx.n("byline"), *parts, **data_attrs(rng, "byline"))


def title_block(ctx: Ctx, *, dek: bool = True) -> El:
    a = ctx.article
    parts: list[El | None] = [E("a", ctx.n("tags"), a.section, href=f"/{ctx.slug(a.section)}")]
    parts.append(E("h1", ctx.n("headline"), a.title))
    if dek and a.standfirst:
        parts.append(E("p", ctx.n("dek"), a.standfirst))
    parts.append(byline(ctx))
    if ctx.chance("share_top", 0.5):
        parts.append(share_bar(ctx))
    return E("header", ctx.n("container"), *parts)


def share_bar(ctx: Ctx) -> El:
    words = ctx.rng.sample(sections("phrases.txt")["share"], ctx.rng.randint(3, 6))
    return E("div", ctx.n("share"), *(E("button", ctx.n("button"), w, type="button", aria_label=w) for w in words))


def ad_slot(ctx: Ctx, *, label: bool = True) -> El:
    rng = ctx.rng
    slot = E(
        "div",
        "",
        id=f"{rng.choice(['div-gpt-ad', 'ad-slot', 'dfp-ad', 'ad'])}-{rng.randint(100000, 999999)}",
        data_ad_unit=f"/{rng.randint(1000, 9999)}/{ctx.site.family}/article",
        style=rng.choice(["min-height:250px", "min-height:90px", ""]),
    )
    label_el = E(rng.choice(["p", "span", "div"]), ctx.n("ad-label"), ctx.site.ad_label) if label else None
    return E(rng.choice(["div", "aside"]), ctx.n("ad"), label_el, slot, **data_attrs(rng, "ad"))


def related_card(ctx: Ctx) -> El:
    rng = ctx.rng
    if rng.random() < 0.5:  # "Read more: <link>"
        return E("p", ctx.n("related"), E("strong", "", ctx.phrase("read_more")), " ", link(ctx, ctx.headline()))
    card = E(
        "a",
        ctx.n("related"),
        E("img", src=f"/img/{rng.randint(1000, 9999)}.jpg", alt=""),
        E("span", ctx.n("headline"), ctx.headline()),
        href=f"/story/{rng.randint(10000, 99999)}",
    )
    if rng.random() < 0.6:  # a teaser sentence: real prose, not this article's
        card.add(E("p", "", ctx.teaser()))
    return E("aside", ctx.n("related"), E("span", ctx.n("ad-label"), ctx.phrase("related_title")), card)


def newsletter(ctx: Ctx) -> El:
    return E(
        "div",
        ctx.n("newsletter"),
        E("h3", "", ctx.phrase("newsletter_title")),
        E("p", "", ctx.phrase("newsletter_text")),
        E(
            "form",
            "",
            E("input", type="email", placeholder="Email address"),
            E("button", ctx.n("button"), ctx.phrase("newsletter_button"), type="submit"),
        ),
        E("small", "", ctx.phrase("newsletter_small")),
    )


def figure(ctx: Ctx, *, caption: bool = True) -> El:
    rng = ctx.rng
    img = E(
        "img",
        src=f"/images/{rng.randint(10**5, 10**6)}.jpg",
        alt=rng.choice(["", "Image", ctx.article.title]),
        loading="lazy",
        width="1200",
        height="800",
    )
    parts: list[El | None] = [E("picture", "", E("source", srcset=f"/images/{rng.randint(1, 999)}.webp"), img)]
    if caption:
        cap = E("figcaption", ctx.n("caption"), E("span", "", ctx.phrase("caption")))
        cap.add(" ", E("span", ctx.n("credit"), ctx.phrase("photo_credit")))
        parts.append(cap)
    return E("figure", ctx.n("figure"), *parts)


def pull_quote(ctx: Ctx) -> El | None:
    """A body sentence repeated in large type: the tokens are in the gold once, here twice."""
    sentences = [s for p in ctx.article.paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if 8 <= len(s.split()) <= 30]
    if not sentences:
        return None
    return E(ctx.rng.choice(["blockquote", "aside", "div"]), ctx.n("pullquote"), E("p", "", ctx.rng.choice(sentences)))


def video_embed(ctx: Ctx) -> El:
    rng = ctx.rng
    frame = E(
        "iframe",
        "",
        src=f"https://www.youtube.com/embed/{rng.randint(10**9, 10**10)}",
        allowfullscreen="",
        title=rng.choice(["YouTube video player", "Embedded video"]),
        width="560",
        height="315",
    )
    return E("div", ctx.n("embed"), frame)


def tweet_embed(ctx: Ctx) -> El:
    rng = ctx.rng
    person = ctx.person()
    text = rng.choice(lines("comments.txt")).split(" || ")[0]
    return E(
        "blockquote",
        "twitter-tweet",
        E("p", "", text, lang="en", dir="ltr"),
        f"— {person} (@{person.split()[0].lower()}{rng.randint(1, 99)}) ",
        E("a", "", ctx.date_text(), href=f"https://twitter.com/x/status/{rng.randint(10**17, 10**18)}"),
        data_lang="en",
    )


def sticky_video(ctx: Ctx) -> El:
    return E(
        "div",
        ctx.n("video"),
        E("span", "", ctx.phrase("video_label")),
        E("p", ctx.n("headline"), ctx.phrase("video_titles")),
        E("video", "", E("source", src="/v/stream.m3u8", type="application/x-mpegURL"), preload="none"),
        E("button", "", "Close", type="button"),
    )


def paywall(ctx: Ctx) -> El:
    return E(
        "div",
        ctx.n("paywall"),
        E("h3", "", ctx.phrase("paywall_title")),
        E("p", "", ctx.phrase("paywall_text")),
        E("a", ctx.n("button"), ctx.phrase("paywall_button"), href="/subscribe"),
        E("p", "", "Already a subscriber? ", E("a", "", "Log in", href="/login")),
    )


def tags(ctx: Ctx) -> El | None:
    if not ctx.article.tags:
        return None
    items = [E("li", "", E("a", "", t, href=f"/topic/{ctx.slug(t)}")) for t in ctx.article.tags]
    return E("div", ctx.n("tags"), E("h4", "", ctx.phrase("tag_title")), E("ul", "", *items))


def author_bio(ctx: Ctx) -> El:
    return E("div", ctx.n("bio"), E("img", src="/authors/1.jpg", alt=""), E("p", "", ctx.phrase("bio")))


def most_read(ctx: Ctx) -> El:
    items = [
        E("li", "", E("span", "", str(i + 1)), " ", link(ctx, ctx.headline())) for i in range(ctx.rng.randint(4, 6))
    ]
    return E("section", ctx.n("most-read"), E("h2", "", ctx.phrase("most_read_title")), E("ol", "", *items))


def related_grid(ctx: Ctx) -> El:
    cards = []
    for _ in range(ctx.rng.randint(3, 6)):
        card = E("article", ctx.n("related"), E("h3", "", link(ctx, ctx.headline())))
        if ctx.rng.random() < 0.5:
            card.add(E("p", "", ctx.teaser()))
        cards.append(card)
    return E("section", ctx.n("related"), E("h2", "", ctx.phrase("related_title")), *cards)


def comments(ctx: Ctx) -> El:
    rng = ctx.rng
    items = []
    for text in rng.sample(lines("comments.txt"), rng.randint(2, 6)):
        who = rng.choice([ctx.person(), ctx.person().split()[0].lower() + str(rng.randint(1, 99))])
        items.append(
            E(
                "li",
                "",
                E("strong", "", who),
                E("span", "", f" {rng.randint(1, 23)}h ago"),
                *(E("p", "", part) for part in text.split(" || ")),
                E("button", "", f"Reply ({rng.randint(0, 9)})"),
            )
        )
    return E(
        "section",
        ctx.n("comments"),
        E("h2", "", ctx.phrase("comments_title")),
        E("p", "", ctx.phrase("comments_hint")),
        E("ul", "", *items),
        id="comments",
    )


def footer(ctx: Ctx) -> El:
    rng = ctx.rng
    links = rng.sample(sections("phrases.txt")["footer_links"], rng.randint(5, 12))
    return E(
        "footer",
        ctx.n("footer"),
        E("ul", "", *(E("li", "", E("a", "", w, href="#")) for w in links)),
        E("p", "", ctx.phrase("footer_copyright")),
    )


def rail(ctx: Ctx) -> El:
    """The right-hand column: ads, most-read, a newsletter box."""
    parts: list[El | None] = [ad_slot(ctx)]
    if ctx.rng.random() < 0.7:
        parts.append(most_read(ctx))
    if ctx.rng.random() < 0.4:
        parts.append(newsletter(ctx))
    if ctx.rng.random() < 0.5:
        parts.append(ad_slot(ctx))
    return E("aside", ctx.n("rail"), *parts)
