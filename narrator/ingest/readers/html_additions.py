"""Body text that trafilatura's pick left out, added back on positive evidence of where it sits:
readability's paragraphs that stand between (or just before) paragraphs both extractors keep,
the prose of the block that follows the body's block under the same parent, and the items
after the last one both keep, in blocks of the same kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...text.tidy import tidy_line
from ..furniture import ends_like_sentence, is_furniture
from .html_blocks import SUBHEADING_TAGS, Block, find_place, furniture_place, innermost, place_key

_TOKEN = re.compile(r"\w+")

ADDED_WORDS = 8  # a sentence, not a label or a credit


def between_agreed(
    main: list[Block],
    second: list[Block],
    in_main: Callable[[str], bool],
    home: Callable[[str], int | None],
    places: dict[str, list[Any]],
) -> dict[int, list[Block]]:
    """Paragraphs readability keeps and trafilatura doesn't that sit, in readability's body,
    between two paragraphs both keep, just before the first of them (the lead paragraph a bold
    opening or a dateline made trafilatura skip), or just after one that stops mid-sentence (the
    rest of a paragraph an ad cut in two): by the ``main`` index they go before.

    ``in_main`` says whether a paragraph is in trafilatura's body; ``home`` gives the index in
    ``main`` of the paragraph that holds a text. Only prose that is not furniture is added, and
    not a picture's caption (a small box around an image and the text)."""
    paragraphs = [text for kind, text in second if kind == "p"]
    agreed = [in_main(text) for text in paragraphs]
    added: dict[int, list[Block]] = {}
    seen = {place_key(text) for _, text in main}
    for j, text in enumerate(paragraphs):
        before = j > 0 and agreed[j - 1]
        after = j + 1 < len(paragraphs) and agreed[j + 1]
        lead = after and not any(agreed[:j])
        cut = before and _cut_short(paragraphs[j - 1])
        if agreed[j] or not (lead or cut or (before and after)) or place_key(text) in seen:
            continue
        if len(text.split()) < ADDED_WORDS or not ends_like_sentence(text) or is_furniture(text):
            continue
        found = find_place(places, text)
        boxes = innermost(found or [])
        if furniture_place(found) or any(_caption_box(el, text) or _standfirst(el) for el in boxes):
            continue
        at = home(paragraphs[j + 1]) if after else None
        if at is None and before:
            previous = home(paragraphs[j - 1])
            at = None if previous is None else previous + 1
        if at is not None:
            added.setdefault(at, []).append(("p", text))
            seen.add(place_key(text))
    return added


def _cut_short(text: str) -> bool:
    """A paragraph of prose that stops mid-sentence ("... G Roberto"): an ad or an embed cut it in two."""
    end = text.rstrip()[-1:]
    return len(text.split()) >= ADDED_WORDS and (end.islower() or end == ",")


def _standfirst(el: Any) -> bool:
    """The headline's deck: in the article's header, or right under its <h1>."""
    if any(isinstance(a.tag, str) and a.tag.lower() == "header" for a in el.iterancestors()):
        return True
    previous = el.getprevious()
    return previous is not None and isinstance(previous.tag, str) and previous.tag.lower() == "h1"


CAPTION_SLACK = 15  # words beside the caption in the box that holds the image: a credit, a label


def _caption_box(el: Any, text: str) -> bool:
    """Whether the text is a picture's caption: the nearest box around it that holds an image
    holds little else."""
    for box in [el, *list(el.iterancestors())[:3]]:
        if next(box.iter("img"), None) is not None:
            return len(box.text_content().split()) <= len(text.split()) + CAPTION_SLACK
    return False


HALVES_SHARE = 0.5  # of the words in the block that holds both picks: an article, not the page


def split_halves(main: list[Block], second: list[Block], places: dict[str, list[Any]]) -> list[Block]:
    """Both picks, in page order, when the extractors picked disjoint parts of one article: a body
    split in two by an embed and an ad rail, trafilatura taking one half and readability the other.
    The block that holds both must be in an <article> and be mostly their text."""
    firsts = [_elements(blocks, places) for blocks in (main, second)]
    if not all(firsts):
        return []
    box = common_ancestor([el for els in firsts for el in els])
    if box is None or not any(_is(el, "article") for el in [box, *box.iterancestors()]):
        return []  # only an <article> says both picks are one story's, not a story and a sidebar
    words = sum(len(text.split()) for _, text in [*main, *second])
    if words < HALVES_SHARE * len(box.text_content().split()):
        return []
    order = {id(el): n for n, el in enumerate(box.iter())}
    main_first = min(order.get(id(el), 0) for el in firsts[0]) <= min(order.get(id(el), 0) for el in firsts[1])
    halves = [(main, firsts[0]), (second, firsts[1])]
    joined = [*main, *second] if main_first else [*second, *main]
    return _with_kin_rows(box, halves if main_first else halves[::-1], places) or joined


def _with_kin_rows(box: Any, halves: list[tuple[list[Block], list[Any]]], places: dict[str, list[Any]]) -> list[Block]:
    """The two halves in page order, with the rows of their kind around them that neither
    extractor took: an article in four chunks ("ArticlePageChunksGrid") with ads and
    figures between, where the extractors took one chunk each. Empty when the halves share a
    row or their rows have no kind (a class) in common."""

    def row_of(el: Any) -> Any:
        while el.getparent() is not None and el.getparent() is not box:
            el = el.getparent()
        return el

    held = [[row_of(el) for el in els] for _, els in halves]
    rows = [{id(row) for row in found} for found in held]
    kinds = {_kind(row) for found in held for row in found} - {None}
    if rows[0] & rows[1] or len(kinds) != 1:
        return []
    seen = {place_key(text) for blocks, _ in halves for _, text in blocks}
    out: list[Block] = []
    pending = list(halves)
    for row in box:
        if pending and id(row) in rows[len(halves) - len(pending)]:
            out += pending.pop(0)[0]
        elif _kind(row) in kinds and not any(id(row) in r for r in rows):
            out += _prose(row, lambda text: place_key(text) in seen, places, kin=True)
    return out + [b for blocks, _ in pending for b in blocks]


def _is(el: Any, tag: str) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() == tag


def _elements(blocks: list[Block], places: dict[str, list[Any]]) -> list[Any]:
    return [el for _, text in blocks for el in innermost(find_place(places, text) or [])]


NEXT_WORDS = 12  # a sentence of prose, not a label or a headline
NEXT_SHARE = 0.6  # of a block's words in such paragraphs: prose, not a card or a menu


def sibling_containers(
    main: list[Block], supported: list[bool], places: dict[str, list[Any]], known: Callable[[str], bool]
) -> tuple[list[Block], list[Block]]:
    """Prose in the blocks before and after the body's block under the same parent, which neither
    extractor kept: a body split in two by an embed and an ad rail loses one of its halves.
    ``known``: whether the body already has a text (its words in it, however split or spelt)."""
    agreed = [
        el
        for i, (kind, text) in enumerate(main)
        if kind == "p" and supported[i]
        for el in innermost(find_place(places, text) or [])
    ]
    if len(agreed) < 2:
        return [], []
    box = common_ancestor(agreed)
    if box is None or box.getparent() is None or not isinstance(box.tag, str) or box.tag.lower() in _TOP:
        return [], []
    while _only_child(box):  # a wrapper around the body's block alone: its siblings are the wrapper's
        box = box.getparent()
    seen = {place_key(text) for _, text in main}

    def has(text: str) -> bool:
        return place_key(text) in seen or known(text)

    kin = _kind(box)
    before = [
        block
        for sibling in box.itersiblings(preceding=True)
        for block in _prose(sibling, has, places, kin=_is_kin(sibling, kin))[::-1]
    ]
    after = [
        block for sibling in box.itersiblings() for block in _prose(sibling, has, places, kin=_is_kin(sibling, kin))
    ]
    last = next((i for i in range(len(main) - 1, -1, -1) if supported[i] and not is_furniture(main[i][1])), None)
    found = innermost(find_place(places, main[last][1]) or []) if last is not None else []
    later = _later_items(found[-1], box, has, places) if found else []
    return before[::-1], later + after


def _later_items(last: Any, box: Any, has: Callable[[str], bool], places: dict[str, list[Any]]) -> list[Block]:
    """The items after the last one both extractors keep, inside the body's block: the blocks
    of the same kind as the one holding it (a list's slides, a live blog's updates) that follow
    it, past ads and cards, read as the items before them were."""
    for holder in [last, *last.iterancestors()]:
        if holder is box:
            return []
        kin = _kind(holder)
        later = [sibling for sibling in holder.itersiblings() if kin is not None and _kind(sibling) == kin]
        if later:
            return [block for sibling in later for block in _prose(sibling, has, places, kin=True)]
    return []


def _is_kin(sibling: Any, kin: tuple[str, str] | None) -> bool:
    """Whether a block is, or wraps (two levels down at most), one of the body's kind."""
    if kin is None or not isinstance(sibling.tag, str):
        return False
    near = [sibling, *(c for c in sibling if isinstance(c.tag, str))]
    near += [g for c in near[1:] for g in c if isinstance(g.tag, str)]
    return any(_same_kind(el, kin) for el in near)


def _same_kind(el: Any, kin: tuple[str, str]) -> bool:
    """The body's tag with all of its classes, and perhaps a modifier's ("body body--continued")."""
    mine = _kind(el)
    return mine is not None and mine[0] == kin[0] and set(kin[1].split()) <= set(mine[1].split())


def _kind(el: Any) -> tuple[str, str] | None:
    """A block's tag and class, when it has a class: a template gives each of a body's
    blocks the same one (a live blog's updates, the columns of a long article)."""
    cls = " ".join((el.get("class") or "").split())
    return (el.tag.lower(), cls) if cls and isinstance(el.tag, str) else None


def _only_child(el: Any) -> bool:
    parent = el.getparent()
    if parent is None or parent.getparent() is None or not isinstance(parent.tag, str) or parent.tag.lower() in _PAGE:
        return False
    if isinstance(el.tag, str) and el.tag.lower() == "article":
        return False  # the article's own block: what is beside it is another story
    return sum(isinstance(child.tag, str) for child in parent) == 1


_NOT_BODY = frozenset({"header", "figure", "nav", "aside", "footer", "form"})


def _prose(sibling: Any, has: Callable[[str], bool], places: dict[str, list[Any]], *, kin: bool = False) -> list[Block]:
    """The paragraphs of a block that is mostly prose (not a card, a menu or a header): two
    at least, or one in a block of the same kind as the body's (``kin``), whose headings
    over its paragraphs are read too (a live blog's update: "Kestrels 3 Rovers 2")."""
    if not isinstance(sibling.tag, str) or sibling.tag.lower() in _NOT_BODY or furniture_place([sibling]):
        return []
    blocks: list[Block] = []
    heading = None
    for el in sibling.iter("p", *(SUBHEADING_TAGS if kin else ())):
        text = tidy_line(el.text_content())
        if el.tag.lower() in SUBHEADING_TAGS and not _sentence(text, KIN_WORDS):
            heading = text if text and not is_furniture(text) and not has(text) else None
            continue
        if not _sentence(text, KIN_WORDS if kin else NEXT_WORDS):
            continue
        if has(text) or is_furniture(text):
            continue
        if heading:
            blocks.append(("head", heading))
            heading = None
        blocks.append(("p", text))
    prose = [t for kind, t in blocks if kind == "p"]
    words = sum(len(t.split()) for t in prose)
    if len(prose) < (1 if kin else 2) or words < NEXT_SHARE * _words_outside_figures(sibling):
        return []
    pictures = sum(1 for _ in sibling.iter("img"))
    if not kin and pictures >= CARD_PICTURES and words < CARD_WORDS * pictures:
        return []  # a grid of promo cards (a picture and a line or two each), not the story going on
    return [(kind, t) for kind, t in blocks if not _furniture(find_place(places, t))]


CARD_PICTURES, CARD_WORDS = 3, 40  # pictures in a block, and its words a picture below which it is cards
KIN_WORDS = 5  # in a block of the body's own kind, a short sentence is an item ("Beach clean, Sunday 11am.")


def _sentence(text: str, words: int) -> bool:
    return len(text.split()) >= words and ends_like_sentence(text)


_PICTURES = ("figure", "figcaption")


def _words_outside_figures(el: Any) -> int:
    """A block's words, less its pictures' captions and credits."""
    outer = [f for f in el.iter(*_PICTURES) if not any(a.tag in _PICTURES for a in f.iterancestors())]
    inside = sum(len(f.text_content().split()) for f in outer)
    return len(el.text_content().split()) - inside


def _furniture(found: list[Any] | None) -> bool:
    # a teaser card may be an <article> of its own, where the furniture test stops looking up
    return furniture_place(found) or furniture_place(found, near_only=True)


_TOP = frozenset({"body", "html"})
_PAGE = _TOP | {"main"}  # the page's own blocks hold the article and the columns beside it


def common_ancestor(elements: list[Any]) -> Any:
    first = [elements[0], *elements[0].iterancestors()]
    ranks = {id(a): n for n, a in enumerate(first)}
    deepest = 0
    for el in elements[1:]:
        n = next((ranks[id(a)] for a in [el, *el.iterancestors()] if id(a) in ranks), None)
        if n is None:
            return None
        deepest = max(deepest, n)
    return first[deepest]
