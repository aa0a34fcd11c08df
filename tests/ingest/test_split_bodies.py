"""Modern pages split their body over sibling blocks, with ads, embeds and figures between:
the HTML reader keeps every block of the body, and still drops furniture it has evidence for."""

from __future__ import annotations

import re
from collections import Counter

from narrator.ingest.clean import clean_article
from narrator.ingest.readers.html import agree, read_html

BODY = [
    "The harbour board voted on Tuesday to build a second pier at Halden Point, ending a dispute "
    "that has divided the town council and the ferry operators for almost three years.",
    "The new pier will stand to the north of the fish market and take the larger boats that now "
    "wait offshore for a berth, sometimes for most of an afternoon in the summer months.",
    "Work is due to start in the spring and to last about eighteen months, the board said, with "
    "the old pier kept open for passengers and cars throughout the building work.",
    "Islanders welcomed the decision but asked the board to publish the full cost, which a report "
    "last year put at more than forty million, and to say who would pay for the dredging.",
    "The ferry company said it would add four sailings a day once the pier opens, and that fares "
    "would stay as they are at least until the end of the following year.",
    "A public meeting about the plans will be held in the town hall next month, and the drawings "
    "will be on show in the library from Monday for anyone who wants to see them.",
    "The harbour master, Ingrid Solvang, said the town had waited long enough and that the second "
    "pier would make the crossing safer for the small boats that share the channel.",
    "Engineers will survey the seabed this winter, and the board will choose a builder by March "
    "from the five firms that have already shown interest in the work.",
]
TEASER = "A lighthouse keeper looks back on forty years of storms, shipwrecks and visiting seals."
AD = "Advertisement"


def _ad(n: int) -> str:
    return f'<div class="slot-{n}"><div>{AD}</div><div id="ad-{n}" data-ad-unit="/1234/news"></div></div>'


def _column(paragraphs: list[str], depth: int) -> str:
    inner = "".join(f"<p>{p}</p>" for p in paragraphs)
    for _ in range(depth):
        inner = f'<div class="col">{inner}</div>'
    return f'<section class="story-block">{inner}</section>'


def split_page() -> str:
    """A newspaper page of today: the body in four sibling blocks at different depths, an ad
    slot, a video embed and a figure between them, related-story cards after them."""
    figure = (
        '<figure><img src="/pier.jpg" alt=""><figcaption>The old pier at low tide. '
        "(Photo: Jane Roe/Coast Courier)</figcaption></figure>"
    )
    embed = '<div class="video-embed"><iframe src="https://video.example/embed/42"></iframe></div>'
    cards = "".join(
        f'<div class="card"><h3><a href="/news/story-{n}">Lighthouse keeper retires after {n} years</a></h3>'
        f"<p>{TEASER}</p></div>"
        for n in (40, 41)
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Second pier for Halden Point | The Coast Courier</title>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Second pier for Halden Point</h1>
<div class="story">
{_column(BODY[0:2], 1)}{_ad(1)}{_column(BODY[2:4], 3)}{embed}{_column(BODY[4:5], 2)}{figure}{_ad(2)}
{_column(BODY[5:8], 1)}
</div>
<div class="more"><h2>More from the coast</h2>{cards}</div>
</article></main>
<footer><p>© 2025 The Coast Courier. All rights reserved.</p></footer>
</body></html>"""


NEWSLETTER = "The Harbour Letter"
PLAYING = "Raw video: crews clear the harbour after the storm"


def widget_page() -> str:
    """The body in two blocks with a newsletter box between them, and a sticky video player."""
    player = (
        f'<div class="player"><span>Now playing</span><p>{PLAYING}</p>'
        '<video preload="none"><source src="/v/1.m3u8"></video></div>'
    )
    box = (
        f'<div class="box"><h3>{NEWSLETTER}</h3><p>The week on the coast, every Friday morning.</p>'
        '<form><input type="email" placeholder="Email address"><button>Go</button></form></div>'
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Second pier for Halden Point</title></head><body>
<main><article><h1>Second pier for Halden Point</h1>{player}
<div class="story"><section>{"".join(f"<p>{p}</p>" for p in BODY[:4])}</section>{box}
<section><h2>What happens next</h2>{"".join(f"<p>{p}</p>" for p in BODY[4:])}</section></div>
</article></main></body></html>"""


def test_a_newsletter_box_and_a_video_player_between_the_blocks_are_not_read():
    article = clean_article(read_html(widget_page(), source="page.html"))
    assert list(article.paragraphs) == BODY
    titles = [s.title for s in article.sections]
    assert NEWSLETTER not in titles
    assert "What happens next" in titles


HEADLINES = [
    "Lighthouse keeper retires after forty years",
    "School choir wins regional prize",
    "Storm closes coastal road for a day",
    "Fish market to open on Sundays",
]
SCRIPT_TEXT = "Weather for the coast this weekend: sunshine and showers, with a fresh breeze from the west."


def _blocks(*texts: str) -> list[tuple[str, str]]:
    return [("p", t) for t in texts]


def _tree(html: str):
    from lxml import html as lxml_html

    return lxml_html.fromstring(html)


def test_a_list_of_other_stories_headlines_readability_leaves_out_is_not_read():
    # the body, then headlines in the same column: trafilatura keeps them, readability doesn't
    html = "<div>" + "".join(f"<p>{t}</p>" for t in [*BODY, *HEADLINES]) + "</div>"
    main = _blocks(*BODY, *HEADLINES)
    assert agree(main, lambda: _blocks(*BODY), lambda: [], _tree(html)) == _blocks(*BODY)


def test_two_headline_like_lines_in_the_body_stay():
    lines = ["Was $279.00, now $179.00 at The Home Store", "Ember mesh wifi system, 3 pack"]
    html = "<div>" + "".join(f"<p>{t}</p>" for t in [*BODY[:4], *lines, *BODY[4:]]) + "</div>"
    main = _blocks(*BODY[:4], *lines, *BODY[4:])
    assert agree(main, lambda: _blocks(*BODY), lambda: [], _tree(html)) == main


def test_a_comment_thread_after_the_body_is_not_read():
    comments = [
        "Comments (2)",
        "What a waste of money, the old pier was fine for the boats we have now.",
        "Posted by harbourwatcher on March 3, 2025 at 9:14 PM",
        "Finally some sense from the board, the queues in summer have been terrible for years.",
    ]
    html = "<div>" + "".join(f"<p>{t}</p>" for t in [*BODY, *comments]) + "</div>"
    main = _blocks(*BODY, *comments)
    assert agree(main, lambda: _blocks(*BODY), lambda: [], _tree(html)) == _blocks(*BODY)


def test_text_past_the_body_start_that_begins_no_block_of_the_page_is_not_read():
    # trafilatura's text from a script or a widget: no element of the page starts with it
    html = "<div>" + "".join(f"<p>{t}</p>" for t in BODY) + "</div>"
    main = _blocks(*BODY[:4], SCRIPT_TEXT, *BODY[4:])
    assert agree(main, lambda: _blocks(*BODY), lambda: [], _tree(html)) == _blocks(*BODY)


EVENTS = [
    "Farmers' market, Market Square, Saturday 9am to 2pm. More than forty stalls of local food.",
    "Bat walk at Hollin Woods, Saturday 8pm. Rangers lead a two-hour walk with bat detectors.",
    "Open studios, Old Mill, Saturday and Sunday. Twenty artists open their workshops.",
    "Beach clean, South Sands, Sunday 11am. Gloves and bags provided.",
]


def test_a_list_whose_items_are_each_marked_up_as_a_heading_is_read_item_by_item():
    items = "".join(f'<div class="item"><h2>{e}</h2></div><div>{AD}</div>' for e in EVENTS)
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Things to do this weekend</title></head><body>
<main><article><h1>Things to do this weekend</h1><p>{BODY[0]}</p><p>{BODY[1]}</p>{items}</article></main>
</body></html>"""
    article = clean_article(read_html(html, source="page.html"))
    assert list(article.paragraphs) == [BODY[0], BODY[1], *EVENTS]


def _tokens(text: str) -> Counter:
    return Counter(t for t in re.split(r"\W+", text.lower()) if t)


def test_a_body_split_over_sibling_blocks_with_an_ad_an_embed_and_a_figure_between_is_read_whole():
    article = clean_article(read_html(split_page(), source="page.html"))
    text = "\n".join(article.paragraphs)
    for paragraph in BODY:
        assert paragraph in text
    assert list(article.paragraphs) == BODY  # in page order, and nothing else


def test_a_related_story_card_under_the_split_body_is_not_read():
    article = clean_article(read_html(split_page(), source="page.html"))
    text = "\n".join(article.paragraphs)
    assert TEASER not in text
    assert AD not in text
    assert "Jane Roe" not in text


def test_the_rest_of_a_paragraph_an_ad_cut_in_two_is_read_after_the_last_paragraph_both_keep():
    head, tail = "Engineers will survey the seabed this winter, and the board", "will choose a builder by March."
    rest = "The five firms that have shown interest will be asked to send their plans before Christmas."
    trafilatura = [("p", text) for text in [*BODY[:4], head]]
    readability = [("p", text) for text in [*BODY[:4], head, f"{tail} {rest}"]]
    assert agree(trafilatura, lambda: readability, lambda: []) == [*trafilatura, ("p", f"{tail} {rest}")]


def test_a_body_whose_first_block_is_named_as_the_part_above_the_fold_is_read_from_its_start():
    # Some newspapers name the part of the body shown before the fold "teaser-content" and
    # the rest "remainder-content": the name of a teaser card, on the article's own start.
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Second pier for Halden Point</title></head><body>
<main><h1>Second pier for Halden Point</h1>
<div class="article-body"><div class="teaser-content">{"".join(f"<p>{p}</p>" for p in BODY[:3])}</div>
<div class="remainder-content">{"".join(f"<p>{p}</p>" for p in BODY[3:6])}{_ad(1)}
{"".join(f"<p>{p}</p>" for p in BODY[6:])}</div></div>
<aside class="related"><h2>More from the coast</h2><div class="teaser"><h3><a href="/news/1">Lighthouse keeper
retires after 40 years</a></h3><p>{TEASER}</p></div></aside>
</main></body></html>"""
    article = clean_article(read_html(page, source="page.html"))
    assert list(article.paragraphs) == BODY


def test_an_article_in_four_chunks_where_each_extractor_took_one_is_read_whole():
    # The body in four grid rows of one kind, each with an ad rail beside it, and a figure, an
    # ad and a divider between them: trafilatura took the first chunk and readability the
    # second. The third and fourth are the article's too.
    from lxml import html as lxml_html

    from narrator.ingest.readers.html_additions import split_halves
    from narrator.ingest.readers.html_blocks import page_places

    chunks = [BODY[0:2], BODY[2:4], BODY[4:6], BODY[6:8]]
    rows = "".join(
        f'<div class="grid chunks-grid"><div class="cell"><div class="body">{"".join(f"<p>{p}</p>" for p in chunk)}'
        f'</div></div><aside class="rail"><div class="ad">{AD}</div></aside></div>'
        '<figure><img src="/pier.jpg" alt=""><figcaption>The old pier.</figcaption></figure><hr>'
        for chunk in chunks
    )
    page = f"<html><body><main><article><h1>Second pier</h1><div>{rows}</div></article></main></body></html>"
    tree = lxml_html.fromstring(page)
    halves = split_halves([("p", p) for p in chunks[0]], [("p", p) for p in chunks[1]], page_places(tree))
    assert [text for _, text in halves] == BODY


def test_a_deals_pages_product_names_linked_to_shops_are_read():
    # A product's name is a heading whose link goes to a shop, marked rel="sponsored": readability
    # leaves such links out, but the name is what the price and the blurb below it are about.
    products = [
        ("Fieldfare 55-inch QX7 TV", "Was $799 Now $549", "A bright midrange set with solid HDR for a living room."),
        ("Kestrel Book 14 laptop", "Was $899 Now $649", "A sharp display and a keyboard that is good to type on."),
        ("Solace H900 headphones", "Was $349 Now $229", "Quiet and comfortable on long flights, with a case."),
    ]
    deals = "".join(
        f'<h3><a href="https://shop.example/p/{n}" rel="sponsored noopener" target="_blank">{name}</a></h3>'
        f'<p class="price"><strong>{price}</strong></p><p>{blurb} It is the lowest price we have seen on it.</p>'
        '<div class="widget"><a href="https://shop.example/p/x" rel="sponsored">View Deal</a></div>'
        for n, (name, price, blurb) in enumerate(products)
    )
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The best deals this weekend</title>
</head><body><main><article><h1>The best deals this weekend</h1><div class="article-body">
<p>{BODY[0]}</p><p>{BODY[1]}</p>{deals}<p>{BODY[2]}</p></div></article></main></body></html>"""
    text = "\n".join(clean_article(read_html(page, source="page.html")).paragraphs)
    sections = [s.title for s in read_html(page, source="page.html").sections]
    for name, price, _ in products:
        assert name in sections or name in text
        assert price in text
    assert "View Deal" not in text


def test_the_body_continued_in_a_block_that_adds_a_modifier_class_after_an_ad_rail_is_read():
    # A template's second body block: the first one's classes and a modifier's, two wrappers
    # down, after an embedded video and a rail of sponsored slots ("body body--continued").
    cls = "entry-body__Body-sc-x1 QwErTy"
    first = "".join(f'<p class="text">{p}</p>' for p in BODY[:3])
    last = "The plans are published by the harbour board."
    # one paragraph and a line, with topic links: too little for any block but the body's
    linked = BODY[3].replace("the full cost", '<a href="/topic/cost">the full cost</a>')
    rest = f'<p>{linked}</p><p>The plans <a href="/topic/plans">are published by</a> the harbour board.</p>'
    rail = (
        f'<aside class="rail"><div class="banner"><span>Sponsored</span>{_ad(1)}</div>'
        f'<aside class="banner"><span>Sponsored</span>{_ad(2)}</aside></aside>'
    )
    video = '<div class="embed"><iframe src="https://www.youtube.com/embed/1" title="Video"></iframe></div>'
    html = (
        '<html><head><title>Second pier for Halden Point</title></head><body><main><article class="box">'
        "<header><h1>Second pier for Halden Point</h1></header>"
        '<figure><img src="/pier.jpg" alt=""></figure>'
        f'<div class="{cls}">{first}</div>{video}{rail}'
        f'<div class="box" data-qa="wrapper"><div class="inner"><div class="{cls} {cls.split()[-1]}--continued">'
        f"{rest}</div></div></div>"
        "</article></main><footer><p>About us</p></footer></body></html>"
    )
    kept = _blocks(*BODY[:3])  # both extractors stop at the rail
    assert agree(kept, lambda: kept, lambda: [], _tree(html)) == _blocks(*BODY[:4], last)


def test_a_quotation_that_links_whole_to_its_source_is_read():
    # trafilatura leaves out a paragraph that is all link; readability keeps it; a teaser's
    # link would be furniture, a <blockquote> quoting the report is the article's (and a
    # quotation cut short with "…”" ends a sentence)
    quote = (
        "“Passengers told us again and again that the last bus is the one that matters most. People who work late "
        "shifts, students and visitors all depend on it, and when it is full they are left with no way…”"
    )
    html = (
        "<html><body><main><article><h1>Second pier</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY[:3])
        + f'<blockquote><p><a href="https://example.org/report"><em>{quote}</em></a></p></blockquote>'
        + "".join(f"<p>{p}</p>" for p in BODY[3:5])
        + "</article></main></body></html>"
    )
    kept = _blocks(*BODY[:5])
    assert agree(kept, lambda: _blocks(*BODY[:3], quote, *BODY[3:5]), lambda: [], _tree(html)) == _blocks(
        *BODY[:3], quote, *BODY[3:5]
    )
