"""HTML: a subheading broken over two lines with <br> is read with a space where the line
breaks, and kept as its section's title (glued, "weekon", it matched no other reading of
the page and was dropped)."""

from __future__ import annotations

from narrator.ingest.readers.html import read_html

PAGE = """
<html><head><title>Harbour strike ends after three weeks | Valtera Post</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour strike ends after three weeks</h1>
<p class="byline">By Ana Ruiz</p>
<p>Dock workers in Valtera voted on Tuesday to end a strike that had closed the harbour for three weeks, their
union said, after the port authority agreed to a new pay offer.</p>
<p>The vote was close, with 412 members in favour and 371 against, and several speakers at the meeting said
they would keep pressing for shorter shifts.</p>
<h2>The first week<br>on strike</h2>
<p>When the strike began, more than forty ships were waiting outside the breakwater, and the ferry to the
islands ran only twice a day from the old pier.</p>
<p>Shops near the harbour said trade had fallen by half, and the town's fish market moved to a car park on the
east side of the bay.</p>
<h2>What<br/>comes next</h2>
<p>The port authority said the first cargo ships would berth on Thursday morning, and that it expected the
backlog to clear within a week.</p>
</article><footer>Copyright Valtera Post</footer></body></html>
"""


def test_a_subheading_with_a_line_break_is_kept_with_a_space():
    article = read_html(PAGE)
    assert [s.title for s in article.sections] == [None, "The first week on strike", "What comes next"]
    assert [len(s.paragraphs) for s in article.sections] == [2, 2, 1]
