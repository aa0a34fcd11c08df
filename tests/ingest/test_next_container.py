"""A body split in two by an embed and an ad rail: when neither extractor keeps the second
block, its prose is still read; a card or a menu beside the body is not."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.readers.html import agree

FIRST = [
    ("p", f"Paragraph {i} says the lifeboat crew launched at dawn and reached the stranded yacht within the hour.")
    for i in range(3)
]
SECOND = [
    ("p", "The yacht's owner later thanked the crew, saying the sea had risen faster than any forecast had warned."),
    ("p", "The coastguard said the rescue was the fourth on that stretch of coast since the start of the summer."),
]


def _page(extra: str = "") -> object:
    first = "".join(f"<p>{text}</p>" for _, text in FIRST)
    second = "".join(f"<div><p>{text}</p></div>" for _, text in SECOND)
    return lxml_html.fromstring(
        f"<html><body><main><article><header><h1>Rescue</h1></header><div>{first}</div>"
        '<div class="embed-slot"></div><aside><p>Advertisement</p></aside>'
        f"<div>{second}</div>{extra}</article></main></body></html>"
    )


def test_the_second_block_of_a_split_body_that_neither_extractor_keeps_is_read():
    kept = agree(FIRST, lambda: FIRST, lambda: [], _page())
    assert kept == [*FIRST, *SECOND]


def test_a_related_story_card_beside_the_body_is_not_read():
    card = (
        '<div><h3><a href="/news/ferry">Ferry timetable changes in spring</a></h3>'
        "<p>The ferry company said on Monday that its timetable would change in the spring, with fewer crossings.</p>"
        "<p>Passengers will be able to book the new sailings from the first of the month, the company said.</p></div>"
    )
    kept = agree(FIRST, lambda: FIRST, lambda: [], _page(card))
    assert all("ferry" not in text.lower() for _, text in kept)


UPDATES = [
    ("Kestrels 3 Rovers 2", "At Coldwater, Jonah Pike scored in overtime to lift the Kestrels past the Rovers."),
    ("Hawks 4 Pilots 2", "The Hawks won their seventh straight game on Tuesday night, beating the Pilots."),
]


def _update(time: str, heading: str | None, paragraphs: list[str]) -> str:
    head = f"<h2>{heading}</h2>" if heading else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f'<article class="live-update"><time>{time}</time>{head}{body}</article>'


def test_a_live_blog_update_of_one_paragraph_in_a_block_of_the_body_kind_is_read_with_its_heading():
    first = [text for _, text in FIRST[:2]]
    updates = "".join(
        f'<aside class="ad-slot"><p>Advertisement</p></aside><div class="wrap">{_update("14:40", h, [p])}</div>'
        for h, p in UPDATES
    )
    blurb = '<div class="promo"><p>Sign up and get every result from the league sent straight to your phone.</p></div>'
    blog = f"<div class='blog'>{_update('15:40', None, first)}{updates}{blurb}</div>"
    tree = lxml_html.fromstring(f"<html><body><main>{blog}</main></body></html>")
    kept = agree(FIRST[:2], lambda: FIRST[:2], lambda: [], tree)
    assert kept == [*FIRST[:2], *(block for h, p in UPDATES for block in (("head", h), ("p", p)))]


def test_a_related_story_card_in_trafilaturas_body_goes_when_readability_picks_a_cookie_banner():
    card = "The ferry company said on Monday that its timetable would change in the spring."
    tree = lxml_html.fromstring(
        "<html><body><main><article><h1>Rescue</h1>"
        + "".join(f"<p>{text}</p>" for _, text in FIRST)
        + '</article></main><section><h2>Related stories</h2><article><h3><a href="/news/ferry">Ferry timetable'
        f" changes</a></h3><p>{card}</p></article></section></body></html>"
    )
    main = [*FIRST, ("p", card)]
    kept = agree(main, lambda: [("p", "We use cookies to improve your experience.")], lambda: [], tree)
    assert kept == FIRST


def test_a_lists_items_after_those_the_extractors_keep_are_read_past_ads_cards_and_pictures():
    intro = "Here is our pick of what is happening around the county this weekend, from markets to walks."
    items = [
        "Farmers' market, Market Square, Saturday 9am. More than forty stalls selling local food.",
        "Bat walk at Hollin Woods, Saturday 8pm. Rangers lead a walk with bat detectors.",
        "Vintage bus rally, Station Road, Sunday 10am. Free rides on restored buses.",
        "Beach clean, South Sands, Sunday 11am. Gloves provided.",
        "Stargazing evening, Castle Hill, Saturday 9pm.",
    ]
    slides = []
    for n, item in enumerate(items):
        picture = '<figure><img src="/p.jpg"><figcaption>A view of the area. Picture: Ann Lee</figcaption></figure>'
        slides.append(f'<div class="slide"><h2 class="subhead">{item}</h2>{picture if n % 2 else ""}</div>')
        slides.append('<div class="advert"><p class="advert-label">Advertisement</p></div>')
        if n == 2:
            slides.append('<aside class="inline-card"><a href="/story/1"><span>Other news</span></a></aside>')
    tree = lxml_html.fromstring(
        f"<html><body><main><div class='body'><p>{intro}</p>{''.join(slides)}</div></main></body></html>"
    )
    main = [("p", intro), ("p", items[0]), ("p", items[1])]
    kept = agree(main, lambda: main, lambda: [], tree)
    assert kept == [("p", intro), *(("p", item) for item in items)]


def test_a_grid_of_promo_cards_after_the_body_is_not_read():
    """A block of cards after the story (a picture, a heading and a line or two each: the
    station's other programmes) is prose, but not the story going on."""
    cards = "".join(
        f'<h3>{name}</h3><p><img src="/{k}.jpg" alt=""></p><p>{line}</p>'
        for k, (name, line) in enumerate([
            ("Summer Report", "Our reporter is back for a sixth season of news and features from around the country."),
            ("Storytime", "A selection of children's stories, now available for download on every device."),
            ("Evening music", "Relax in the evening as our host introduces live interviews, documentaries and music."),
            ("Documentary", "This ten-part series about the band will be released as a web-only feature this summer."),
        ])
    )  # fmt: skip
    kept = agree(FIRST, lambda: FIRST, lambda: [], _page(f'<div id="features"><h2>Features</h2>{cards}</div>'))
    assert kept == [*FIRST, *SECOND]
