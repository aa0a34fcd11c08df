"""The article body as gold elements, ways to cut it up and put furniture between the pieces, and
the page skeleton every family fills in."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from training.modern.furniture import (
    Ctx,
    ad_slot,
    cookie_banner,
    end_scripts,
    footer,
    head,
    header,
    newsletter,
    related_card,
)
from training.modern.page import E, El, wrap

Block = tuple[str, str]  # ("p" | "h" | "li" | "live", text)


def blocks_of(body: Sequence[str]) -> list[Block]:
    out: list[Block] = []
    for line in body:
        if line.startswith("## "):
            out.append(("h", line[3:].strip()))
        elif line.startswith("@ "):
            out.append(("live", line[2:].strip()))
        elif line.startswith("- "):
            out.append(("li", line[2:].strip()))
        else:
            out.append(("p", line))
    return out


def rich(ctx: Ctx, text: str, *, drop_cap: bool = False) -> list[El | str]:
    """A paragraph's text with the inline markup real bodies have: a link over a few words, now
    and then emphasis, a drop cap. The visible text is unchanged."""
    rng = ctx.rng
    words = text.split(" ")
    parts: list[El | str] = []
    if len(words) > 8 and rng.random() < 0.35:
        start = rng.randrange(0, len(words) - 4)
        end = start + rng.randint(1, 4)
        tag = "a" if rng.random() < 0.75 else rng.choice(["em", "strong", "i"])
        attrs = {"href": f"/topic/{ctx.slug(' '.join(words[start:end]))}"} if tag == "a" else {}
        before, middle, after = " ".join(words[:start]), " ".join(words[start:end]), " ".join(words[end:])
        parts = [f"{before} " if before else "", E(tag, "", middle, **attrs), f" {after}" if after else ""]
    else:
        parts = [text]
    if drop_cap and isinstance(parts[0], str) and len(parts[0]) > 1 and parts[0][0].isalpha():
        first = parts[0]
        parts = [
            E("span", ctx.n("dropcap") if rng.random() < 0.5 else "dropcap", first[0], aria_hidden="true"),
            first[1:],
            *parts[1:],
        ]
    return [p for p in parts if p != ""]


def para(ctx: Ctx, text: str, *, drop_cap: bool = False, tag: str = "p") -> El:
    return E(tag, ctx.n("paragraph") if ctx.rng.random() < 0.6 else "", *rich(ctx, text, drop_cap=drop_cap), gold=True)


def heading(ctx: Ctx, text: str, tag: str = "h2") -> El:
    return E(tag, ctx.n("heading"), text, gold=True, id=ctx.slug(text)[:30] if ctx.rng.random() < 0.4 else None)


def live_head(ctx: Ctx, text: str) -> El:
    """A live-blog entry ("14:05 Headline") inside an ordinary article: a heading with its time."""
    time, _, rest = text.partition(" ")
    return E("h3", ctx.n("heading"), E("time", "", time), f" {rest}", gold=True)


def render(ctx: Ctx, blocks: Sequence[Block], *, drop_cap: bool = False) -> list[El]:
    """Gold elements for the blocks, in order; list items grouped into one list."""
    out: list[El] = []
    items: list[El] = []
    ordered = ctx.rng.random() < 0.3
    for i, (kind, text) in enumerate(blocks):
        if kind == "li":
            items.append(E("li", "", *rich(ctx, text), gold=True))
            continue
        if items:
            out.append(E("ol" if ordered else "ul", ctx.n("list") if ctx.rng.random() < 0.3 else "", *items))
            items = []
        if kind == "h":
            out.append(heading(ctx, text, ctx.rng.choice(["h2", "h2", "h3"])))
        elif kind == "live":
            out.append(live_head(ctx, text))
        else:
            out.append(para(ctx, text, drop_cap=drop_cap and i == 0))
    if items:
        out.append(E("ol" if ordered else "ul", "", *items))
    return out


def chunks(rng, seq: Sequence, n: int) -> list[list]:
    """Cut ``seq`` into ``n`` runs of random, non-empty lengths (fewer if it is too short)."""
    seq = list(seq)
    n = max(1, min(n, len(seq)))
    cuts = sorted(rng.sample(range(1, len(seq)), n - 1)) if n > 1 else []
    return [seq[a:b] for a, b in zip([0, *cuts], [*cuts, len(seq)], strict=True)]


def by_headings(blocks: Sequence[Block]) -> list[list[Block]]:
    """Runs that each start at a heading (the first may not)."""
    out: list[list[Block]] = [[]]
    for block in blocks:
        if block[0] == "h" and out[-1]:
            out.append([])
        out[-1].append(block)
    return [run for run in out if run]


def mid_furniture(ctx: Ctx) -> El:
    """What sits between two parts of a body: mostly an ad, else a promo."""
    roll = ctx.rng.random()
    if roll < 0.6:
        return ad_slot(ctx)
    if roll < 0.85:
        return related_card(ctx)
    return newsletter(ctx)


def interleave(ctx: Ctx, items: Sequence[El], every: int, make: Callable[[Ctx], El | None]) -> list[El]:
    out: list[El] = []
    for i, item in enumerate(items):
        if i and i % every == 0:
            extra = make(ctx)
            if extra is not None:
                out.append(extra)
        out.append(item)
    return out


def visible_part(ctx: Ctx, blocks: list[Block]) -> tuple[list[Block], bool]:
    """Under a paywall only the first paragraphs are shown (the gold is what shows); the rest is
    not in the page. Returns the blocks shown and whether the page is cut."""
    if len(blocks) < 5 or not ctx.chance("paywall", 0.0):
        return blocks, False
    return blocks[: ctx.rng.randint(2, max(2, len(blocks) // 2))], True


def skeleton(
    ctx: Ctx,
    main: El,
    *,
    head_extra: Sequence[El] = (),
    aside: El | None = None,
    after: Sequence[El | None] = (),
    html_attrs: dict[str, str] | None = None,
) -> El:
    """<html> with the site's header, the main column (and a rail beside it), furniture after it,
    a footer and scripts; a cookie banner first or last in the body."""
    rng = ctx.rng
    columns = E("div", ctx.n("layout"), wrap(rng, ctx.n, main, ctx.site.depth + rng.randint(0, 1)), aside)
    body = E("body", ctx.n("container") if rng.random() < 0.5 else "")
    cookie = cookie_banner(ctx) if ctx.chance("cookie", 0.5) else None
    if cookie is not None and rng.random() < 0.5:
        body.add(cookie)
    body.add(E("a", "sr-only", "Skip to content", href="#main") if rng.random() < 0.4 else None)
    body.add(header(ctx), columns, *[a for a in after if a is not None], footer(ctx))
    if cookie is not None and cookie not in body.children:
        body.add(cookie)
    body.add(*end_scripts(ctx))
    attrs = html_attrs or {"lang": rng.choice(["en", "en-US", "en-GB"])}
    return El("html", attrs, [head(ctx, *head_extra), body])
