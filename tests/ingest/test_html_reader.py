"""Tests for the HTML reader, on pages written for these tests."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from narrator.errors import IngestError
from narrator.ingest.bylines import author_names
from narrator.ingest.clean import clean_article
from narrator.ingest.readers import html as reader
from narrator.text.dates import parse_when

read_html = reader.read_html

UTC = dt.UTC
PLUS2 = dt.timezone(dt.timedelta(hours=2))

STORY = [
    "The ferry between Halden Point and the island of Skarv will run every half hour from May, "
    "the harbour board said on Tuesday, after a year in which queues stretched past the fish market.",
    "The board has leased a second boat, the Marit, from an operator on the north coast. It carries "
    "forty cars and three hundred passengers and will make the crossing in twenty-two minutes.",
    "Islanders have asked for more sailings since the old timetable was cut during repairs to the "
    "pier. A petition signed by more than two thousand people was handed to the board in March.",
    "Fares will not change this year, but the board said it would review them in the autumn once "
    "it knows how many people use the extra crossings on weekday evenings.",
    "Work on a new waiting room at the mainland terminal is due to start in June. Until it opens, "
    "passengers will wait in a heated marquee beside the ticket office.",
    "The harbour master, Ingrid Solvang, said the new timetable would be tested for six weeks "
    "before the summer season, when traffic to the island usually doubles.",
]


def page(
    body: str,
    *,
    head: str = "",
    title: str = "Ferry to run every half hour",
    lang: str = "en",
    extra: str = "",
) -> str:
    """A news page: site furniture around an <article> holding ``body``."""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Coast Courier</title>{head}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a></nav></header>
<main><article><h1>{title}</h1>
{body}
</article></main>
<aside><h3>Most read</h3><ul>
<li><a href="/a">Lighthouse keeper retires after forty years</a></li>
<li><a href="/b">School choir wins regional prize</a></li>
<li><a href="/c">Storm closes coastal road for a day</a></li></ul></aside>
{extra}
<footer><p>© 2025 The Coast Courier. All rights reserved.</p></footer>
</body></html>"""


def paragraphs(texts: list[str]) -> str:
    return "\n".join(f"<p>{t}</p>" for t in texts)


def ld_json(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def text_of(article) -> str:
    return "\n".join(article.paragraphs)


# --------------------------------------------------------------------------- body


def test_body_is_the_article_without_site_furniture():
    article = read_html(page(paragraphs(STORY)))
    assert article.paragraphs == tuple(STORY)
    text = text_of(article)
    assert "Lighthouse keeper" not in text and "All rights reserved" not in text
    assert article.format == "html"


def test_headings_become_sections_and_the_headline_is_the_title():
    body = paragraphs(STORY[:2]) + "<h2>What islanders say</h2>" + paragraphs(STORY[2:4])
    body += "<h2>What comes next</h2>" + paragraphs(STORY[4:])
    article = read_html(page(body))
    assert article.title == "Ferry to run every half hour"
    assert [s.title for s in article.sections] == [None, "What islanders say", "What comes next"]
    assert article.sections[1].paragraphs == tuple(STORY[2:4])


def test_a_headline_is_not_a_section_when_the_title_adds_the_site_name():
    html = page(paragraphs(STORY)).replace("<title>Ferry to run every half hour | The Coast Courier</title>", "")
    head = '<meta property="og:title" content="Ferry to run every half hour - The Coast Courier">'
    article = read_html(html.replace("</head>", head + "</head>"))
    assert [s.title for s in article.sections] == [None]


def test_a_table_in_the_article_is_read():
    table = (
        "<table><tr><th>Departs</th><th>Arrives</th></tr>"
        "<tr><td>Halden Point 07:00</td><td>Skarv 07:22</td></tr>"
        "<tr><td>Skarv 07:30</td><td>Halden Point 07:52</td></tr></table>"
    )
    article = read_html(page(paragraphs(STORY[:3]) + table + paragraphs(STORY[3:])))
    text = text_of(article)
    assert "Halden Point 07:00" in text and "Skarv 07:22" in text
    assert STORY[5] in article.paragraphs


def test_an_article_laid_out_in_a_table_is_read():
    cells = "".join(f"<tr><td>{t}</td></tr>" for t in STORY)
    html = page("").replace("<main><article>", f'<main><table width="600">{cells}</table><article>')
    article = read_html(html)
    assert all(t in article.paragraphs for t in STORY)


def test_a_paragraph_the_page_repeats_is_kept_every_time():
    chorus = (
        "Sail on, sail on, the harbour lights are calling, and every wave that breaks along the pier "
        "sings the same old song of home to those who wait for the evening boat."
    )
    # trafilatura's deduplication drops the fourth copy of a long paragraph
    body = paragraphs([chorus, *STORY[:2], chorus, *STORY[2:4], chorus, *STORY[4:], chorus])
    article = read_html(page(body))
    assert article.paragraphs.count(chorus) == 4


def test_a_paragraph_seen_on_an_earlier_page_is_kept():
    # trafilatura's deduplication remembers text across every page a process reads.
    for _ in range(4):
        article = read_html(page(paragraphs(STORY)))
    assert article.paragraphs == tuple(STORY)


def test_line_breaks_inside_a_paragraph_are_spaces():
    article = read_html(page(paragraphs(STORY[:-1]) + "<p>The harbour master said the timetable\nwould be tested.</p>"))
    assert "The harbour master said the timetable would be tested." in article.paragraphs


def test_a_br_splits_a_paragraph():
    article = read_html(page(paragraphs(STORY[:4]) + f"<p>{STORY[4]}<br><br>{STORY[5]}</p>"))
    assert STORY[4] in article.paragraphs and STORY[5] in article.paragraphs


def test_related_links_inside_the_article_are_dropped():
    related = '<div class="related"><p><a href="/x">Harbour fees to rise next year</a></p>'
    related += '<p><a href="/y">New café opens by the quay</a></p></div>'
    article = read_html(page(paragraphs(STORY) + related))
    assert "Harbour fees" not in text_of(article)


# --------------------------------------------------------------------------- never empty


def test_when_trafilatura_finds_nothing_another_extractor_does(monkeypatch):
    monkeypatch.setattr(reader, "_trafilatura", lambda html, url: None)
    article = read_html(page(paragraphs(STORY)))
    assert STORY[0] in article.paragraphs and STORY[5] in article.paragraphs


def test_when_every_extractor_fails_the_longest_run_of_paragraphs_is_read(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("extractor failed")

    monkeypatch.setattr(reader, "_trafilatura", fail)
    monkeypatch.setattr(reader, "readability_blocks", fail)
    monkeypatch.setattr(reader, "justext_blocks", fail)
    article = clean_article(read_html(page(paragraphs(STORY))))
    assert article.paragraphs == tuple(STORY)


def test_a_short_note_in_divs_is_still_read():
    html = (
        "<html><body><div>Road closed.</div>"
        "<div>The coast road is closed today after a rockfall near the old mill.</div></body></html>"
    )
    article = clean_article(read_html(html))
    assert "The coast road is closed today after a rockfall near the old mill." in article.paragraphs


def test_a_page_with_only_a_menu_has_no_article():
    html = "<html><body><nav><a href='/'>Home</a> <a href='/b'>About</a></nav></body></html>"
    with pytest.raises(IngestError, match="no article text found"):
        clean_article(read_html(html, source="menu.html"))


def test_longest_paragraph_run_prefers_the_biggest_block():
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(
        "<html><body><div><p>Short teaser.</p></div><div><p>First long paragraph of the story.</p>"
        "<p>Second long paragraph of the story.</p></div></body></html>"
    )
    assert reader.longest_paragraph_run(tree) == [
        ("p", "First long paragraph of the story."),
        ("p", "Second long paragraph of the story."),
    ]


# --------------------------------------------------------------------------- agreement


def blocks(*texts: str) -> list[tuple[str, str]]:
    return [("p", t) for t in texts]


def test_agree_drops_what_only_the_first_extractor_has_when_the_second_lies_inside_it():
    junk = "Sign up for our weekly newsletter about everything happening along the coast"
    main = blocks(*STORY, junk)
    assert reader.agree(main, lambda: blocks(*STORY), lambda: []) == blocks(*STORY)


def test_agree_keeps_the_first_extractor_when_the_second_found_almost_nothing():
    main = blocks(*STORY)
    assert reader.agree(main, lambda: blocks("Read more"), lambda: []) == main


def test_agree_asks_the_third_when_the_two_disagree_completely():
    menu = blocks("Lighthouse keeper retires after forty years at the point", "School choir wins a regional prize")
    story = blocks(*STORY)
    assert reader.agree(menu * 5, lambda: story, lambda: story) == story
    assert reader.agree(story, lambda: menu * 5, lambda: story) == story


def test_agree_keeps_headings():
    main = [("head", "What comes next"), *blocks(*STORY)]
    assert reader.agree(main, lambda: blocks(*STORY), lambda: []) == main


# --------------------------------------------------------------------------- metadata: authors


def test_author_from_the_author_meta():
    assert read_html(page(paragraphs(STORY), head='<meta name="author" content="Ingrid Solvang">')).author == (
        "Ingrid Solvang"
    )


def test_authors_from_json_ld_people():
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Ferry to run every half hour",
        "author": [{"@type": "Person", "name": "Ingrid Solvang"}, {"@type": "Person", "name": "Tor Haugen"}],
    }
    assert read_html(page(paragraphs(STORY), head=ld_json(data))).author == "Ingrid Solvang and Tor Haugen"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Ingrid Solvang", ["Ingrid Solvang"]),
        ("Ingrid Solvang, Tor Haugen and Ane Lie", ["Ingrid Solvang", "Tor Haugen", "Ane Lie"]),
        ("Metro Desk", []),
        ("Reuters", []),
        ("Associated Press", []),
        ("Staff", []),
        ("Coast Courier Staff", []),
        ("Ingrid Solvang, Reuters", ["Ingrid Solvang"]),
        ("Tor Haugen and The Associated Press", ["Tor Haugen"]),
        ("Ingrid Solvang, Staff Writer", ["Ingrid Solvang"]),
        ("INGRID SOLVANG", ["Ingrid Solvang"]),
        ("Vincent van Gogh", ["Vincent van Gogh"]),
        ("https://example.com/authors/ingrid", []),
        ({"@type": "Organization", "name": "The Coast Courier"}, []),
        ({"@type": "Person", "name": "Ane Lie"}, ["Ane Lie"]),
        ([{"@type": "Person", "name": "Ane Lie"}, {"@type": "NewsMediaOrganization", "name": "AP"}], ["Ane Lie"]),
    ],
)
def test_author_names_keep_people_only(value, expected):
    assert author_names(value) == expected


def test_a_desk_named_in_the_json_ld_is_no_author_but_the_meta_person_is():
    data = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Metro Desk"}}
    head = ld_json(data) + '<meta name="author" content="Tor Haugen">'
    assert read_html(page(paragraphs(STORY), head=head)).author == "Tor Haugen"


def test_an_agency_story_has_no_author():
    head = '<meta name="author" content="Associated Press">'
    assert read_html(page(paragraphs(STORY), head=head)).author is None


def test_author_from_a_byline_in_the_body():
    body = '<p class="byline">By Tor Haugen</p>' + paragraphs(STORY)
    article = read_html(page(body))
    assert article.author == "Tor Haugen"
    assert "By Tor Haugen" not in clean_article(article).paragraphs


# --------------------------------------------------------------------------- metadata: dates


def published(head: str = "", body: str = "") -> dt.date | dt.datetime | None:
    return read_html(page(paragraphs(STORY) + body, head=head)).published


def test_json_ld_date_keeps_its_utc_offset():
    head = ld_json({"@type": "NewsArticle", "datePublished": "2025-03-04T07:30:00+02:00"})
    assert published(head) == dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)
    assert published(head).utcoffset() == dt.timedelta(hours=2)


def test_json_ld_date_inside_a_graph():
    article = {"@type": "Article", "datePublished": "2025-03-04T05:30:00Z"}
    data = {"@graph": [{"@type": "WebSite", "name": "The Coast Courier"}, article]}
    assert published(ld_json(data)) == dt.datetime(2025, 3, 4, 5, 30, tzinfo=UTC)


def test_published_time_meta_in_utc():
    head = '<meta property="article:published_time" content="2025-03-04T05:30:00Z">'
    assert published(head) == dt.datetime(2025, 3, 4, 5, 30, tzinfo=UTC)


def test_time_element_keeps_its_offset():
    body = '<p><time datetime="2025-03-04T07:30:00+02:00">4 March 2025</time></p>'
    assert published(body=body) == dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)


def test_a_time_without_a_zone_is_naive():
    head = '<meta property="article:published_time" content="2025-03-04T07:30:00">'
    value = published(head)
    assert value == dt.datetime(2025, 3, 4, 7, 30) and value.tzinfo is None


def test_a_bare_date_stays_a_date():
    value = published('<meta property="article:published_time" content="2025-03-04">')
    assert value == dt.date(2025, 3, 4) and not isinstance(value, dt.datetime)


def test_a_day_gains_its_time_from_another_source_on_the_same_day():
    head = ld_json({"@type": "NewsArticle", "datePublished": "2025-03-04"})
    body = '<p><time datetime="2025-03-04T07:30:00+02:00">4 March</time></p>'
    assert published(head, body) == dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)


def test_published_wins_over_modified():
    data = {"@type": "NewsArticle", "dateModified": "2025-03-05T10:00:00Z", "datePublished": "2025-03-04T07:30:00Z"}
    assert published(ld_json(data)) == dt.datetime(2025, 3, 4, 7, 30, tzinfo=UTC)


def test_a_page_without_a_date_has_none():
    assert published() is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04T07:30:00+02:00", dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)),
        ("2025-03-04T07:30:00+0200", dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)),
        ("2025-03-04T05:30:00.000Z", dt.datetime(2025, 3, 4, 5, 30, tzinfo=UTC)),
        ("2025-03-04 07:30", dt.datetime(2025, 3, 4, 7, 30)),
        ("2025-03-04", dt.date(2025, 3, 4)),
        ("2025-03-04 00:00", dt.date(2025, 3, 4)),
        ("2025-03-04T00:00:00+02:00", dt.datetime(2025, 3, 4, 0, 0, tzinfo=PLUS2)),
        ("Tue, 04 Mar 2025 05:30:00 GMT", dt.datetime(2025, 3, 4, 5, 30, tzinfo=UTC)),
        ("2025-03-04T07:30:00 EST", dt.datetime(2025, 3, 4, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
        ("March 4, 2025 7:30 AM", dt.datetime(2025, 3, 4, 7, 30)),
        ("4 March 2025", dt.date(2025, 3, 4)),
        ("0001-01-01T00:00:00Z", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text) == expected
    if isinstance(expected, dt.datetime):
        assert parse_when(text).tzinfo == expected.tzinfo


# --------------------------------------------------------------------------- metadata: other


def test_title_language_and_url():
    head = '<meta property="og:url" content="https://courier.example/ferry">'
    article = read_html(page(paragraphs(STORY), head=head, lang="en-GB"), url="https://courier.example/ferry?x=1")
    assert article.title == "Ferry to run every half hour"
    assert article.language.startswith("en")
    assert article.url == "https://courier.example/ferry?x=1"


def test_a_page_in_another_language():
    story = [
        "Die Fähre zwischen Halden und der Insel Skarv fährt ab Mai jede halbe Stunde, teilte die "
        "Hafenverwaltung am Dienstag mit, nachdem sich die Schlangen ein Jahr lang bis zum Fischmarkt zogen.",
        "Die Verwaltung hat ein zweites Schiff gemietet. Es fasst vierzig Autos und dreihundert Fahrgäste "
        "und braucht für die Überfahrt zweiundzwanzig Minuten.",
        "Die Fahrpreise bleiben in diesem Jahr gleich, aber die Verwaltung will sie im Herbst prüfen, "
        "wenn sie weiß, wie viele Menschen die zusätzlichen Fahrten am Abend nutzen.",
    ]
    article = read_html(page(paragraphs(story), lang="de", title="Fähre fährt jede halbe Stunde"))
    assert article.paragraphs == tuple(story)
    assert article.language == "de"


def test_malformed_html_is_read():
    html = "<html><body><article><h1>Ferry<p>" + "<p>".join(STORY) + "</div></span></body>"
    article = clean_article(read_html(html))
    assert STORY[0] in article.paragraphs


def test_the_article_date_wins_over_the_web_page_date():
    page_ld = {"@type": "WebPage", "datePublished": "2020-01-05T09:00:00Z"}
    article_ld = {"@type": "NewsArticle", "datePublished": "2025-03-04T07:30:00+02:00"}
    assert published(ld_json({"@graph": [page_ld, article_ld]})) == dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)


def test_json_ld_with_a_raw_line_break_in_a_string_is_read():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry\nnews",'
    head += ' "datePublished": "2025-03-04T07:30:00+02:00"}</script>'
    assert published(head) == dt.datetime(2025, 3, 4, 7, 30, tzinfo=PLUS2)


def test_an_empty_page_has_no_article():
    with pytest.raises(IngestError, match="no article text found"):
        clean_article(read_html("", source="empty.html"))


def test_metadata_of_a_page_lxml_cannot_read_is_empty():
    assert set(reader.read_metadata(None).values()) == {None}


def test_an_article_the_page_prints_twice_is_read_once():
    # a page with a print copy of the story: every paragraph in the same order, twice
    body = paragraphs(STORY) + '<div class="print-copy">' + paragraphs(STORY) + "</div>"
    article = read_html(page(body))
    assert article.paragraphs == tuple(STORY)
