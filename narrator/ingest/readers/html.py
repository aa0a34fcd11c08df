"""HTML pages: the article body where two extractors agree, and the page's metadata.

trafilatura finds the body and keeps its structure (headings, lists, tables). Its output
is then checked against a readability-style extractor (trafilatura's own fork): when
readability's text lies inside trafilatura's, trafilatura's extra paragraphs are page
furniture (related links, sidebars, teasers) and are dropped. When the two disagree,
jusText decides. A page never ends without text while it has some: the fallbacks are
readability, jusText, the longest run of <p> text, then all the visible text.

Blocks are cut in :mod:`.html_blocks`; the page's metadata is read in :mod:`.html_metadata`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from lxml import html as lxml_html

from ...errors import IngestError
from ...models import Article
from ...text.tidy import tidy_line
from ..clean import clean_article
from ..furniture import is_furniture, is_navigation, is_site_notice
from .html_additions import between_agreed, sibling_containers, split_halves
from .html_blocks import (
    Block,
    find_place,
    furniture_place,
    html_blocks,
    innermost,
    longest_paragraph_run,
    page_places,
    sections_from_blocks,
    tree_blocks,
    unrepeated,
)
from .html_lists import drop_headline_lists, drop_reference_lists, drop_teaser_lists
from .html_live import update_times
from .html_metadata import article_body, as_dict, byline_author, lang_attr, read_metadata
from .html_repairs import respaced, whole_first_words
from .html_threads import drop_comment_thread, drop_named_threads

_TOKEN = re.compile(r"\w+")

# Agreement: a paragraph is "in" another extractor's output when at least half of its
# word 3-grams are there. The gate is loose on purpose: dev scores are flat from 0.7 to 0.9.
SHINGLE = 3
SUPPORTED = 0.5
CONTAINED = 0.8
DISJOINT = 0.1
MIN_OTHER_TOKENS = 25  # a readability result shorter than this is a failure, not a verdict


# --------------------------------------------------------------------------- entry point


def read_html(html: str, *, source: str = "", url: str | None = None) -> Article:
    """An article from an HTML page: its body as sections, and its metadata."""
    try:
        tree = _parse(html)
    except Exception as exc:  # lxml raises many types on malformed pages
        raise IngestError(f"{source}: can't parse HTML: {exc}") from exc
    try:
        doc = _trafilatura(html, url)
    except Exception:  # trafilatura failing leaves the fallbacks to find the body
        doc = None
    meta = read_metadata(tree, doc, url=url)
    title = meta.get("title")
    article = Article(
        title=title,
        author=meta.get("author"),
        published=meta.get("published"),
        language=meta.get("language") or lang_attr(html),
        url=url or meta.get("url"),
        source=source,
        format="html",
    )
    body = _body_blocks(html, doc, tree, language=article.language)
    for blocks in body:
        candidate = replace(article, sections=tuple(sections_from_blocks(unrepeated(blocks), title)))
        if _readable(candidate):
            break
    if article.author is None:
        candidate = replace(candidate, author=byline_author(candidate))
    return candidate


def _readable(article: Article) -> bool:
    """True when narrator's clean stage leaves text to read."""
    try:
        clean_article(article)
    except IngestError:
        return False
    return True


def _body_blocks(html: str, doc: Any, tree: Any, *, language: str | None) -> Iterator[list[Block]]:
    """Bodies to try in order: the agreed body, then ever blunter fallbacks."""
    body = as_dict(doc).get("body")
    main = respaced(tree_blocks(body), tree) if body is not None else []
    other = _lazy(lambda: readability_blocks(html))
    third = _lazy(lambda: justext_blocks(html, language))
    places = page_places(tree) if tree is not None else {}
    agreed = agree(main, other, third, tree, ld_body=article_body(tree), places=places)
    yield update_times(whole_first_words(agreed, places), places)
    yield update_times(whole_first_words(main, places), places)
    yield other()
    yield third()
    if tree is not None:
        yield longest_paragraph_run(tree)
        yield list(html_blocks(tree.find("body") if tree.find("body") is not None else tree))


def _lazy(make: Callable[[], list[Block]]) -> Callable[[], list[Block]]:
    """Compute a fallback only when it is needed, once."""
    cache: list[list[Block]] = []

    def get() -> list[Block]:
        if not cache:
            try:
                cache.append(make())
            except Exception:  # a fallback extractor failing is one less opinion, not an error
                cache.append([])
        return cache[0]

    return get


# --------------------------------------------------------------------------- extractors


def _trafilatura(html: str, url: str | None) -> Any:
    import trafilatura  # heavy: imported only when an HTML page is read

    # Tables kept: old sites lay whole articles out in them. No deduplication: it drops a
    # paragraph a page repeats, and its cache is shared by every page a process reads.
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=True,
        include_links=False,
        deduplicate=False,
    )


def _parse(html: str) -> Any:
    # trafilatura's loader copes with encoding declarations and broken markup
    from trafilatura.utils import load_html

    return load_html(html)


def readability_blocks(html: str) -> list[Block]:
    """The readability algorithm's pick, from trafilatura's Apache-2.0 fork of readability-lxml."""
    from trafilatura.readability_lxml import Document

    tree = _parse(html)  # the fork changes the tree it reads
    if tree is None:
        return []
    summary = Document(tree, min_text_length=25).summary()
    return list(html_blocks(lxml_html.fromstring(summary))) if summary else []


def justext_blocks(html: str, language: str | None) -> list[Block]:
    """jusText's non-boilerplate paragraphs, with its stop words for the page's language."""
    import justext

    try:
        from trafilatura.settings import JUSTEXT_LANGUAGES
    except ImportError:  # older trafilatura
        JUSTEXT_LANGUAGES = {"en": "English"}
    name = JUSTEXT_LANGUAGES.get((language or "en")[:2].lower())
    if name is None:
        return []  # without stop words jusText calls everything boilerplate
    if len(_BLOCK_TAG.findall(html, 0, MAX_JUSTEXT_CHARS)) >= MAX_JUSTEXT_BLOCKS:
        return []  # jusText's neighbour search is quadratic in paragraphs: only a second opinion
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist(name), encoding="utf-8")
    return [("head" if p.is_heading else "p", tidy_line(p.text)) for p in paragraphs if not p.is_boilerplate]


_BLOCK_TAG = re.compile(r"<(?:p|div|br|li|td|h\d)\b", re.IGNORECASE)
MAX_JUSTEXT_BLOCKS = 3000  # far more than any article's paragraphs
MAX_JUSTEXT_CHARS = 5_000_000


# --------------------------------------------------------------------------- agreement


def _shingles(text: str) -> set[str]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _all_shingles(blocks: Iterable[Block]) -> set[str]:
    """Shingles of all the text run together, so that a table row read as one line still
    matches the same cells read as separate paragraphs, and the reverse."""
    texts = [text for _, text in blocks]
    short = {s for t in texts if len(_TOKEN.findall(t)) < SHINGLE for s in _shingles(t)}
    return _shingles(" ".join(texts)) | short


def _supported(text: str, shingles: set[str]) -> bool:
    mine = _shingles(text)
    return bool(mine) and len(mine & shingles) >= SUPPORTED * len(mine)


def _coverage(blocks: list[Block], other: list[Block]) -> tuple[float, int]:
    """The share of ``blocks``' words in paragraphs ``other`` also has, and their word count."""
    shingles = _all_shingles(other)
    total = inside = 0
    for kind, text in blocks:
        if kind == "p":
            n = len(_TOKEN.findall(text))
            total += n
            inside += n if _supported(text, shingles) else 0
    return (inside / total if total else 0.0), total


def agree(
    main: list[Block],
    other: Callable[[], list[Block]],
    third: Callable[[], list[Block]],
    tree: Any = None,
    *,
    ld_body: str | None = None,
    places: dict[str, list[Any]] | None = None,
) -> list[Block]:
    """``main`` without the paragraphs there is positive evidence are not the article.

    - the two disjoint: one picked the wrong block; ``third`` says which.
    - otherwise every paragraph of ``main`` stays, in page order, unless it is furniture:
      disagreement is not evidence (a modern page splits its body over sibling blocks with
      ads between, and readability keeps one of them). A paragraph ``other`` doesn't have
      goes when its words are a furniture pattern, or, in the page's tree, when it is mostly
      links, sits in a teaser card, an aside, a footer, a form or a block named as furniture.

    Also furniture: text past the body's start that begins no block of the page, and runs of
    headlines (short lines that don't end like sentences) readability leaves out. Headings are
    judged the same way (a newsletter box's title is not a section's); a section whose
    paragraphs all go takes its heading with it.

    ``ld_body``, the page's JSON-LD articleBody, is a third opinion: a paragraph in it is body as
    if readability had it. When it is whole (as long as the body, not cut short with "…"), a
    paragraph neither it nor readability has is not the article. ``places``: the page's blocks
    by their first words (:func:`page_places`), when the caller has them already.
    """
    second = other()
    inside, n_second = _coverage(second, main)
    if places is None:
        places = page_places(tree) if tree is not None else {}
    if n_second < MIN_OTHER_TOKENS:
        # readability failed, and has no opinion: only the box right around a paragraph (a
        # related-story card, a widget) is evidence, as for a paragraph both keep
        kept = [(kind, text) for kind, text in main if not _furniture(text, True, places, False)]
        return kept if any(kind == "p" for kind, _ in kept) else main
    outside, _ = _coverage(main, second)
    if inside < DISJOINT and outside < DISJOINT:
        halves = split_halves(main, second, places)
        if halves:
            return halves
        referee = third()
        if _coverage(second, referee)[0] >= SUPPORTED and _coverage(main, referee)[0] < DISJOINT:
            return second
        return main
    keep = _all_shingles(second)
    shingles = _all_shingles(main)
    supported = [_supported(text, keep) for _, text in main]
    published, whole = _publisher_copy(ld_body, main, supported)
    if published:
        supported = [ok or _supported(text, published) for ok, (_, text) in zip(supported, main, strict=True)]
    first = next((i for i, (kind, _) in enumerate(main) if kind == "p" and supported[i]), len(main))
    drop = [_furniture(text, supported[i], places, i > first) for i, (_, text) in enumerate(main)]
    drop_headline_lists(main, supported, drop, places)
    drop_reference_lists(main, supported, drop)
    drop_teaser_lists(main, supported, drop, places)
    drop_comment_thread(main, supported, drop)
    drop_named_threads(main, supported, drop, places)
    _drop_far_tail(main, supported, drop, places)
    if whole:
        drop = [gone or (kind == "p" and not ok) for gone, ok, (kind, _) in zip(drop, supported, main, strict=True)]
    added = between_agreed(main, second, lambda text: _supported(text, shingles), _home(main), places)
    kept: list[Block] = []
    for i, (block, dropped) in enumerate(zip(main, drop, strict=True)):
        kept += added.get(i, []) + ([] if dropped else [block])
    kept += added.get(len(main), [])
    before, after = sibling_containers(main, supported, places, lambda text: _supported(text, shingles))
    # a paragraph added from readability's body may open a sibling container too: read it once
    have = {text for _, text in kept}
    return [b for b in before if b[1] not in have] + kept + [b for b in after if b[1] not in have]


def _home(main: list[Block]) -> Callable[[str], int | None]:
    """The index of the paragraph of ``main`` that shares most of a text's word 3-grams."""
    mine = [_shingles(text) for _, text in main]

    def home(text: str) -> int | None:
        wanted = _shingles(text)
        best = max(range(len(mine)), key=lambda i: len(mine[i] & wanted), default=None)
        return best if best is not None and len(mine[best] & wanted) >= SUPPORTED * len(wanted) else None

    return home


WHOLE_SHARE = 0.8  # an articleBody with fewer words than this share of the agreed body is a summary or cut


def _publisher_copy(ld_body: str | None, main: list[Block], supported: list[bool]) -> tuple[set[str], bool]:
    """The articleBody's shingles, and whether it is the whole text: not cut short ("…", "Read
    more") and at least as long as most of what the extractors agree is body."""
    if not ld_body or len(_TOKEN.findall(ld_body)) < MIN_OTHER_TOKENS:
        return set(), False
    tokens = _TOKEN.findall(ld_body.lower())
    # word pairs too: a two-word line ("Walled garden") is found in a copy with no line breaks
    shingles = _shingles(ld_body) | {" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1)}
    agreed = sum(
        len(_TOKEN.findall(text)) for (kind, text), ok in zip(main, supported, strict=True) if ok and kind == "p"
    )
    cut = ld_body.rstrip().endswith(("…", "...", "[…]")) or bool(_READ_MORE.search(ld_body[-40:]))
    whole = not cut and agreed > 0 and len(_TOKEN.findall(ld_body)) >= WHOLE_SHARE * agreed
    return shingles, whole


_READ_MORE = re.compile(r"(?:read|continue|see)\s(?:more|the\sfull\s(?:story|article))\W*$", re.IGNORECASE)


def _furniture(text: str, supported: bool, places: dict[str, list[Any]], inside: bool) -> bool:
    """Whether there is evidence that a paragraph of trafilatura's body is furniture."""
    found = find_place(places, text)
    if is_site_notice(text):
        return True
    if supported:  # readability has it too: only the box right around it counts (a newsletter box), or a menu
        return furniture_place(found, near_only=True) or is_navigation(text)
    if is_furniture(text) or furniture_place(found):
        return True
    # Past the body's start, text that starts no block of the page (a script's, a widget's) is not
    # the article; before it, it may be a standfirst trafilatura joined to the first paragraph.
    return inside and bool(places) and not found


FAR = 5  # levels up from a paragraph to the first block that holds the agreed body


def _drop_far_tail(main: list[Block], supported: list[bool], drop: list[bool], places: dict[str, list[Any]]) -> None:
    """Marks what only trafilatura keeps past the body's last agreed paragraph when, in the page,
    it sits far from the body: a box in another column or the page's foot. A body's next block
    (after an ad or an embed) shares a near parent with it."""
    agreed = [i for i, ok in enumerate(supported) if ok and main[i][0] == "p"]
    if not agreed or not places:
        return
    holders: set[int] = set()
    for i in agreed:
        for el in innermost(find_place(places, main[i][1]) or []):
            holders.update(id(a) for a in el.iterancestors())
    if not holders:
        return
    for i in range(agreed[-1] + 1, len(main)):
        found = innermost(find_place(places, main[i][1]) or [])
        if supported[i] or not found:
            continue
        if all(_levels_up(el, holders) >= FAR for el in found):
            drop[i] = True


def _levels_up(el: Any, holders: set[int]) -> int:
    return next((n for n, a in enumerate(el.iterancestors(), 1) if id(a) in holders), FAR)
