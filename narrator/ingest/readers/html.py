"""HTML pages: the article body where two extractors agree, and the page's metadata.

trafilatura finds the body and keeps its structure (headings, lists, tables). Its output
is then checked against a readability-style extractor (trafilatura's own fork): when
readability's text lies inside trafilatura's, trafilatura's extra paragraphs are page
furniture (related links, sidebars, teasers) and are dropped. When the two disagree,
jusText decides. A page never ends without text while it has some: the fallbacks are
readability, jusText, the longest run of <p> text, then all the visible text.

Metadata comes from JSON-LD, <meta> tags and <time> elements, keeping the time zone the
page gives; trafilatura's metadata fills what they lack.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ...errors import IngestError
from ...models import Article, Section
from ...text.dates import When, parse_when
from ...text.tidy import tidy_line
from ..bylines import author_names, join_names, parse_byline

Block = tuple[str, str]  # ("head" | "p", text)
_SPACE = re.compile(r"\s+")

_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)", re.IGNORECASE)
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
        language=meta.get("language") or _lang_attr(html),
        url=url or meta.get("url"),
        source=source,
        format="html",
    )
    body = _body_blocks(html, doc, tree, language=article.language)
    for blocks in body:
        candidate = replace(article, sections=tuple(sections_from_blocks(blocks, title)))
        if _readable(candidate):
            break
    if article.author is None:
        candidate = replace(candidate, author=_byline_author(candidate))
    return candidate


def _readable(article: Article) -> bool:
    """True when narrator's clean stage leaves text to read."""
    from ..clean import clean_article  # clean imports the readers: import late

    try:
        clean_article(article)
    except IngestError:
        return False
    return True


def _body_blocks(html: str, doc: Any, tree: Any, *, language: str | None) -> Iterator[list[Block]]:
    """Bodies to try in order: the agreed body, then ever blunter fallbacks."""
    body = _as_dict(doc).get("body")
    main = tree_blocks(body) if body is not None else []
    other = _lazy(lambda: readability_blocks(html))
    third = _lazy(lambda: justext_blocks(html, language))
    yield agree(main, other, third)
    yield main
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


def _as_dict(doc: Any) -> dict[str, Any]:
    """trafilatura's result as a dict: a Document in 2.x, a dict in 1.x."""
    if doc is None:
        return {}
    return doc if isinstance(doc, dict) else doc.as_dict()


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


def agree(main: list[Block], other: Callable[[], list[Block]], third: Callable[[], list[Block]]) -> list[Block]:
    """``main`` without the paragraphs the other extractors say are not the article.

    - ``other`` inside ``main``: ``main`` found the article plus furniture; keep what both have.
    - the two disjoint: one picked the wrong block; ``third`` says which.
    - otherwise: keep ``main``'s paragraphs that ``other`` or ``third`` also found.

    Headings stay: a section whose paragraphs all go takes its heading with it.
    """
    second = other()
    inside, n_second = _coverage(second, main)
    if n_second < MIN_OTHER_TOKENS:
        return main
    outside, _ = _coverage(main, second)
    if inside < DISJOINT and outside < DISJOINT:
        referee = third()
        if _coverage(second, referee)[0] >= SUPPORTED and _coverage(main, referee)[0] < DISJOINT:
            return second
        return main
    keep = _all_shingles(second)
    if inside < CONTAINED:
        keep |= _all_shingles(third())
    return [(kind, text) for kind, text in main if kind == "head" or _supported(text, keep)]


# --------------------------------------------------------------------------- blocks


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
    text = tidy_line("".join(el.itertext()))
    if text:
        yield ("head", text)


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


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_BLOCKS = frozenset(
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
    if tag in _HEADINGS:
        yield from _flush(buf)
        yield from _heading(el)
        return
    block = tag in _HTML_BLOCKS
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


def sections_from_blocks(blocks: list[Block], title: str | None) -> list[Section]:
    """A heading starts a section; a heading that only repeats the title is dropped."""
    sections: list[Section] = []
    head: str | None = None
    paragraphs: list[str] = []
    for kind, text in blocks:
        if kind == "p":
            paragraphs.append(text)
            continue
        if paragraphs:
            sections.append(Section(title=head, paragraphs=tuple(paragraphs)))
        head, paragraphs = (None if _same_text(text, title) else text), []
    if paragraphs:
        sections.append(Section(title=head, paragraphs=tuple(paragraphs)))
    return sections


def _same_text(heading: str | None, title: str | None) -> bool:
    """The heading is the title, or the title without the site name a <title> adds."""
    if not heading or not title:
        return False
    mine, theirs = _TOKEN.findall(heading.lower()), _TOKEN.findall(title.lower())
    return mine == theirs or (len(mine) >= 3 and theirs[: len(mine)] == mine)


# --------------------------------------------------------------------------- metadata


def read_metadata(tree: Any, doc: Any = None, *, url: str | None = None) -> dict[str, Any]:
    """Title, author, publication date, language and canonical URL of a parsed page."""
    traf = _as_dict(doc)
    if tree is None:  # lxml could not read the page: only what trafilatura found
        return {
            "title": traf.get("title"),
            "author": join_names(author_names(traf.get("author"))),
            "published": parse_when(_trafilatura_date(traf.get("date"))),
            "language": traf.get("language"),
            "url": url or traf.get("url"),
        }
    ld = list(_json_ld(tree))
    return {
        "title": _title(tree, ld, traf),
        "author": _author(tree, ld, traf),
        "published": published(tree, ld, _trafilatura_date(traf.get("date"))),
        "language": traf.get("language") or _meta_language(tree),
        "url": url or traf.get("url") or _first_meta(tree, ["og:url"]),
    }


def _trafilatura_date(value: str | None) -> str | None:
    """htmldate's day, unless it is 1 January: what it says when it found only a year,
    often from a copyright line."""
    return None if not value or value.endswith("-01-01") else value


def _json_ld(tree: Any) -> Iterator[dict]:
    """Every JSON-LD object on the page, @graph members included."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "", strict=False)  # raw newlines in strings are common
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


_LD_RANKS = (
    re.compile(r"article|posting|report|story", re.IGNORECASE),
    re.compile(r"webpage|creativework", re.IGNORECASE),
)


def _ld_articles(ld: list[dict]) -> list[dict]:
    """JSON-LD objects, articles first, then web pages, then the rest (in page order)."""

    def rank(item: dict) -> int:
        kinds = item.get("@type")
        kinds = [k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]
        return next((i for i, p in enumerate(_LD_RANKS) if any(p.search(k) for k in kinds)), len(_LD_RANKS))

    return sorted(ld, key=rank)


def _metas(tree: Any) -> dict[str, list[str]]:
    """<meta> contents by lowercased name, property or itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, []).append(content)
    return found


def _first_meta(tree: Any, keys: list[str]) -> str | None:
    metas = _metas(tree)
    for key in keys:
        if metas.get(key):
            return metas[key][0]
    return None


def _title(tree: Any, ld: list[dict], traf: dict) -> str | None:
    for value in (traf.get("title"), *(i.get("headline") for i in _ld_articles(ld))):
        if isinstance(value, str) and tidy_line(value):
            return tidy_line(value)
    value = _first_meta(tree, ["og:title", "twitter:title"])
    if value:
        return tidy_line(value)
    for xpath in ("//h1", "//title"):
        found = tree.xpath(xpath)
        if found and tidy_line(found[0].text_content()):
            return tidy_line(found[0].text_content())
    return None


def _meta_language(tree: Any) -> str | None:
    lang = tree.get("lang") if tree.tag == "html" else None
    lang = lang or _first_meta(tree, ["content-language", "og:locale", "language"])
    return lang.replace("_", "-").split(",")[0].strip() if lang else None


def _lang_attr(html: str) -> str | None:
    match = _LANG.search(html[:5000])
    return match.group(1) if match else None


# --- authors

_AUTHOR_METAS = ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator")


def _author(tree: Any, ld: list[dict], traf: dict) -> str | None:
    sources: list[Any] = [i.get("author") or i.get("creator") for i in _ld_articles(ld)]
    metas = _metas(tree)
    for key in _AUTHOR_METAS:
        sources.extend(metas.get(key, []))
    sources.append(traf.get("author"))
    for value in sources:
        joined = join_names(author_names(value))
        if joined:
            return joined
    return None


def _byline_author(article: Article) -> str | None:
    """A byline in the first paragraphs ("By Jane Doe"), when the metadata named nobody."""
    for paragraph in article.paragraphs[:3]:
        if len(paragraph.split()) <= 20:
            found = parse_byline(paragraph)
            if found:
                return join_names(author_names(found))
    return None


# --- publication date

# Metas named for the publication time, most specific first. A bare "date" meta is weaker:
# some sites put the time the page was rendered there, so <time> elements come before it.
_PUBLISHED_METAS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
)
_WEAK_METAS = ("dc.date", "dcterms.date", "date", "citation_publication_date")
_PUBLISHED_XPATHS = (
    '//*[@itemprop="datePublished"]/@datetime',
    '//*[@itemprop="datePublished"]/@content',
    # WordPress marks the post's own date by class and also puts pubdate on comment times
    '//time[contains(@class, "published") or contains(@class, "entry-date") or contains(@class, "post-date")]'
    "/@datetime",
    "//time[@pubdate]/@datetime",
    '//abbr[contains(concat(" ", @class, " "), " published ")]/@title',
)
def published(tree: Any, ld: list[dict], fallback: str | None = None) -> When | None:
    """The publication date: JSON-LD, then <meta>, then <time>, then ``fallback`` (a date).

    The first source wins; but when it gives only a day and a later one gives a time on
    that day, the time is kept.
    """
    found = [v for v in (parse_when(t) for t in _date_texts(tree, ld, fallback)) if v is not None]
    if not found:
        return None
    first = found[0]
    if not isinstance(first, dt.datetime):
        for value in found[1:]:
            if isinstance(value, dt.datetime) and value.date() == first:
                return value
    return first


def _date_texts(tree: Any, ld: list[dict], fallback: str | None) -> Iterator[str]:
    for item in _ld_articles(ld):
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(item.get(key), str):
                yield item[key]
    metas = _metas(tree)
    for key in _PUBLISHED_METAS:
        yield from metas.get(key, [])
    for xpath in _PUBLISHED_XPATHS:
        yield from (str(v) for v in tree.xpath(xpath)[:1])
    for key in _WEAK_METAS:
        yield from metas.get(key, [])
    yield from (str(v) for v in tree.xpath("//article//time/@datetime")[:1])
    lone = tree.xpath("//time/@datetime")
    if len(lone) == 1:  # one <time> on the page; several could be comments or related stories
        yield str(lone[0])
    if fallback:
        yield fallback
