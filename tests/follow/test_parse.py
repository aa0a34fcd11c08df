"""What a source lists, read from its content whatever it is called: RSS, Atom, JSON Feed,
news sitemaps and their indexes, gzipped sitemaps, lists of URLs. Anything else, damaged
or hostile, is one SourceError naming the source, never a traceback or a hang."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip

import pytest
from helpers.newsroom import NewsSite
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from narrator.errors import SourceError
from narrator.follow.parse import read_listing
from narrator.follow.source import make_source

BASE = "http://127.0.0.1:9/"


@pytest.fixture(scope="module")
def newsroom():
    made = NewsSite()
    made.stories[1].updated = made.stories[1].published + dt.timedelta(hours=2)
    yield made
    made.close()


@pytest.mark.parametrize(("make", "kind"), [("rss", "rss"), ("atom", "atom"), ("json_feed", "json"),
                                            ("news_sitemap", "sitemap"), ("url_list", "urls")])  # fmt: skip
def test_every_kind_of_source_lists_the_same_articles(newsroom, make, kind):
    listing = read_listing(getattr(newsroom, make)().encode(), name="source", base=newsroom.base)
    assert listing.kind == kind
    assert [i.url for i in listing.items] == [newsroom.url(s) for s in newsroom.newest_first()]
    if kind != "urls":
        assert [i.title for i in listing.items] == [s.title for s in newsroom.newest_first()]
        assert [i.published for i in listing.items] == [s.published for s in newsroom.newest_first()]
        assert listing.items[1].updated == newsroom.stories[1].updated
        assert listing.items[0].categories == tuple(newsroom.newest_first()[0].categories)


def test_an_item_is_known_by_its_guid_or_id_and_its_entry_changes_with_what_the_feed_says(newsroom):
    atom = read_listing(newsroom.atom().encode(), name="atom")
    assert atom.items[-1].key == "tag:courier,2025:harbour-ferry-returns-after-winter-repairs"
    before = {i.key: i.digest for i in atom.items}
    title = newsroom.stories[0].title
    newsroom.stories[0].title = "Harbour ferry is back after winter repairs"
    try:
        after = {i.key: i.digest for i in read_listing(newsroom.atom().encode(), name="atom").items}
    finally:
        newsroom.stories[0].title = title
    assert [k for k in before if before[k] != after[k]] == [atom.items[-1].key]


def test_a_sitemap_index_lists_its_sitemaps_and_a_gzipped_sitemap_is_read():
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>/sitemaps/news.xml</loc></sitemap><sitemap><loc>https://b.example/s.xml.gz</loc>"
             b"</sitemap></sitemapindex>")  # fmt: skip
    listing = read_listing(index, name="index", base="https://a.example/sitemap.xml")
    assert listing.kind == "sitemap-index"
    assert listing.sitemaps == ("https://a.example/sitemaps/news.xml", "https://b.example/s.xml.gz")
    plain = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/1</loc></url></urlset>'
    assert [i.url for i in read_listing(gzip.compress(plain), name="s.xml.gz").items] == ["https://a.example/1"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss><channel><item><title>Half a feed", "malformed XML"),
        (b"<!doctype html><html><body><p>Our news</p></body></html>", "an HTML page, not a feed"),
        (b'<?xml version="1.0"?><config><item/></config>', "not a feed or a sitemap (its root is <config>)"),
        (b'{"items": []}', "JSON, but not a JSON Feed"),
        (b"{not json", "malformed JSON"),
        (b"https://a.example/1\nthe next story\n", "line 2 ('the next story') is not an http(s) URL"),
        (b"   \n", "empty"),
        (gzip.compress(b"<rss>" + b" " * 3000 + b"</rss>", mtime=0), "larger than 2000 bytes unpacked"),
        (b"\x1f\x8bnot gzip at all", "damaged gzip data"),
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
         b"<rss><channel><item><title>&b;</title></item></channel></rss>", "declares XML entities"),
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>',
         "declares XML entities"),
    ],
)  # fmt: skip
def test_what_is_not_a_source_is_one_line_naming_it_and_the_reason(data, reason):
    with pytest.raises(SourceError) as caught:
        read_listing(data, name="https://news.example/feed", max_bytes=2000)
    message = str(caught.value)
    assert message.startswith("https://news.example/feed: ")
    assert reason in message
    assert "\n" not in message


def test_a_source_of_another_kind_than_expected_is_refused(newsroom):
    with pytest.raises(SourceError, match="source: a sitemap, not a feed as expected"):
        read_listing(newsroom.news_sitemap().encode(), name="source", expected="feed")
    with pytest.raises(SourceError, match="source: an Atom feed, not an RSS feed as expected"):
        read_listing(newsroom.atom().encode(), name="source", expected="rss")
    assert read_listing(newsroom.atom().encode(), name="source", expected="feed").kind == "atom"


def test_items_without_a_web_link_are_left_out():
    rss = (b"<rss><channel><item><title>a</title><link>javascript:alert(1)</link></item>"
           b"<item><title>b</title><link>/news/b.html</link></item>"
           b"<item><title>c</title></item></channel></rss>")  # fmt: skip
    assert [i.url for i in read_listing(rss, name="feed", base="https://a.example/feed").items] == [
        "https://a.example/news/b.html"
    ]


def test_a_source_filters_by_category_tag_and_url_pattern(newsroom):
    items = read_listing(newsroom.rss().encode(), name="rss").items
    by_title = {i.title.split()[0]: i for i in items}
    transport = make_source({"url": "https://x.example/f", "categories": ["transport"],
                             "exclude_urls": ["*/council-*"]})  # fmt: skip
    assert transport.wants(by_title["Harbour"]) is None
    assert transport.wants(by_title["Library"]) == "not in transport"
    assert transport.wants(by_title["Council"]) == "its URL matches */council-*"


# -- hostile input ---------------------------------------------------------------------------
_XMLISH = st.lists(
    st.sampled_from(["<rss>", "</rss>", "<channel>", "<item>", "</item>", "<link>", "</link>", "http://a.example/x",
                     "<title>", "</title>", "&amp;", "&", "<![CDATA[", "]]>", "<!--", "-->", "<?xml version='1.0'?>",
                     '<feed xmlns="http://www.w3.org/2005/Atom">', "<entry>", "<urlset>", "<url><loc>", "<!DOCTYPE x>",
                     "<!ENTITY", '"', "\x00", "\ufeff", "é", "{", '"items":', "[", "]", "}", "\n"]),
    max_size=40,
).map("".join)  # fmt: skip


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400) | _XMLISH.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_a_listing_or_one_source_error(data):
    try:
        listing = read_listing(data, name="feed", base=BASE, max_bytes=100_000)
    except SourceError as exc:
        assert str(exc).startswith("feed: ") and "\n" not in str(exc)
        return
    for item in listing.items:
        assert item.url.startswith(("http://", "https://"))


@hsettings(max_examples=50, deadline=None)
@given(depth=st.integers(min_value=1, max_value=100_000), kind=st.sampled_from(["json", "xml"]))
def test_deep_nesting_is_refused_or_read_not_a_crash(depth, kind):
    data = (b"[" * depth + b"]" * depth) if kind == "json" else (b"<a>" * depth + b"</a>" * depth)
    if kind == "json":
        data = b'{"version": "https://jsonfeed.org/version/1", "items": ' + data + b"}"
    with contextlib.suppress(SourceError):
        read_listing(data, name="feed", max_bytes=1_000_000)
