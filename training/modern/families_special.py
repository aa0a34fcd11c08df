"""Site families with their own shape of body: the deals round-up, the live blog, the Q&A
interview and the listicle."""

from __future__ import annotations

import datetime as dt

from training.modern.articles import lines, sections
from training.modern.body import Block, blocks_of, by_headings, chunks, heading, interleave, render, skeleton
from training.modern.furniture import (
    Ctx,
    ad_slot,
    comments,
    figure,
    json_ld,
    most_read,
    newsletter,
    pull_quote,
    rail,
    related_card,
    related_grid,
    share_bar,
    tags,
    title_block,
    tweet_embed,
)
from training.modern.page import E, El, data_attrs, wrap


def deals(ctx: Ctx) -> El:
    """A deals round-up: the article's opening as the intro, then product cards (name, what it
    is, price: body; the "Buy at" buttons and star ratings: not), ads between the cards."""
    rng, n = ctx.rng, ctx.n
    intro = [b for b in blocks_of(ctx.article.body) if b[0] == "p"][: rng.randint(1, 2)]
    cards: list[El] = []
    for line in rng.sample(lines("products.txt"), rng.randint(3, 7)):
        name, what, price, was = (f.strip() for f in [*line.split("|"), ""][:4])
        store = rng.choice(sections("phrases.txt")["stores"])
        money = rng.choice(["$", "£", "€"])
        if was and rng.random() < 0.5:
            price_text = f"{money}{price} (was {money}{was})"
        elif was:
            price_text = f"Was {money}{was}, now {money}{price} at {store}"
        else:
            price_text = f"{money}{price} at {store}"
        buy = E(
            "a",
            n("button"),
            ctx.phrase("buy").replace("{store}", store).replace("${price}", f"{money}{price}"),
            href=f"https://example.com/aff?u={ctx.slug(name)}",
            rel="sponsored nofollow",
        )
        card = E(
            "div",
            n("product"),
            E("h3", n("heading"), name, gold=True),
            figure(ctx, caption=False),
            E("p", n("paragraph"), what, gold=True),
            E("p", n("price"), price_text, gold=True),
            buy,
            **data_attrs(rng, "product"),
        )
        if rng.random() < 0.3:
            card.add(E("div", "", f"{rng.randint(3, 5)}.{rng.randint(0, 9)} out of 5 stars"))
        cards.append(wrap(rng, n, card, rng.randint(0, 2)))
    body = E("div", n("body"), *render(ctx, intro), *interleave(ctx, cards, rng.randint(2, 3), ad_slot))
    article = E(
        "article",
        n("container"),
        title_block(ctx),
        E("p", n("ad-label"), ctx.phrase("disclosure")),
        body,
        share_bar(ctx),
    )
    return skeleton(
        ctx,
        E("main", n("layout"), article),
        aside=rail(ctx),
        head_extra=[json_ld(ctx, None)],
        after=[newsletter(ctx) if rng.random() < 0.5 else None, related_grid(ctx)],
    )


def _posts(ctx: Ctx) -> list[tuple[str, str, list[Block]]]:
    """(time, headline, blocks) of each post, newest first. A live article's own posts; any other
    article cut into posts, times counting back from the publication time."""
    blocks = blocks_of(ctx.article.body)
    posts: list[tuple[str, str, list[Block]]] = []
    if any(k == "live" for k, _ in blocks):
        for kind, text in blocks:
            if kind == "live":
                time, _, head = text.partition(" ")
                posts.append((time, head, []))
            elif posts:
                posts[-1][2].append((kind, text))
        return posts
    when = ctx.when
    runs = chunks(ctx.rng, blocks, max(2, len(blocks) // 2))
    for run in reversed(runs):  # the last part of the story is the newest post
        head = run[0][1] if run[0][0] == "h" else ""
        posts.append((when.strftime("%H:%M"), head, [b for b in run if b[0] != "h"] if head else run))
        when -= dt.timedelta(minutes=ctx.rng.randint(4, 50))
    return posts


def live_blog(ctx: Ctx) -> El:
    """A live blog: timestamped posts, newest first (time, headline and text are body), a
    key-events list that repeats the headlines (not body), ads every few posts."""
    rng, n = ctx.rng, ctx.n
    posts = _posts(ctx)
    fmt = rng.choice(["plain", "bst", "pm"])
    items: list[El] = []
    for time, head, run in posts:
        hh, _, mm = time.partition(":")
        shown = {
            "plain": time,
            "bst": f"{time} BST",
            "pm": f"{int(hh) % 12 or 12}.{mm}{'am' if int(hh) < 12 else 'pm'}",
        }[fmt]
        post = E("article", n("post"), E("time", n("post-time"), shown, gold=True, datetime=f"2019-05-04T{time}:00Z"))
        if head:
            post.add(E(rng.choice(["h2", "h3"]), n("heading"), head, gold=True))
        post.add(*render(ctx, run))
        if rng.random() < 0.3:
            post.add(tweet_embed(ctx))
        if rng.random() < 0.5:
            post.add(share_bar(ctx))
        items.append(wrap(rng, n, post, rng.randint(0, 1)))
    feed = E("div", n("body"), *interleave(ctx, items, rng.randint(2, 4), ad_slot), **data_attrs(rng, "live"))
    heads = [h for _, h, _ in posts if h]
    key = None
    if heads and rng.random() < 0.7:
        key = E(
            "div",
            n("container"),
            E("h2", "", ctx.phrase("key_events")),
            E(
                "ul",
                "",
                *(E("li", "", E("a", "", f"{t} {h}", href=f"#p{i}")) for i, (t, h, _) in enumerate(posts) if h),
            ),
        )
    label = E("span", n("ad-label"), ctx.phrase("live_label"))
    article = E(
        "article",
        n("container"),
        label,
        title_block(ctx),
        key,
        feed,
        E("button", n("button"), ctx.phrase("live_more"), type="button"),
    )
    return skeleton(
        ctx,
        E("main", n("layout"), article),
        aside=rail(ctx) if rng.random() < 0.6 else None,
        head_extra=[json_ld(ctx, None)],
        after=[related_grid(ctx)],
    )


def qa(ctx: Ctx) -> El:
    """An interview or explainer: questions in bold, as headings or with the interviewer's name;
    answers as paragraphs; a portrait, a pull quote from an answer, an "edited" note."""
    rng, n = ctx.rng, ctx.n
    style = rng.choice(["strong", "heading", "label"])
    elements: list[El] = []
    for kind, text in blocks_of(ctx.article.body):
        if kind == "p" and text.startswith("Q: ") and style == "heading":
            elements.append(heading(ctx, text[3:], "h3"))
        elif kind == "p" and text.startswith("Q: ") and style == "strong":
            elements.append(E("p", n("question"), E("strong", "", text), gold=True))
        elif kind == "p" and text.startswith(("Q: ", "A: ")) and style == "label":
            who, rest = text[0], text[3:]
            elements.append(E("p", n("paragraph"), E("b", n("question"), f"{who}: "), rest, gold=True))
        elif kind == "h":
            elements.append(heading(ctx, text, rng.choice(["h2", "h3"])))
        else:
            elements.extend(render(ctx, [(kind, text)]))
    items = interleave(ctx, elements, rng.randint(4, 6), lambda c: pull_quote(c) if rng.random() < 0.5 else ad_slot(c))
    body = E("div", n("body"), *items)
    if rng.random() < 0.6:
        body.add(E("p", n("dek"), E("em", "", ctx.phrase("edited"))))
    article = E("article", n("container"), title_block(ctx), figure(ctx), body, tags(ctx), share_bar(ctx))
    return skeleton(
        ctx,
        E("main", n("layout"), article),
        aside=rail(ctx) if rng.random() < 0.5 else None,
        head_extra=[json_ld(ctx, None)],
        after=[most_read(ctx), comments(ctx) if rng.random() < 0.4 else None],
    )


def listicle(ctx: Ctx) -> El:
    """A listicle: each item a block of its own (heading, picture with credit, text), ads
    between items, a "Next" link at the end."""
    rng, n = ctx.rng, ctx.n
    blocks = blocks_of(ctx.article.body)
    runs = by_headings(blocks)
    if len(runs) < 3:  # a list of bullet items: each item its own slide
        intro = [b for b in blocks if b[0] != "li"][:1]
        runs = [intro] + [[("h", text)] for kind, text in blocks if kind == "li"] if intro else [[b] for b in blocks]
    slides: list[El] = []
    for i, run in enumerate(runs):
        pic = figure(ctx) if i and rng.random() < 0.7 else None
        slide = E("div", n("item"), *render(ctx, run[:1]), pic, *render(ctx, run[1:]), **data_attrs(rng, "item"))
        slides.append(slide)
    body = E(
        "div",
        n("body"),
        *interleave(ctx, slides, rng.randint(1, 3), lambda c: ad_slot(c) if rng.random() < 0.7 else related_card(c)),
    )
    nav = E("nav", n("container"), E("a", n("button"), ctx.phrase("next"), href="?page=2"))
    article = E("article", n("container"), title_block(ctx), body, nav, tags(ctx))
    return skeleton(
        ctx,
        E("main", n("layout"), article),
        aside=rail(ctx),
        head_extra=[json_ld(ctx, None)],
        after=[related_grid(ctx), most_read(ctx) if rng.random() < 0.5 else None],
    )
