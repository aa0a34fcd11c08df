"""What a source lists: RSS 2.0 (and 1.0), Atom, JSON Feed, sitemaps (news tags read,
indexes listing other sitemaps) and plain lists of article URLs, one a line; told apart
by their content, never by a name or a Content-Type a server may get wrong.

XML is parsed by lxml with no entity resolution, no DTD and no network, and a document
that declares entities is refused before parsing: feeds have no use for them, and they
are how a hostile document grows a few bytes into gigabytes. Any bytes give a Listing or
one SourceError naming the source and the reason, never another exception.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import SourceError

#: The sitemap protocol's own limit on the URLs in one file, and on a sitemap index's sitemaps.
MAX_ITEMS = 50_000
KINDS = ("rss", "atom", "json", "sitemap", "sitemap-index", "urls")
#: What each kind is called in messages.
NAMES = {
    "rss": "an RSS feed",
    "atom": "an Atom feed",
    "json": "a JSON Feed",
    "sitemap": "a sitemap",
    "sitemap-index": "a sitemap index",
    "urls": "a list of URLs",
}
#: Kinds a source may be expected to be: one of KINDS, or "feed" for any feed.
EXPECTED = {**{k: (k,) for k in KINDS}, "feed": ("rss", "atom", "json"), "sitemap": ("sitemap", "sitemap-index")}

_ATOM = "{http://www.w3.org/2005/Atom}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_HTML = re.compile(rb"<(?:!doctype\s+html|html[\s>])", re.I)
_START_TAG = re.compile(rb"<[A-Za-z_]")


@dataclass(frozen=True, kw_only=True)
class Item:
    """One article a source lists."""

    url: str
    #: What the source knows it by: its guid or id, else its URL.
    key: str
    title: str | None = None
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    categories: tuple[str, ...] = ()
    #: A digest of what the source says about the article: when it changes, the
    #: article is looked at again.
    digest: str = ""

    @property
    def when(self) -> dt.datetime | None:
        return self.updated or self.published


@dataclass(frozen=True, kw_only=True)
class Listing:
    """A source's content: its articles, or for a sitemap index the sitemaps it lists."""

    kind: str
    items: tuple[Item, ...] = ()
    sitemaps: tuple[str, ...] = ()


def _fail(name: str, reason: str) -> SourceError:
    reason = " ".join(reason.split())
    return SourceError(f"{name}: {reason[:200]}")


def _inflate(data: bytes, name: str, max_bytes: int) -> bytes:
    """A gzipped sitemap (``sitemap.xml.gz``) unpacked, no larger than ``max_bytes``."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise _fail(name, f"damaged gzip data ({exc})") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise _fail(name, f"larger than {max_bytes} bytes unpacked")
    return out


def read_listing(
    data: bytes, *, name: str, base: str | None = None, expected: str | None = None, max_bytes: int = 50_000_000
) -> Listing:
    """The articles ``data`` lists (``name`` is the source, for errors; ``base`` the URL
    relative links are resolved against); SourceError if it is none of the kinds, is
    damaged or too large, or is not the kind ``expected`` ("rss", "feed", "sitemap"...)."""
    if data[:2] == b"\x1f\x8b":
        data = _inflate(data, name, max_bytes)
    if len(data) > max_bytes:
        raise _fail(name, f"larger than {max_bytes} bytes")
    data = data.removeprefix(b"\xef\xbb\xbf")
    head = data.lstrip()[:1]
    if not head:
        raise _fail(name, "empty; expected a feed, a sitemap or a list of URLs")
    if head == b"{":
        listing = _json_feed(data, name, base)
    elif head == b"<":
        listing = _xml(data, name, base)
    else:
        listing = _url_list(data, name, base)
    if expected and listing.kind not in EXPECTED.get(expected, (expected,)):
        wanted = "a feed" if expected == "feed" else NAMES.get(expected, expected)
        raise _fail(name, f"{NAMES[listing.kind]}, not {wanted} as expected")
    if len(listing.items) > MAX_ITEMS or len(listing.sitemaps) > MAX_ITEMS:
        raise _fail(name, f"lists more than {MAX_ITEMS} entries")
    return listing


# -- values ---------------------------------------------------------------------------------
def _date(text: str | None) -> dt.datetime | None:
    """A date as feeds write it (RFC 822 in RSS, ISO 8601 elsewhere), in UTC if it has
    no zone; None when it isn't one."""
    text = (text or "").strip()
    if not text or len(text) > 64:
        return None
    when: dt.datetime | None = None
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _link(value: str | None, base: str | None) -> str | None:
    """An absolute http(s) URL, or None."""
    value = (value or "").strip()
    if not value or len(value) > 4096 or " " in value or not value.isprintable():
        return None
    try:
        url = urljoin(base, value) if base else value
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def _digest(*parts: Any) -> str:
    text = "\x1f".join("" if p is None else p.isoformat() if isinstance(p, dt.datetime) else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _item(url: str | None, key: str | None, title: str | None, published: dt.datetime | None,
          updated: dt.datetime | None, categories: Iterable[str], content: str | None) -> Item | None:  # fmt: skip
    if not url:
        return None
    title = " ".join((title or "").split()) or None
    cats = tuple(dict.fromkeys(c for c in (" ".join(c.split()) for c in categories) if c))
    key = (key or "").strip() or url
    return Item(url=url, key=key[:2048], title=title, published=published, updated=updated, categories=cats,
                digest=_digest(url, title, published, updated, "\x1e".join(cats), content))  # fmt: skip


# -- XML -------------------------------------------------------------------------------------
def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=False)  # fmt: skip


def _is_html(head: bytes) -> bool:
    """Whether a document starts as an HTML page does, after any comments."""
    head = head.lstrip()
    while head.startswith(b"<!--"):
        end = head.find(b"-->", 4)
        if end < 0:
            return False
        head = head[end + 3 :].lstrip()
    return _HTML.match(head) is not None


def _xml(data: bytes, name: str, base: str | None) -> Listing:
    from lxml import etree

    if _is_html(data[:4096]):
        raise _fail(name, "an HTML page, not a feed, a sitemap or a list of URLs")
    start = _START_TAG.search(data)
    if b"<!ENTITY" in data[: start.start() if start else len(data)].upper():
        raise _fail(name, "declares XML entities, which no feed or sitemap needs; not read")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _fail(name, f"malformed XML: {exc}") from None
    except (etree.LxmlError, ValueError, LookupError, MemoryError) as exc:  # an unknown encoding, say
        raise _fail(name, f"can't be read as XML: {exc}") from None
    if root is None or not isinstance(root.tag, str):
        raise _fail(name, "no XML document")
    tag = root.tag
    if tag == "rss":
        return Listing(kind="rss", items=_items(_rss_items(root.find("channel"), base)))
    if tag == f"{_RDF}RDF":
        return Listing(kind="rss", items=_items(_rss_items(root, base, ns=_RSS1)))
    if tag == f"{_ATOM}feed":
        return Listing(kind="atom", items=_items(_atom_entries(root, base)))
    if tag in (f"{_SITEMAP}urlset", "urlset"):
        return Listing(kind="sitemap", items=_items(_sitemap_urls(root, base)))
    if tag in (f"{_SITEMAP}sitemapindex", "sitemapindex"):
        found = (_link(_text(s, "loc", _SITEMAP), base) for s in _children(root, "sitemap", _SITEMAP))
        return Listing(kind="sitemap-index", sitemaps=tuple(dict.fromkeys(url for url in found if url)))
    if etree.QName(tag).localname.lower() == "html":
        raise _fail(name, "an HTML page, not a feed, a sitemap or a list of URLs")
    raise _fail(name, f"XML, but not a feed or a sitemap (its root is <{etree.QName(tag).localname}>)")


def _items(found: Iterable[Item | None]) -> tuple[Item, ...]:
    """The items with a link, the first of each key, at most one more than the limit (so
    a listing over it is refused without reading all of it)."""
    seen: dict[str, Item] = {}
    for item in found:
        if item is not None and item.key not in seen:
            seen[item.key] = item
            if len(seen) > MAX_ITEMS:
                break
    return tuple(seen.values())


def _children(node: Any, tag: str, ns: str = "") -> Iterator[Any]:
    """``node``'s child elements named ``tag`` (in namespace ``ns``, or in none)."""
    if node is None:
        return
    for child in node:
        if isinstance(child.tag, str) and child.tag in (ns + tag, tag):
            yield child


def _text(node: Any, tag: str, ns: str = "") -> str | None:
    child = next(_children(node, tag, ns), None)
    if child is None:
        return None
    return "".join(child.itertext()).strip() or None


def _rss_items(channel: Any, base: str | None, ns: str = "") -> Iterator[Item | None]:
    for node in _children(channel, "item", ns):
        guid_node = next(_children(node, "guid", ns), None)
        guid = "".join(guid_node.itertext()).strip() if guid_node is not None else None
        permalink = guid_node is not None and (guid_node.get("isPermaLink") or "true").strip().lower() == "true"
        link = _link(_text(node, "link", ns), base) or (_link(guid, base) if permalink else None)
        link = link or _link(node.get(f"{_RDF}about"), base)
        published = _date(_text(node, "pubDate", ns) or _text(node, "date", _DC))
        updated = _date(_text(node, "updated", _ATOM) or _text(node, "modified", "{http://purl.org/dc/terms/}"))
        categories = [*("".join(c.itertext()) for c in _children(node, "category", ns)),
                      *("".join(c.itertext()) for c in _children(node, "subject", _DC))]  # fmt: skip
        content = _text(node, "encoded", _CONTENT) or _text(node, "description", ns)
        yield _item(link, guid, _text(node, "title", ns), published, updated, categories, content)


def _atom_link(entry: Any, base: str | None) -> str | None:
    fallback = None
    for link in _children(entry, "link", _ATOM):
        rel = (link.get("rel") or "alternate").strip()
        href = _link(link.get("href"), base)
        page = (link.get("type") or "text/html").startswith(("text/html", "application/xhtml"))
        if rel == "alternate" and href and page:
            return href
        fallback = fallback or (href if rel == "alternate" else None)
    return fallback


def _atom_entries(feed: Any, base: str | None) -> Iterator[Item | None]:
    base = _link(feed.get("{http://www.w3.org/XML/1998/namespace}base"), base) or base
    for entry in _children(feed, "entry", _ATOM):
        categories = [c.get("term") or c.get("label") or "" for c in _children(entry, "category", _ATOM)]
        content = _text(entry, "content", _ATOM) or _text(entry, "summary", _ATOM)
        yield _item(_atom_link(entry, base), _text(entry, "id", _ATOM), _text(entry, "title", _ATOM),
                    _date(_text(entry, "published", _ATOM)), _date(_text(entry, "updated", _ATOM)), categories,
                    content)  # fmt: skip


def _sitemap_urls(urlset: Any, base: str | None) -> Iterator[Item | None]:
    for node in _children(urlset, "url", _SITEMAP):
        url = _link(_text(node, "loc", _SITEMAP), base)
        news = next(_children(node, "news", _NEWS), None)
        title = _text(news, "title", _NEWS) if news is not None else None
        published = _date(_text(news, "publication_date", _NEWS)) if news is not None else None
        keywords = (_text(news, "keywords", _NEWS) or "").split(",") if news is not None else []
        lastmod = _date(_text(node, "lastmod", _SITEMAP))
        yield _item(url, url, title, published, lastmod, keywords, None)


# -- JSON Feed -------------------------------------------------------------------------------
def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _json_feed(data: bytes, name: str, base: str | None) -> Listing:
    try:
        feed = json.loads(data)
    except (ValueError, RecursionError) as exc:  # a UnicodeDecodeError is a ValueError
        raise _fail(name, f"malformed JSON: {exc}") from None
    version = _string(feed.get("version")) if isinstance(feed, dict) else None
    if not version or not version.startswith("https://jsonfeed.org/version/"):
        raise _fail(name, "JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = feed.get("items")
    if not isinstance(items, list):
        raise _fail(name, "a JSON Feed without a list of items")
    base = _link(_string(feed.get("feed_url")), base) or base

    def read() -> Iterator[Item | None]:
        for entry in items:
            if not isinstance(entry, dict):
                continue
            tags = entry.get("tags")
            categories = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
            key = entry.get("id")
            key = str(key) if isinstance(key, str | int) and not isinstance(key, bool) else None
            content = _string(entry.get("content_html")) or _string(entry.get("content_text"))
            yield _item(_link(_string(entry.get("url")), base), key, _string(entry.get("title")),
                        _date(_string(entry.get("date_published"))), _date(_string(entry.get("date_modified"))),
                        categories, content or _string(entry.get("summary")))  # fmt: skip

    return Listing(kind="json", items=_items(read()))


# -- a list of URLs ---------------------------------------------------------------------------
def _url_list(data: bytes, name: str, base: str | None) -> Listing:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _fail(name, "not UTF-8 text; expected a feed, a sitemap or a list of URLs") from None
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = _link(line, None)  # absolute: a word on a line is not a link
        if url is None:
            shown = line if len(line) <= 40 else line[:37] + "..."
            raise _fail(name, f"line {number} ({shown!r}) is not an http(s) URL; expected a feed, a sitemap "
                              "or a list of article URLs, one a line")  # fmt: skip
        urls.append(_item(url, url, None, None, None, (), None))
    return Listing(kind="urls", items=_items(urls))
