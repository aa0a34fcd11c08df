"""The episode's title is the page's headline, not the blog's name, a section's name or the
heading of a comment form or a sharing box, which many themes set in the same h1-h3 tags."""

from __future__ import annotations

import pytest

from narrator.ingest.readers.html import read_html

BODY = "".join(
    f"<p>{s}</p>"
    for s in (
        "The harbour ferry will run every twenty minutes from next week, the operator said on Monday, "
        "after a winter of complaints about crowded morning crossings.",
        "Drivers will be hired from the company's own training scheme, which opened in the spring and "
        "now has forty trainees working towards a licence.",
        "Passengers' groups welcomed the change but asked for later evening sailings as well, saying the "
        "last boat at nine leaves shift workers stranded.",
    )
)


def _page(title: str, before: str, after: str = "", head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>{before}"
        f"<div class='post'>{BODY}</div>{after}</body></html>"
    )


def _title(html: str) -> str | None:
    return read_html(html, source="page.html").title


def test_a_blog_name_that_links_home_is_not_the_headline():
    html = _page(
        "Harbour Notes \u2013 Ferries every twenty minutes",
        "<header><h1><a href='https://harbournotes.example/'>Harbour Notes</a></h1></header>"
        "<h3><a href='/2024/05/ferries/'>Ferries every twenty minutes</a></h3>",
        "<h3>Share this:</h3><h3 id='reply-title'>Leave a Reply <small><a href='#'>Cancel reply</a></small></h3>",
    )
    assert _title(html) == "Ferries every twenty minutes"


@pytest.mark.parametrize(
    ("title", "before", "after", "expected"),
    [
        # the comment form and the sharing box are the only other headings
        ("Ferries every twenty minutes | Harbour Notes", "<h2>Ferries every twenty minutes</h2>",
         "<h3>Share this:</h3><h3>Leave a Reply Cancel reply</h3><h2>Translate</h2>", "Ferries every twenty minutes"),
        # the site's name comes first in the <title>, and heads the page without a link
        ("Harbour Notes: Ferries every twenty minutes from Monday", "<h1>Harbour Notes</h1>"
         "<h3>Ferries every twenty minutes from Monday</h3>", "", "Ferries every twenty minutes from Monday"),
        # a headline with a colon and a dash of its own
        ("Ferry Week: more boats - and later ones - Harbour Notes", "<div>Harbour Notes</div>"
         "<h2>Ferry Week: more boats - and later ones</h2>", "<h3>Newsletter subscription status</h3>",
         "Ferry Week: more boats - and later ones"),
        # a section's name repeated in the <title> yields to the page's only h1
        ("Ferries get more boats - Transport - City Times", "<h1>Ferries get more boats from Monday</h1>",
         "<h2>Transport</h2>", "Ferries get more boats from Monday"),
        # a <title> cut short by the site
        ("Ferries will run every twenty minutes from next - City Times", "<h2>City Times</h2>"
         "<h2>Ferries will run every twenty minutes from next week</h2>", "",
         "Ferries will run every twenty minutes from next week"),
    ],
)  # fmt: skip
def test_the_headline_is_the_heading_the_title_repeats(title, before, after, expected):
    assert _title(_page(title, before, after)) == expected


def test_a_kicker_before_the_headline_is_left_out():
    html = _page(
        "Ferries every twenty minutes - City Times", "<h2><span>Transport</span> Ferries every twenty minutes</h2>"
    )
    assert _title(html) == "Ferries every twenty minutes"


def test_open_graph_naming_the_site_is_not_the_title():
    head = "<meta property='og:title' content='City Times'><meta property='og:site_name' content='City Times'>"
    html = _page("Night sailings return - City Times", "<div class='masthead'>City Times</div>", head=head)
    assert _title(html) == "Night sailings return"


def test_a_declared_headline_is_kept_when_no_heading_repeats_the_title():
    head = "<meta property='og:title' content='Ferries every twenty minutes from next week'>"
    html = _page("City Times", "<h2>Latest</h2>", head=head)
    assert _title(html) == "Ferries every twenty minutes from next week"
