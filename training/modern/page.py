"""A small HTML tree that knows, for every node, whether it is article body, and renders three
things from one page: the HTML, the text a browser's "select all, copy" gives, and the gold body."""

from __future__ import annotations

import html
import json
import random
import re
import string
from dataclasses import dataclass, field

from training.modern.articles import sections

VOID = frozenset("area base br col embed hr img input link meta source track wbr amp-img amp-pixel".split())
RAW = frozenset(("script", "style"))
INVISIBLE = frozenset(("script", "style", "template", "noscript", "head", "title", "iframe", "svg", "amp-analytics"))
BLOCK = frozenset(
    "address article aside blockquote body dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr html li main nav ol p pre section summary table tr ul button amp-ad amp-sidebar amp-carousel "
    "amp-social-share amp-img amp-video amp-iframe dialog menu".split()
)
PARAGRAPH_LIKE = frozenset("p h1 h2 h3 h4 h5 h6 figure blockquote ul ol section article aside footer".split())
_WS = re.compile(r"\s+")


@dataclass
class El:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[El | str] = field(default_factory=list)
    gold: bool = False  # its visible text is one block of the article body

    def add(self, *children: El | str | None) -> El:
        self.children.extend(c for c in children if c is not None and c != "")
        return self

    @property
    def hidden(self) -> bool:
        style = self.attrs.get("style", "").replace(" ", "")
        return "hidden" in self.attrs or "display:none" in style or self.tag in INVISIBLE


def E(tag: str, cls: str = "", *children: El | str | None, gold: bool = False, **attrs: str) -> El:
    """An element: ``E("p", "story__text", "Hello ", E("a", "", "world", href="/w"))``."""
    real = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items() if v is not None}
    if cls:
        real = {"class": cls, **real}
    return El(tag, real, [c for c in children if c is not None and c != ""], gold)


# -- rendering --------------------------------------------------------------------------------
def to_html(root: El, *, pretty: bool) -> str:
    out: list[str] = ["<!DOCTYPE html>\n"]
    _write(root, out, 0, pretty)
    return "".join(out) + "\n"


def _attrs(attrs: dict[str, str]) -> str:
    parts = []
    for key, value in attrs.items():
        parts.append(f" {key}" if value == "" else f' {key}="{html.escape(value, quote=True)}"')
    return "".join(parts)


def _write(node: El | str, out: list[str], depth: int, pretty: bool) -> None:
    if isinstance(node, str):
        out.append(html.escape(node, quote=False))
        return
    out.append(f"<{node.tag}{_attrs(node.attrs)}>")
    if node.tag in VOID:
        return
    if node.tag in RAW:
        out.append("".join(c for c in node.children if isinstance(c, str)).replace("</", "<\\/"))
    else:
        blocky = pretty and node.children and all(isinstance(c, El) and c.tag in BLOCK for c in node.children)
        for child in node.children:
            if blocky:
                out.append("\n" + "  " * (depth + 1))
            _write(child, out, depth + 1, pretty)
        if blocky:
            out.append("\n" + "  " * depth)
    out.append(f"</{node.tag}>")


def inline_text(node: El | str) -> str:
    """The text of a node as one line, the way it shows (whitespace collapsed)."""
    if isinstance(node, str):
        return node
    if node.hidden:
        return ""
    return "".join(inline_text(c) for c in node.children)


def visible_text(node: El | str) -> str:
    return _WS.sub(" ", inline_text(node)).strip()


def copied_text(root: El) -> str:
    """What selecting the whole page and copying gives: visible text in document order, a line
    per block, a blank line after paragraph-like blocks."""
    lines: list[str] = []
    current: list[str] = []

    def flush(blank: bool = False) -> None:
        text = _WS.sub(" ", "".join(current)).strip()
        current.clear()
        if text:
            lines.append(text)
        if blank and lines and lines[-1] != "":
            lines.append("")

    def walk(node: El | str) -> None:
        if isinstance(node, str):
            current.append(node)
            return
        if node.hidden:
            return
        if node.tag == "br":
            flush()
            return
        block = node.tag in BLOCK
        if block:
            flush()
        if node.tag in ("td", "th") and current:
            current.append("\t")
        for child in node.children:
            walk(child)
        if block:
            flush(node.tag in PARAGRAPH_LIKE)

    walk(root)
    flush()
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def gold_text(root: El) -> str:
    blocks: list[str] = []

    def walk(node: El | str) -> None:
        if isinstance(node, str) or node.hidden:
            return
        if node.gold:
            text = visible_text(node)
            if text:
                blocks.append(text)
            return
        for child in node.children:
            walk(child)

    walk(root)
    return "\n\n".join(blocks) + "\n"


def json_script(data: object, **attrs: str) -> El:
    return E("script", "", json.dumps(data, ensure_ascii=False, separators=(",", ":")), **attrs)


# -- class names --------------------------------------------------------------------------------
STYLES = ("bem", "module", "styled", "utility", "legacy", "atomic")
_UTILITY = (
    "flex flex-col items-center justify-between gap-2 gap-4 mx-auto my-4 mb-2 mb-4 mb-6 mt-8 px-4 py-2 py-6 "
    "max-w-prose max-w-screen-lg w-full text-sm text-base text-lg text-xl font-serif font-sans font-bold "
    "leading-6 leading-7 leading-relaxed tracking-tight text-gray-700 text-gray-900 text-neutral-800 "
    "border-t border-b rounded shadow-sm bg-white bg-gray-50 md:w-2/3 lg:w-3/4 md:px-0 lg:text-lg sm:hidden "
    "md:block relative sticky top-0 z-10 overflow-hidden grid grid-cols-12 col-span-8 col-span-12 space-y-4"
).split()


def _hash(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


class Namer:
    """Class names for one site: each concept ("body", "paragraph", "ad"...) gets one stable name in
    the site's style, from synonyms in ``data/classes.txt``. Utility and atomic styles name nothing."""

    def __init__(self, rng: random.Random, style: str) -> None:
        self.rng = random.Random(rng.random())
        self.style = style
        self.prefix = self.rng.choice(["", "", "c-", "o-", "m-", "js-", "l-"])
        self.block = self.rng.choice(["article", "story", "post", "content", "entry", "arc", "page"])
        self.memo: dict[str, str] = {}

    def __call__(self, concept: str) -> str:
        if concept not in self.memo:
            self.memo[concept] = self._make(concept)
        return self.memo[concept]

    def _make(self, concept: str) -> str:
        rng = self.rng
        word = rng.choice(sections("classes.txt").get(concept, (concept,)))
        camel = "".join(w.capitalize() for w in re.split(r"[-_]", word))
        if self.style == "bem":
            mod = f" {self.prefix}{self.block}__{word}--{rng.choice(['wide', 'default', 'v2', 'inline', 'lg'])}"
            return f"{self.prefix}{self.block}__{word}" + (mod if rng.random() < 0.3 else "")
        if self.style == "module":
            return f"{rng.choice([camel, 'styles', self.block.capitalize()])}_{word.replace('-', '')}__{_hash(rng, 5)}"
        if self.style == "styled":
            return f"{self.block}-{word}__{camel}-sc-{_hash(rng, 6).lower()}-{rng.randint(0, 9)} {_hash(rng, 6)}"
        if self.style == "utility":
            return " ".join(rng.sample(_UTILITY, rng.randint(2, 6)))
        if self.style == "atomic":
            return " ".join(
                f"css-{_hash(rng, 7).lower()}" if i == 0 else f"r-{_hash(rng, 7).lower()}"
                for i in range(rng.randint(1, 4))
            )
        return word  # legacy: plain words


def data_attrs(rng: random.Random, concept: str) -> dict[str, str]:
    """Some data attributes that real components carry (test ids, tracking, component names)."""
    if rng.random() < 0.5:
        return {}
    key = rng.choice(["data-testid", "data-component", "data-module", "data-qa", "data-tracking", "data-block"])
    value = rng.choice([concept, f"{concept}-{rng.randint(1, 9)}", concept.upper(), f"{concept}Block"])
    return {key: value}


def wrap(rng: random.Random, namer: Namer, node: El, depth: int) -> El:
    """Put ``node`` inside ``depth`` wrapper divs, as component trees do."""
    for _ in range(depth):
        node = El(
            "div",
            {"class": namer(rng.choice(["wrapper", "container", "inner", "layout"])), **data_attrs(rng, "wrapper")},
            [node],
        )
    return node
