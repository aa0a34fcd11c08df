"""The whole body is read: a paragraph trafilatura leaves out is read when readability has it
between (or just before) paragraphs both keep; a paragraph is dropped only on evidence that it
is furniture, so prose that merely looks like a caption, a bio or a "More in" label is read; a
signed comment thread is such evidence even when both extractors keep it."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.clean import clean_article
from narrator.ingest.readers.html import agree, read_html

LEAD = "HARBOURTON — The lifeboat crew launched at dawn on Sunday after a yacht lost its mast off the point."
MIDDLE = "The skipper had radioed for help twice before the signal was lost, the coastguard said on Monday."
AGREED = [
    "Volunteers reached the stranded yacht within the hour and towed it back to the harbour by noon.",
    "Two sailors were checked by paramedics on the quay and were later allowed to go home, officials said.",
    "The station's new boat, paid for by a local appeal, was on its third call-out since the summer.",
    "The crew's coxswain said the sea had risen faster than any forecast had warned that morning.",
]
CAPTION = "Volunteers pull the lifeboat up the slipway at the end of a long morning on the water."
STANDFIRST = "A yacht in trouble off the point was brought home safely by the town's volunteers."


def _page(*, caption: bool = False, standfirst: bool = False) -> object:
    header = f"<header><h1>Rescue</h1>{f'<p>{STANDFIRST}</p>' if standfirst else ''}</header>"
    figure = f'<div class="pic"><img src="/boat.jpg"><span>{CAPTION}</span></div>' if caption else ""
    return lxml_html.fromstring(
        f"<html><body><article>{header}<div>{figure}<p><b>{LEAD}</b></p><p>{AGREED[0]}</p>"
        f"<p>{AGREED[1]}</p><div class='x'>{MIDDLE}</div><p>{AGREED[2]}</p><p>{AGREED[3]}</p>"
        "</div></article></body></html>"
    )


def _blocks(*texts: str) -> list[tuple[str, str]]:
    return [("p", text) for text in texts]


def test_a_lead_and_a_middle_paragraph_only_readability_keeps_are_read_in_their_place():
    trafilatura = _blocks(*AGREED)
    readability = _blocks(LEAD, AGREED[0], AGREED[1], MIDDLE, AGREED[2], AGREED[3])
    kept = agree(trafilatura, lambda: readability, lambda: [], _page())
    assert kept == readability


def test_a_picture_caption_and_the_standfirst_before_the_body_are_not_read():
    trafilatura = _blocks(*AGREED)
    for page, extra in ((_page(caption=True), CAPTION), (_page(standfirst=True), STANDFIRST)):
        readability = _blocks(extra, *AGREED)
        kept = agree(trafilatura, lambda readability=readability: readability, lambda: [], page)
        assert kept == trafilatura


def test_what_readability_keeps_after_the_body_is_not_added():
    trafilatura = _blocks(*AGREED)
    readability = _blocks(*AGREED, MIDDLE)
    assert agree(trafilatura, lambda: readability, lambda: [], _page()) == trafilatura


PROSE = [
    # an aside in brackets that mentions a photo is not a credit
    "I am told this is routine, and my surgeon does hundreds of these a year (I keep a photo of his "
    "certificate on the fridge, in fact.)",
    # an ingredient's alternative, a measurement: brackets, not credits
    "Two cups of rye flour (or AP flour)",
    "Keep the dough below 24C (75F/24C in a warm kitchen) while it rises overnight on the counter.",
    # a long paragraph about a person's career is the story, not an author footer
    "Marsh was a quiet producer for most of her career, but in her final season she took it to a new "
    "level: she wrote, shot and edited a documentary about the harbour that was shown at three festivals, "
    "won a regional prize and was bought by a national broadcaster, which showed it twice in one week, "
    "and she then turned down two offers to move to the capital.",
    # a sentence that begins with "More in" is not a "More in Sports" label
    "More in-person training is planned for the spring, with a longer course for new volunteers.",
]
FURNITURE = [
    "The crew brings the yacht home (Photo: Jane Roe/Harbourton Courier)",
    "More in Local News",
    "Jane Roe is a reporter for the Harbourton Courier.",
]


def test_prose_that_looks_like_furniture_is_read_and_furniture_is_not():
    body = "".join(f"<p>{text}</p>" for text in [*AGREED, *PROSE, *FURNITURE])
    html = f"<html><head><title>Rescue</title></head><body><article><h1>Rescue</h1>{body}</article></body></html>"
    paragraphs = clean_article(read_html(html)).paragraphs
    for text in PROSE:
        assert text in paragraphs
    for text in FURNITURE:
        assert text not in paragraphs


FIRST_HALF = AGREED[:2]
SECOND_HALF = AGREED[2:]


def _split_page(rail: str = "") -> object:
    first = "".join(f"<p>{text}</p>" for text in FIRST_HALF)
    second = "".join(f"<p>{text}</p>" for text in SECOND_HALF)
    return lxml_html.fromstring(
        "<html><body><nav><a href='/'>Home</a></nav><main><article><h1>Rescue</h1>"
        f"<div class='body'>{first}</div><div class='video-embed'></div>"
        f"<aside><p>Advertisement</p></aside><div><div class='body'>{second}</div></div>"
        f"</article>{rail}</main></body></html>"
    )


def test_when_each_extractor_picks_one_half_of_a_split_body_both_halves_are_read_in_order():
    first, second = _blocks(*FIRST_HALF), _blocks(*SECOND_HALF)
    assert agree(second, lambda: first, lambda: second, _split_page()) == [*first, *second]
    assert agree(first, lambda: second, lambda: second, _split_page()) == [*first, *second]


def test_a_pick_outside_the_article_is_not_joined_to_the_body():
    rail = "".join(
        f"<div class='more'><p>{text}</p></div>"
        for text in (
            "The town's summer fair returns next month with a bigger market and a new stage for bands.",
            "A new cycle path between the station and the seafront will open in the autumn, the council said.",
            "The library will open on Sundays from next year after a campaign by parents and teachers.",
        )
    )
    page = _split_page(f"<div class='rail'>{rail}</div>")
    other = _blocks(*[p.text_content() for p in page.iter("p")][-3:])
    body = _blocks(*AGREED)
    assert agree(body, lambda: other, lambda: body, page) == body


def test_a_paragraph_that_opens_with_a_drop_cap_is_read():
    # trafilatura leaves out the drop cap's span: "ections of the road..." is still that paragraph
    cut = "ections of the ring road will close overnight for five nights from Monday for resurfacing."
    page = lxml_html.fromstring(
        "<html><body><article>"
        + "".join(f"<p>{text}</p>" for text in AGREED[:2])
        + f'<p><span class="dropcap" aria-hidden="true">S</span>{cut}</p>'
        + "".join(f"<p>{text}</p>" for text in AGREED[2:])
        + "</article></body></html>"
    )
    trafilatura = _blocks(*AGREED[:2], cut, *AGREED[2:])
    assert agree(trafilatura, lambda: _blocks(*AGREED), lambda: [], page) == trafilatura


INGREDIENTS = ["1 medium squash", "1 tin of chickpeas, drained", "2 red onions", "3 tbsp olive oil"]


def _list_page(linked: bool) -> object:
    item = "<li><a href='/recipes/{0}'>{0}</a></li>" if linked else "<li>{0}</li>"
    items = "".join(item.format(text) for text in INGREDIENTS)
    return lxml_html.fromstring(
        f"<html><body><article><div><p>{AGREED[0]}</p><p>{AGREED[1]}</p></div>"
        f"<div><h2>Ingredients</h2><ul>{items}</ul></div>"
        f"<div><p>{AGREED[2]}</p><p>{AGREED[3]}</p></div></article></body></html>"
    )


def test_the_articles_own_list_between_its_paragraphs_is_read_and_a_list_of_links_is_not():
    trafilatura = [*_blocks(*AGREED[:2]), ("head", "Ingredients"), *_blocks(*INGREDIENTS), *_blocks(*AGREED[2:])]
    readability = _blocks(*AGREED)
    assert agree(trafilatura, lambda: readability, lambda: [], _list_page(linked=False)) == trafilatura
    kept = agree(trafilatura, lambda: readability, lambda: [], _list_page(linked=True))
    assert not any(text in INGREDIENTS for _, text in kept)


def test_a_comment_thread_both_extractors_keep_is_not_read_when_its_comments_are_signed():
    thread = [
        "Comments",
        "What a fine crew they have down there, and in all weathers too.",
        "Posted by Harbour Watcher on January 10, 2019 5:58 PM",
        "Report this comment",
        "My father served on the old boat for twenty years and never once complained about the cold.",
        "Posted by Ann on January 10, 2019 4:12 PM",
        "Report this comment",
    ]
    blocks = _blocks(*AGREED, *thread)
    page = lxml_html.fromstring(
        "<html><body><article>" + "".join(f"<p>{text}</p>" for text in [*AGREED, *thread]) + "</article></body></html>"
    )
    assert agree(blocks, lambda: blocks, lambda: [], page) == _blocks(*AGREED)


def test_an_author_footer_a_cookie_notice_paywall_lines_and_references_are_not_read():
    furniture = [
        "Jane Roe has reported on the coast for more than a decade. Her work has won two awards.",
        "The Harbourton Courier uses cookies to give you the best experience on our site.",
        "Join more than 40,000 readers who get our morning briefing.",
        "You've reached your free article limit",
    ]
    references = ["References", "Roe, J. et al. (2018). Lifeboat launches on the north coast. Coastal Studies 4, 12."]
    body = "".join(f"<p>{text}</p>" for text in [*AGREED, *furniture])
    html = (
        f"<html><head><title>Rescue</title></head><body><article><h1>Rescue</h1>{body}"
        f"<h2>{references[0]}</h2><p>{references[1]}</p></article></body></html>"
    )
    paragraphs = clean_article(read_html(html)).paragraphs
    assert paragraphs == tuple(AGREED)


def test_the_first_half_of_a_split_body_that_neither_extractor_keeps_is_read_before_the_second():
    first = "".join(f"<p>{text}</p>" for text in AGREED[:2])
    second = "".join(f"<p>{text}</p>" for text in AGREED[2:])
    card = (
        "<article><h3><a href='/news/ferry'>Ferry timetable changes in spring</a></h3>"
        "<p>The ferry company said on Monday that its timetable would change in the spring, with fewer "
        "crossings.</p></article>"
    )
    page = lxml_html.fromstring(
        f"<html><body><main><article><header><h1>Rescue</h1></header><div class='body'>{first}</div>"
        f"<div class='video-embed'></div><div><div class='body'>{second}</div></div></article>"
        f"<section><h2>Recommended</h2>{card * 2}</section></main></body></html>"
    )
    second_half = _blocks(*AGREED[2:])
    assert agree(second_half, lambda: second_half, lambda: [], page) == _blocks(*AGREED)


def test_a_related_story_card_that_is_an_article_of_its_own_is_not_read():
    teaser = "The ferry company said on Monday that its timetable would change in the spring, with fewer crossings."
    card = f"<article><h3><a href='/news/ferry'>Ferry timetable changes in spring</a></h3><p>{teaser}</p></article>"
    page = lxml_html.fromstring(
        "<html><body><main><article>"
        + "".join(f"<p>{text}</p>" for text in AGREED)
        + f"</article></main><section><h2>Around the site</h2>{card}</section></body></html>"
    )
    trafilatura = _blocks(*AGREED, teaser)
    assert agree(trafilatura, lambda: _blocks(*AGREED), lambda: [], page) == _blocks(*AGREED)


def test_a_blogs_sidebar_is_not_joined_to_its_post_on_a_page_without_an_article_element():
    about = [
        "About me: I have written about the coast and its boats for nineteen years, mostly at night.",
        "Send me tips and photographs of the harbour, and I will post the best of them every week.",
    ]
    page = lxml_html.fromstring(
        "<html><body><div id='content'><div class='post'>"
        + "".join(f"<p>{text}</p>" for text in AGREED)
        + "</div><div class='about'>"
        + "".join(f"<p>{text}</p>" for text in about)
        + "</div></div></body></html>"
    )
    body, sidebar = _blocks(*AGREED), _blocks(*about)
    assert agree(sidebar, lambda: body, lambda: body, page) == body
