"""What only trafilatura keeps after the body: a block far from the body in the page (another
column, the page's foot) is not read; the body's next block after an ad is."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.readers.html import agree

AGREED = [
    ("p", f"Paragraph {i} says the lifeboat crew launched at dawn and reached the stranded yacht within the hour.")
    for i in range(4)
]
NEXT_BLOCK = ("p", "The second half of the story says the yacht's owner thanked the crew and the coastguard.")
FAR_AWAY = ("p", "A bakery on the high street has won a national award for its sourdough, the judges announced.")


def _page() -> object:
    body = "".join(f"<p>{text}</p>" for _, text in AGREED)
    return lxml_html.fromstring(
        "<html><body><div><div><article>"
        f'<div class="part">{body}</div><div class="slot"></div><div class="part"><p>{NEXT_BLOCK[1]}</p></div>'
        "</article></div></div>"
        f'<div class="column"><div><div><div><div><p>{FAR_AWAY[1]}</p></div></div></div></div></div>'
        "</body></html>"
    )


def test_a_paragraph_far_from_the_body_after_it_is_not_read_and_the_bodys_next_block_is():
    main = [*AGREED, NEXT_BLOCK, FAR_AWAY]
    kept = agree(main, lambda: AGREED, lambda: [], _page())
    assert kept == [*AGREED, NEXT_BLOCK]
