"""HTML as blocks: a page's tree, or trafilatura's XML body, cut into headings and
paragraphs; and blocks made into an article's sections."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from lxml import etree

from ...models import Section
from ...text.tidy import tidy_line

Block = tuple[str, str]  # ("head" | "p", text)
_TOKEN = re.compile(r"\w+")

_TREE_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "div", "body", "section"})
_TREE_SKIP = frozenset({"graphic", "note"})
_CODE_BLOCK_PARENTS = frozenset({"body", "div", "section", "quote", "cell", "list"})


def tree_blocks(body: etree._Element) -> list[Block]:
    """trafilatura's XML body as blocks, walked directly: narrator's Markdown reader never
    speaks table rows, which empties pages laid out in tables."""
    buf: list[str] = []
    blocks = list(_walk_tree(body, buf))
    return blocks + list(_flush(buf))


def _walk_tree(el: etree._Element, buf: list[str]) -> Iterator[Block]:
    if el.tag == "head":
        yield from _flush(buf)
        yield from _heading(el)
        return
    if el.tag == "row":
        yield from _flush(buf)
        yield from _row(el)
        return
    block = el.tag in _TREE_BLOCKS
    if block:
        yield from _flush(buf)
    if el.text:
        buf.append(el.text)
    for child in el:
        if child.tag == "lb":
            yield from _flush(buf)
        elif isinstance(child.tag, str) and not _skipped(child):  # not a comment
            yield from _walk_tree(child, buf)
        if child.tail:
            buf.append(child.tail)
    if block:
        yield from _flush(buf)


def _skipped(el: etree._Element) -> bool:
    """Images and code blocks are not read out; inline code is part of its sentence."""
    if el.tag in _TREE_SKIP:
        return True
    parent = el.getparent()
    return el.tag == "code" and parent is not None and parent.tag in _CODE_BLOCK_PARENTS


def _heading(el: etree._Element) -> Iterator[Block]:
    text = tidy_line("".join(_heading_text(el)))
    if text:
        yield ("head", text)


def _heading_text(el: etree._Element) -> Iterator[str]:
    """A heading's text, a <br> in it parting the words on either side ("The first
    week<br>on strike" is not "weekon"). A comment's text is left out, its tail kept."""
    if not isinstance(el.tag, str):
        return
    if el.tag.lower() in ("br", "lb"):  # lb: trafilatura's <br>
        yield " "
        return
    if el.text:
        yield el.text
    for child in el:
        yield from _heading_text(child)
        if child.tail:
            yield child.tail


def _row(row: etree._Element) -> Iterator[Block]:
    """A row of short cells reads as one line; a layout cell keeps its own paragraphs."""
    cells = [c for c in (tree_blocks(cell) for cell in row) if c]
    short = all(len(c) == 1 and c[0][0] == "p" and len(c[0][1].split()) <= 12 for c in cells)
    if len(cells) >= 2 and short:
        yield ("p", "; ".join(c[0][1] for c in cells))
        return
    for c in cells:
        yield from c


def _flush(buf: list[str]) -> Iterator[Block]:
    text = tidy_line("".join(buf))
    buf.clear()
    if text:
        yield ("p", text)


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HTML_BLOCKS = frozenset(
    "p div li ul ol dl dt dd blockquote pre td th tr table section article main header footer aside nav "
    "form figure body html center address tbody thead tfoot hr fieldset details summary".split()
)
_HTML_SKIP = frozenset(
    "script style noscript template figcaption iframe select button textarea svg math head title object "
    "embed video audio canvas".split()
)


def html_blocks(el: Any) -> Iterator[Block]:
    """Blocks of an HTML tree: headings, and paragraphs ended by block tags and <br>."""
    buf: list[str] = []
    yield from _walk_html(el, buf)
    yield from _flush(buf)


def _walk_html(el: Any, buf: list[str]) -> Iterator[Block]:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in HEADINGS:
        yield from _flush(buf)
        yield from _heading(el)
        return
    block = tag in HTML_BLOCKS
    if block:
        yield from _flush(buf)
    if el.text and tag:
        buf.append(el.text)
    for child in el:
        ctag = child.tag.lower() if isinstance(child.tag, str) else ""
        if ctag == "br":
            yield from _flush(buf)
        elif ctag and ctag not in _HTML_SKIP:
            yield from _walk_html(child, buf)
        if child.tail:
            buf.append(child.tail)
    if block:
        yield from _flush(buf)


def longest_paragraph_run(tree: Any) -> list[Block]:
    """The most text in <p> elements that share a parent: the body of most simple pages."""
    groups: dict[Any, list[str]] = {}
    for p in tree.iter("p"):
        text = tidy_line(p.text_content())
        if text:
            groups.setdefault(p.getparent(), []).append(text)
    if not groups:
        return []
    best = max(groups.values(), key=lambda texts: sum(len(t) for t in texts))
    return [("p", t) for t in best]


REPEATED_RUN = 2  # paragraphs in a row, in the same order as earlier: the story printed twice


def unrepeated(blocks: list[Block]) -> list[Block]:
    """The blocks without a run of two or more that repeats an earlier run word for word: a page
    that holds the story twice (a print copy). A single paragraph said again (a refrain) stays."""
    texts = [text for _, text in blocks]
    first: dict[str, int] = {}
    kept: list[Block] = []
    i = 0
    while i < len(texts):
        j = first.get(texts[i])
        run = 0
        while j is not None and i + run < len(texts) and j + run < i and texts[j + run] == texts[i + run]:
            run += 1
        if run >= REPEATED_RUN:
            i += run
            continue
        first.setdefault(texts[i], i)
        kept.append(blocks[i])
        i += 1
    return kept


def sections_from_blocks(blocks: list[Block], title: str | None) -> list[Section]:
    """A heading starts a section; a heading that only repeats the title is dropped."""
    sections: list[Section] = []
    head: str | None = None
    paragraphs: list[str] = []
    lone = 0  # headings in a row with no paragraph under them
    for kind, text in blocks:
        if kind == "p" or _prose(text):
            paragraphs.append(text)
            lone = 0
            continue
        if paragraphs:
            sections.append(Section(title=head, paragraphs=tuple(paragraphs)))
        new = None if _same_text(text, title) else text
        lone += 1
        # a part's heading over its first item's ("Windows laptops" over "Dell XPS 13"), past
        # the article's opening (where a headline stands over a subheading): both are read
        if lone == 2 and head and new and sections and not _CLOCK.search(head + " " + new):
            new = f"{head}: {new}"
        head, paragraphs = new, []
    if paragraphs:
        sections.append(Section(title=head, paragraphs=tuple(paragraphs)))
    return sections


PROSE_HEADING_WORDS = 25
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")  # a live blog's update time, which heads its update


def _prose(heading: str) -> bool:
    """A paragraph in heading markup (a list's items each in an <h2>): it ends with a full
    stop, or is longer than any heading. Without this a heading followed by a heading is lost."""
    words = heading.split()
    return len(words) > PROSE_HEADING_WORDS or (len(words) >= 5 and heading.rstrip().endswith("."))


def _same_text(heading: str | None, title: str | None) -> bool:
    """The heading is the title, or the title without the site name a <title> adds."""
    if not heading or not title:
        return False
    mine, theirs = _TOKEN.findall(heading.lower()), _TOKEN.findall(title.lower())
    return mine == theirs or (len(mine) >= 3 and theirs[: len(mine)] == mine)


# Where a paragraph sits in the page: the evidence that it is furniture, not article.
_PLACE_TAGS = frozenset(
    "p li dd dt td blockquote div section article span a figcaption small h1 h2 h3 h4 h5 h6".split()
)
# Not <form>: ASP.NET pages are one form, body and all.
_FURNITURE_TAGS = frozenset({"aside", "footer", "nav", "figcaption", "button"})
# Names that mark a block as furniture on most sites; matched as whole words of a class or id.
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:related|recirc|recirculation|comments?|sidebar|promo|newsletter|signup|"
    r"most-?read|popular|trending|share|sharing|social|footer|breadcrumbs?|byline|author-bio|"
    r"advert|advertisement|ad-slot|ad-container|cookie|paywall|twitter-tweet|instagram-media|embed)(?:$|[\s_-])",
    re.IGNORECASE,
)
_PAGE_TAGS = frozenset({"body", "html", "main", "article"})
NAME_DEPTH = 4  # a furniture name further up is a layout wrapper's, around the body too
# Readers' comments and picture galleries: never wrapped around a body, so named at any depth.
_THREAD_NAMES = re.compile(
    r"(?:^|[\s_-])(?:comments|commentlist|comment-list|disqus_thread|gallery|slideshow|carousel)(?:$|[\s_-])",
    re.IGNORECASE,
)
# "photoGalleryContainer" names the same block as "photo-gallery-container": split at each capital
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
LINK_DENSITY = 0.5  # a block whose text is mostly links is a list of links
CARD_WORDS = 80  # a teaser card is short: a linked headline and a sentence or two
KEY_TOKENS = 12


def place_key(text: str) -> str:
    """A paragraph's first words, the same whether it comes from trafilatura or the page."""
    return " ".join(_TOKEN.findall(text.lower())[:KEY_TOKENS])


def later_key(text: str) -> str:
    """The words after the first: the same when the first word is cut (a drop cap "S" in a span of
    its own that trafilatura leaves out reads "ections of the road...")."""
    tokens = _TOKEN.findall(text.lower())[1:KEY_TOKENS]
    return "\x00" + " ".join(tokens) if len(tokens) >= LATER_TOKENS else ""


LATER_TOKENS = 6  # enough words that two paragraphs don't share them by chance


def earlier_key(text: str) -> str:
    """The key :func:`later_key` gives a page block that starts one word before ``text``
    (a drop cap that is a word, "A", left out)."""
    tokens = _TOKEN.findall(text.lower())[: KEY_TOKENS - 1]
    return "\x00" + " ".join(tokens) if len(tokens) >= LATER_TOKENS else ""


def find_place(places: dict[str, list[Any]], text: str) -> list[Any] | None:
    """The page's blocks where a paragraph starts, by its first words or, failing that, the next."""
    return places.get(place_key(text)) or places.get(later_key(text) or "\x00")


def page_places(tree: Any) -> dict[str, list[Any]]:
    """The page's blocks by their first words, innermost first: where each paragraph is."""
    places: dict[str, list[Any]] = {}

    def add(text: str, el: Any) -> None:
        for key in (place_key(text), later_key(text)):
            if key and el not in places.get(key, ()):
                places.setdefault(key, []).insert(0, el)  # preorder: a descendant comes after its ancestors

    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() not in _PLACE_TAGS:
            continue
        add(el.text_content(), el)
        # a line after a <br> is a paragraph of its own in trafilatura's body
        for br in el.iterchildren("br"):
            add(br.tail or "", el)
    return places


def furniture_place(elements: list[Any] | None, *, near_only: bool = False) -> bool:
    """Whether every place a paragraph's words start is furniture (so a body sentence that a
    pull quote or a card repeats still counts as body). Nowhere found is no evidence.

    ``near_only``: only the box right around it counts (a sign-up form, a video player, a
    related-story card), not the names or tags further up, which on old pages often wrap the
    body too ("region-body-and-footer", a blog post's "category-social")."""
    if not elements:
        return False
    found = innermost(elements)
    if near_only:
        return all(_in_box(el) for el in found)
    return all(_furniture_element(el) for el in found)


def _in_box(el: Any) -> bool:
    return any(_teaser_card(a) or _widget(a) for a in list(el.iterancestors())[:2])


def innermost(elements: list[Any]) -> list[Any]:
    """Of elements whose text starts alike, those that contain none of the others."""
    ids = {id(el) for el in elements}
    return [el for el in elements if not any(id(d) in ids for d in el.iterdescendants() if d is not el)]


def _furniture_element(el: Any) -> bool:
    text = el.text_content()
    total = len(text.strip())
    if total and _link_chars(el) >= LINK_DENSITY * total and not _shop_heading(el) and not _linked_quote(el, text):
        return True
    for depth, ancestor in enumerate(el.iterancestors()):
        tag = ancestor.tag.lower() if isinstance(ancestor.tag, str) else ""
        if depth < 2 and (_teaser_card(ancestor) or _widget(ancestor)):
            return True  # a related-story card may be an <article> of its own
        if tag in _PAGE_TAGS:
            break  # a page's or an article's own names ("has-sidebar") say nothing of one block
        if tag in _FURNITURE_TAGS:
            return True
        names = _names(ancestor)
        if (depth < NAME_DEPTH and _FURNITURE_NAMES.search(names)) or _THREAD_NAMES.search(names):
            return True
    return False


QUOTE_WORDS = 20


def _linked_quote(el: Any, text: str) -> bool:
    """A passage quoted in a <blockquote> that links, whole, to where it comes from: the
    article's quotation, not a teaser's link (a tweet's or a post's embed is named as one)."""
    if len(text.split()) < QUOTE_WORDS:
        return False
    near = chain([el], islice(el.iterancestors(), 3))
    return any(isinstance(a.tag, str) and a.tag.lower() == "blockquote" for a in near)


def _names(el: Any) -> str:
    """An element's class and id, camelCase split as if hyphenated."""
    return _CAMEL.sub("-", f"{el.get('class', '')} {el.get('id', '')}")


def in_thread(found: list[Any]) -> bool:
    """Whether every place a paragraph starts is inside a block named as a comment list or a
    gallery, below the page's and the article's own blocks."""
    return bool(found) and all(_thread_named(el) for el in found)


def _thread_named(el: Any) -> bool:
    for ancestor in [el, *el.iterancestors()]:
        tag = ancestor.tag.lower() if isinstance(ancestor.tag, str) else ""
        if tag in _PAGE_TAGS:
            return False
        if _THREAD_NAMES.search(_names(ancestor)):
            return True
    return False


def _link_chars(el: Any) -> int:
    if isinstance(el.tag, str) and el.tag.lower() == "a":
        return len(el.text_content().strip())
    return sum(len(a.text_content().strip()) for a in el.iter("a"))


def _teaser_card(el: Any) -> bool:
    """A short block led by a headline that is a link to another page of the site: a
    related-story card. A shop's link (absolute, sponsored) heads a product, not a teaser."""
    if len(el.text_content().split()) > CARD_WORDS:
        return False
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag not in _HEADING_TAGS:
            continue
        links = list(child.iter("a"))
        linked = sum(len(a.text_content().strip()) for a in links)
        if links and linked >= 0.9 * len(child.text_content().strip()):
            href = links[0].get("href", "")
            rel = links[0].get("rel", "")
            return href.startswith("/") and "sponsored" not in rel and "nofollow" not in rel
    return False


def _shop_heading(el: Any) -> bool:
    """A deal's heading, or the link in it: a product's name linked to a shop (rel="sponsored",
    as affiliate links are marked), not a link to another story."""
    if isinstance(el.tag, str) and el.tag.lower() == "a" and el.getparent() is not None:
        el = el.getparent()
    links = list(el.iter("a"))
    return (
        isinstance(el.tag, str)
        and el.tag.lower() in _HEADING_TAGS
        and bool(links)
        and all("sponsored" in (a.get("rel") or "") for a in links)
    )


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SUBHEADING_TAGS = ("h2", "h3", "h4")  # a part's heading inside a body: a live blog update's, a list item's
_WIDGET_PARTS = ("form", "input", "video", "audio", "amp-video")
WIDGET_WORDS = 40


def _widget(el: Any) -> bool:
    """A small box around a sign-up form or a video player: a newsletter box, a sticky player."""
    if len(el.text_content().split()) > WIDGET_WORDS:
        return False
    return any(next(el.iter(tag), None) is not None for tag in _WIDGET_PARTS)
