"""An HTML page's metadata: title, author, publication date, language and canonical URL,
from JSON-LD, <meta> tags and <time> elements, keeping the time zone the page gives;
trafilatura's metadata fills what they lack."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from ...models import Article
from ...text.dates import When, parse_when
from ...text.tidy import tidy_line
from ..bylines import author_names, join_names, parse_byline

_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)", re.IGNORECASE)


def as_dict(doc: Any) -> dict[str, Any]:
    """trafilatura's result as a dict: a Document in 2.x, a dict in 1.x."""
    if doc is None:
        return {}
    return doc if isinstance(doc, dict) else doc.as_dict()


def read_metadata(tree: Any, doc: Any = None, *, url: str | None = None) -> dict[str, Any]:
    """Title, author, publication date, language and canonical URL of a parsed page."""
    traf = as_dict(doc)
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


def article_body(tree: Any) -> str | None:
    """The longest JSON-LD ``articleBody`` on the page: the publisher's own copy of the text,
    sometimes whole, sometimes cut short or a summary."""
    if tree is None:
        return None
    bodies = [item.get("articleBody") for item in _json_ld(tree)]
    return max((b for b in bodies if isinstance(b, str) and b.strip()), key=len, default=None)


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


# Where a page's <title> joins the headline to the site's name: "Headline | Site", and where a
# headline may be joined to it ("Site: Headline") or hold one itself ("Ferry Week: more boats").
_SITE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\u203a\u00bb~-]+\s+")
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014\u203a\u00bb:~-]+\s+|:\s+|\s+:+")
_WORDS = re.compile(r"\w+")


def _title(tree: Any, ld: list[dict], traf: dict) -> str | None:
    """The headline. A heading on the page that the <title> repeats is the surest sign of it:
    a blog's theme can give its site name, a comment form's heading ("Leave a Reply") or a
    sharing box's ("Share this:") the same prominence. Then what the page declares (JSON-LD,
    Open Graph, unless it is the site's name), the page's only h1, trafilatura's title when
    the <title> holds it, and the longest part of the <title>."""
    page_title = tidy_line(tree.findtext(".//title") or "")
    heading = _heading_in_title(tree, page_title)
    if heading:
        return heading
    for value in (i.get("headline") for i in _ld_articles(ld)):
        if isinstance(value, str) and tidy_line(value):
            return tidy_line(value)
    site = _key(_first_meta(tree, ["og:site_name", "application-name"]) or "")
    value = _first_meta(tree, ["og:title", "twitter:title"])
    if value and tidy_line(value) and _key(value) != site:
        return tidy_line(value)
    h1s = [h for h in tree.xpath("//h1") if _key(h.text_content()) and not _links_home(h)]
    if len(h1s) == 1:
        return tidy_line(h1s[0].text_content())
    parts = [p for p in _SITE_SEPARATOR.split(page_title) if _key(p) not in ("", site)]
    traf_title = traf.get("title")
    traf_title = tidy_line(traf_title) if isinstance(traf_title, str) else ""
    # trafilatura falls back on any h2 or h3 ("Cancel reply") when nothing else names the page
    if _key(traf_title) not in ("", site) and (
        not page_title or any(_key(traf_title) == _key(p) for p in [page_title, *parts])
    ):
        return traf_title
    if parts:
        return tidy_line(max(parts, key=lambda p: len(_key(p))))
    return traf_title or None


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _heading_in_title(tree: Any, page_title: str) -> str | None:
    """The longest h1-h3 whose words are the <title>'s, or a run of its parts', leaving out a
    heading that links to the site's front page (its name). Failing one of three words or
    more, a heading that starts with a part of four words or more (the <title> was cut
    short), or one that holds a part of three or more after a kicker ("Sidelines Headline of
    the day"), which is then the headline. A match of one or two words ("Health", a section's
    name) comes last, and yields to the page's only h1."""
    if not page_title:
        return None
    pieces = _TITLE_PARTS.split(page_title)
    parts = [_key(p) for p in pieces]
    # any run of parts: the headline may itself hold a colon or a dash
    keys = {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)} - {""}
    headings = [(tidy_line(el.text_content()), el.tag) for el in tree.xpath("//h1|//h2|//h3") if not _links_home(el)]
    headings = [(text, _key(text), tag) for text, tag in headings if _key(text)]
    exact = [text for text, key, _ in headings if key in keys]
    best = max(exact, key=lambda text: (len(_key(text).split()), len(text)), default=None)
    if best and len(_key(best).split()) >= 3:
        return best
    for text, key, _ in headings:
        for piece, part in zip(pieces, parts, strict=True):
            words = len(part.split())
            if words >= 4 and key.startswith(part):
                return text
            if words >= 3 and key.endswith(" " + part):
                return tidy_line(piece)
    h1s = [key for _, key, tag in headings if tag == "h1"]
    return None if len(h1s) == 1 and len(h1s[0].split()) >= 3 else best


def _links_home(el: Any) -> bool:
    """A heading that is a link to the site's front page ("/", "https://example.com/")."""
    hrefs = el.xpath(".//a/@href | ancestor::a[1]/@href")
    return bool(hrefs) and all(re.fullmatch(r"(?:(?:https?:)?//[^/]+)?/?(?:index\.\w+)?", h.strip()) for h in hrefs)


def _meta_language(tree: Any) -> str | None:
    lang = tree.get("lang") if tree.tag == "html" else None
    lang = lang or _first_meta(tree, ["content-language", "og:locale", "language"])
    return lang.replace("_", "-").split(",")[0].strip() if lang else None


def lang_attr(html: str) -> str | None:
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


def byline_author(article: Article) -> str | None:
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
