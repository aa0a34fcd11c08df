"""Site families for ordinary articles: the newspaper with companion columns, the TV station, the
science magazine, the tech blog, the Next.js site and the AMP page."""

from __future__ import annotations

import json

from training.modern.body import (
    blocks_of,
    by_headings,
    chunks,
    interleave,
    mid_furniture,
    render,
    skeleton,
    visible_part,
)
from training.modern.furniture import (
    Ctx,
    ad_slot,
    author_bio,
    comments,
    figure,
    json_ld,
    most_read,
    newsletter,
    paywall,
    pull_quote,
    rail,
    related_card,
    related_grid,
    share_bar,
    sticky_video,
    tags,
    title_block,
    tweet_embed,
    video_embed,
)
from training.modern.page import E, El, data_attrs, gold_text, json_script, wrap


def newspaper(ctx: Ctx) -> El:
    """A big paper: the body in 2–6 sibling "companion column" blocks, ad slots and promos
    between them, a lead picture, sometimes a pull quote and a paywall."""
    rng, n = ctx.rng, ctx.n
    shown, cut = visible_part(ctx, blocks_of(ctx.article.body))
    parts = chunks(rng, shown, rng.randint(2, 6))
    body = E(rng.choice(["section", "div"]), n("body"), name="articleBody", itemprop="articleBody")
    for i, part in enumerate(parts):
        if i:
            body.add(mid_furniture(ctx) if rng.random() < 0.75 else ad_slot(ctx))
            if rng.random() < 0.2:
                body.add(pull_quote(ctx))
        column = E("div", n("column"), *render(ctx, part, drop_cap=i == 0 and rng.random() < 0.3))
        body.add(wrap(rng, n, column, rng.randint(0, 2)))
    if cut:
        body.add(paywall(ctx))
    article = E("article", n("container"), title_block(ctx), figure(ctx), body, id="story")
    if rng.random() < 0.5:
        article.add(author_bio(ctx))
    article.add(tags(ctx))
    ld = json_ld(ctx, gold_text(body).strip() if rng.random() < 0.4 else None)
    return skeleton(
        ctx,
        E("main", n("layout"), article, id="main"),
        head_extra=[ld],
        after=[
            most_read(ctx),
            related_grid(ctx) if rng.random() < 0.6 else None,
            comments(ctx) if rng.random() < 0.3 else None,
        ],
    )


def tv_station(ctx: Ctx) -> El:
    """A local TV station's CMS: a sticky video player, and an ad slot every two paragraphs
    (between loose paragraphs or between two-paragraph blocks), a copyright line in the body."""
    rng, n = ctx.rng, ctx.n
    elements = render(ctx, blocks_of(ctx.article.body))
    roll = rng.random()
    if roll < 0.35:
        items = interleave(ctx, elements, 2, lambda c: ad_slot(c, label=rng.random() < 0.8))
        body = E("div", n("body"), *items, **data_attrs(rng, "body"))
    elif roll < 0.7:  # each paragraph a component of its own, ad components between every two
        parts = [
            E("div", n("paragraph"), wrap(rng, n, e, rng.randint(0, 2)), **data_attrs(rng, "text")) for e in elements
        ]
        body = E("div", n("body"), *interleave(ctx, parts, 2, lambda c: wrap(rng, n, ad_slot(c), rng.randint(1, 2))))
    else:
        groups = [E("div", n("column"), *g) for g in chunks(rng, elements, (len(elements) + 1) // 2)]
        body = E("div", n("body"), *interleave(ctx, groups, 1, lambda c: ad_slot(c)))
    if rng.random() < 0.5:
        body.add(E("p", "", E("strong", "", ctx.phrase("read_more")), " ", E("a", "", ctx.headline(), href="/x")))
    body.add(E("p", n("footer"), ctx.phrase("footer_copyright")))
    story = E(
        "div",
        n("container"),
        sticky_video(ctx) if rng.random() < 0.7 else None,
        title_block(ctx, dek=False),
        figure(ctx) if rng.random() < 0.5 else video_embed(ctx),
        body,
        share_bar(ctx),
    )
    return skeleton(
        ctx,
        E("div", n("layout"), story, id="main"),
        aside=rail(ctx),
        head_extra=[json_ld(ctx, None)],
        after=[related_grid(ctx)],
    )


def science_magazine(ctx: Ctx) -> El:
    """A science magazine: each section in its own <section>, figures with captions and credits
    between sections, a drop cap, an author bio and a list of references."""
    rng, n = ctx.rng, ctx.n
    blocks = blocks_of(ctx.article.body)
    runs = by_headings(blocks)
    if len(runs) < 2:
        runs = chunks(rng, blocks, rng.randint(2, 4))
    body = E("div", n("body"))
    for i, run in enumerate(runs):
        if i:
            body.add(figure(ctx) if rng.random() < 0.8 else pull_quote(ctx))
            if rng.random() < 0.25:
                body.add(ad_slot(ctx))
        body.add(E("section", n("column"), *render(ctx, run, drop_cap=i == 0)))
    refs = E(
        "section",
        n("container"),
        E("h2", "", "References"),
        E(
            "ol",
            "",
            *(
                E("li", "", f"{ctx.person()} et al. ({ctx.when.year - rng.randint(0, 3)}). {ctx.headline()}.")
                for _ in range(rng.randint(1, 4))
            ),
        ),
    )
    article = E(
        "article",
        n("container"),
        title_block(ctx),
        figure(ctx),
        body,
        author_bio(ctx),
        refs if rng.random() < 0.6 else None,
        tags(ctx),
    )
    return skeleton(
        ctx,
        E("main", n("layout"), article),
        head_extra=[json_ld(ctx, None)],
        after=[newsletter(ctx) if rng.random() < 0.5 else None, related_grid(ctx)],
    )


def tech_blog(ctx: Ctx) -> El:
    """A tech magazine: the body in two containers with an embed and an ad rail between them,
    "Read more" teasers inside, a share bar and comments; sometimes SSR state in a script."""
    rng, n = ctx.rng, ctx.n
    elements = render(ctx, blocks_of(ctx.article.body))
    first, second = (elements[:1], elements[1:]) if len(elements) < 3 else chunks(rng, elements, 2)
    if len(first) > 3 and rng.random() < 0.6:
        first.insert(rng.randint(1, len(first) - 1), related_card(ctx))
    between = [
        tweet_embed(ctx) if rng.random() < 0.5 else video_embed(ctx),
        E("aside", n("rail"), ad_slot(ctx), ad_slot(ctx) if rng.random() < 0.5 else None),
    ]
    rng.shuffle(between)
    # the second container is often the "continued" variant of the first, or sits deeper
    second_cls = n("body") if rng.random() < 0.4 else f"{n('body')} {n('body')}--continued"
    article = E(
        "article",
        n("container"),
        title_block(ctx),
        figure(ctx),
        E("div", n("body"), *first),
        *between,
        wrap(rng, n, E("div", second_cls, *second), rng.randint(0, 2)),
        share_bar(ctx),
        author_bio(ctx) if rng.random() < 0.5 else None,
    )
    extra = []
    if rng.random() < 0.4:
        state = {
            "article": {
                "id": ctx.article.id,
                "title": ctx.article.title,
                "content": [{"type": "p", "html": p} for p in ctx.article.paragraphs],
            }
        }
        extra.append(E("script", "", f"window.__INITIAL_STATE__={json.dumps(state)};"))
    return skeleton(
        ctx,
        E("main", n("layout"), article),
        head_extra=[json_ld(ctx, None)],
        aside=rail(ctx),
        after=[*extra, comments(ctx) if rng.random() < 0.6 else None, related_grid(ctx)],
    )


def nextjs(ctx: Ctx) -> El:
    """A Next.js site: CSS-module or styled-components class names, the article again in
    __NEXT_DATA__, and a JSON-LD articleBody that may be the whole text, cut short or a summary."""
    rng, n = ctx.rng, ctx.n
    shown, cut = visible_part(ctx, blocks_of(ctx.article.body))
    elements = [wrap(rng, n, e, rng.randint(0, 1)) for e in render(ctx, shown)]
    items = interleave(ctx, elements, rng.randint(3, 5), mid_furniture)
    body = E("div", n("body"), *items)
    if cut:
        body.add(paywall(ctx))
    article = E("article", n("container"), title_block(ctx), figure(ctx), body, tags(ctx))
    full = "\n\n".join(b for b in ctx.article.body)
    roll = rng.random()
    ld_body = (
        full
        if roll < 0.35
        else full[: rng.randint(150, 600)] + "…"
        if roll < 0.6
        else ctx.article.standfirst or ctx.article.paragraphs[0]
        if roll < 0.8
        else None
    )
    data = {
        "props": {
            "pageProps": {
                "article": {
                    "headline": ctx.article.title,
                    "section": ctx.article.section,
                    "byline": ctx.article.author,
                    "body": [
                        {"type": "heading" if b.startswith("## ") else "paragraph", "text": b.lstrip("#@- ")}
                        for b in ctx.article.body
                    ],
                    "related": [{"title": ctx.headline(), "teaser": ctx.teaser()} for _ in range(3)],
                }
            }
        },
        "page": "/[section]/[slug]",
        "buildId": f"{rng.randint(10**6, 10**7)}",
        "isFallback": False,
    }
    root = skeleton(
        ctx,
        E("main", n("layout"), article),
        head_extra=[json_ld(ctx, ld_body)],
        after=[related_grid(ctx), most_read(ctx) if rng.random() < 0.5 else None],
    )
    body_el = root.children[1]
    assert isinstance(body_el, El)
    inner = [c for c in body_el.children if not (isinstance(c, El) and c.tag == "script")]
    scripts = [c for c in body_el.children if isinstance(c, El) and c.tag == "script"]
    body_el.children = [
        E("div", "", *inner, id="__next"),
        json_script(data, id="__NEXT_DATA__", type="application/json"),
        *scripts,
    ]
    return root


def amp(ctx: Ctx) -> El:
    """An AMP page: amp-img with captions, amp-ad with labels, a closed amp-sidebar, amp-social-share."""
    rng, n = ctx.rng, ctx.n

    def amp_ad(c: Ctx) -> El:
        return E(
            "div",
            n("ad"),
            E("span", n("ad-label"), c.site.ad_label),
            E("amp-ad", "", width="300", height="250", type="doubleclick", data_slot=f"/{rng.randint(1000, 9999)}/amp"),
        )

    elements = render(ctx, blocks_of(ctx.article.body))
    body = E("div", n("body"), *interleave(ctx, elements, rng.randint(2, 4), amp_ad))
    lead = E(
        "figure",
        n("figure"),
        E("amp-img", "", src="/img/lead.jpg", width="1200", height="675", layout="responsive"),
        E("figcaption", n("caption"), ctx.phrase("caption"), " ", E("span", n("credit"), ctx.phrase("photo_credit"))),
    )
    share = E("div", n("share"), *(E("amp-social-share", "", type=t) for t in ("twitter", "facebook", "email")))
    sidebar = E(
        "amp-sidebar",
        "",
        E("ul", "", *(E("li", "", E("a", "", w, href="#")) for w in ("News", "Sport", "Weather"))),
        id="sidebar",
        layout="nodisplay",
        side="left",
        hidden="",
    )
    article = E("article", n("container"), title_block(ctx, dek=rng.random() < 0.5), lead, share, body, tags(ctx))
    boiler = E("style", "", "body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}", amp_boilerplate="")
    return skeleton(
        ctx,
        E("main", n("layout"), sidebar, article),
        html_attrs={"⚡": "", "lang": "en"},
        head_extra=[boiler, E("script", "", src="https://cdn.ampproject.org/v0.js", async_=""), json_ld(ctx, None)],
        after=[related_grid(ctx)],
    )
