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
