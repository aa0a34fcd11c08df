"""A list of other stories after the article, each a linked headline over a line or two of
summary, is not read: in a definition list, in cards, or as a link and a summary after a line
break. The article's own list of linked items between its paragraphs, which readability keeps,
stays."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.readers.html import agree

BODY = [
    "The harbour board approved a plan on Monday to dredge the channel before the autumn storms.",
    "Fishing crews have complained for two years that their boats scrape the bottom at low tide.",
    "The work will take six weeks and close the slipway to pleasure craft for most of September.",
    "Board members said the cost would be shared with the county, which owns the outer breakwater.",
]
TEASERS = [
    ("Ferry fares to rise in spring", "The island ferry will cost a pound more each way from April, they said."),
    ("Lifeboat crew honoured", "Four volunteers were given medals for a rescue in last winter's storms off the point."),
    ("New school opens its doors", "Pupils started lessons in the town's first new school in forty years on Tuesday."),
]


def _blocks(*texts: str) -> list[tuple[str, str]]:
    return [("p", text) for text in texts]


def _page(teasers: str) -> object:
    body = "".join(f"<p>{text}</p>" for text in BODY)
    return lxml_html.fromstring(
        f"<html><body><div id='story'><div class='text'>{body}</div><div class='more'>{teasers}</div></div>"
        "</body></html>"
    )


def _kept(teasers: str, trafilatura: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return agree(_blocks(*BODY) + trafilatura, lambda: _blocks(*BODY), lambda: [], _page(teasers))


def test_a_definition_list_of_linked_headlines_and_summaries_is_not_read():
    dl = "".join(f'<dt><a href="/news/{n}.html">{h}</a></dt><dd>{s}</dd>' for n, (h, s) in enumerate(TEASERS))
    assert _kept(f"<h3>Local headlines</h3><dl>{dl}</dl>", _blocks(*(s for _, s in TEASERS))) == _blocks(*BODY)


def test_cards_of_linked_headlines_and_summaries_are_not_read():
    cards = "".join(
        f'<div class="item"><h4><a href="https://example.org/news/{n}">{h}</a></h4><p>{s}</p></div>'
        for n, (h, s) in enumerate(TEASERS)
    )
    read = [block for h, s in TEASERS for block in _blocks(h, s)]
    assert _kept(cards, read) == _blocks(*BODY)


def test_links_with_a_summary_after_a_line_break_are_not_read():
    cells = "".join(f'<td><a href="/news/{n}.html">{h}</a><br>{s}</td>' for n, (h, s) in enumerate(TEASERS))
    read = [block for h, s in TEASERS for block in _blocks(h, s)]
    assert _kept(f"<table><tr>{cells}</tr></table>", read) == _blocks(*BODY)


def test_the_articles_own_linked_items_that_readability_keeps_are_read():
    items = "".join(f'<h4><a href="/places/{n}">{h}</a></h4><p>{s}</p>' for n, (h, s) in enumerate(TEASERS))
    html = f"<html><body><div>{''.join(f'<p>{t}</p>' for t in BODY[:2])}{items}"
    html += f"{''.join(f'<p>{t}</p>' for t in BODY[2:])}</div></body></html>"
    own = [block for h, s in TEASERS for block in (("head", h), ("p", s))]
    blocks = [*_blocks(*BODY[:2]), *own, *_blocks(*BODY[2:])]
    assert agree(blocks, lambda: blocks, lambda: [], lxml_html.fromstring(html)) == blocks


def test_related_links_with_their_excerpts_in_the_posts_own_block_are_not_read():
    links = "".join(f'<a href="/news/{n}">{h}</a><br>{s}<br><br>' for n, (h, s) in enumerate(TEASERS))
    body = "".join(f"<p>{text}</p>" for text in BODY)
    page = lxml_html.fromstring(f"<html><body><div class='post'>{body}<b>Related</b><br>{links}</div></body></html>")
    read = [block for h, s in TEASERS for block in _blocks(h, s)]
    assert agree(_blocks(*BODY) + read, lambda: _blocks(*BODY), lambda: [], page) == _blocks(*BODY)


def test_a_menu_of_sections_both_extractors_keep_is_not_read():
    menu = "Sections: Front Page | Home News | World | Business | Sport | Letters"
    blocks = _blocks(menu, *BODY)
    page = lxml_html.fromstring(f"<html><body><div>{''.join(f'<p>{t}</p>' for _, t in blocks)}</div></body></html>")
    assert agree(blocks, lambda: blocks, lambda: [], page) == _blocks(*BODY)


def test_body_paragraphs_after_inline_links_to_other_stories_are_read():
    more = [
        "Work on the outer wall will begin once the dredging is done and the channel has been surveyed.",
        "The county engineer said the wall had moved by several inches since the storms two winters ago.",
    ]
    parts = [BODY[0], BODY[1], ("Ferry fares to rise", "/news/1"), BODY[2], more[0], ("Lifeboat crew honoured", "/2")]
    parts += [BODY[3], more[1]]
    html = "".join(f'<p><a href="{p[1]}">{p[0]}</a></p>' if isinstance(p, tuple) else f"<p>{p}</p>" for p in parts)
    page = lxml_html.fromstring(f"<html><body><article>{html}</article></body></html>")
    trafilatura = _blocks(*(p for p in parts if isinstance(p, str)))
    # readability keeps the first half only: the rest is only trafilatura's, links and all
    assert agree(trafilatura, lambda: _blocks(*BODY[:2]), lambda: [], page) == trafilatura


def test_list_items_that_open_with_a_link_to_their_subject_are_read():
    # a link at the start of an item names what the item is about: it is no headline over a summary
    items = [
        ("Harbour Trust", "Tide Tables: a map of the tides along the coast for every day of the year"),
        ("Coastal Schools Network", "Rock Pools: lessons about the shore for children of every age"),
        ("Island Heritage Society", "Old Boats: photographs of the fishing fleet from a century ago"),
    ]
    lis = "".join(
        f'<li><a href="https://example.org/{n}">{name}</a> - {text}</li>' for n, (name, text) in enumerate(items)
    )
    html = f"<html><body><div class='post'>{''.join(f'<p>{t}</p>' for t in BODY)}<ul>{lis}</ul></div></body></html>"
    blocks = _blocks(*BODY, *(f"{name} - {text}" for name, text in items))
    assert agree(blocks, lambda: _blocks(*BODY), lambda: [], lxml_html.fromstring(html)) == blocks
