"""The article's own list (ingredients, a line-up) is read when the body's prose stands on both
sides of it in the same block, even when readability keeps only the prose before it (a body
split in two): the prose after it need only be the article's, not both extractors'."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.readers.html import agree

BEFORE = [
    "This is the supper I make on a weeknight when I cannot face washing up more than one tray.",
    "Heat the oven to 200C and peel the squash if you like, though I usually leave the skin on.",
]
INGREDIENTS = ["1 medium squash", "1 tin of chickpeas, drained", "2 red onions", "3 tbsp olive oil"]
AFTER = [
    "Toss everything with the oil and plenty of salt, then spread it out on a large roasting tray.",
    "Roast for 35 to 40 minutes, turning once, until the squash is soft and catching at the edges.",
]


def _page(linked: bool) -> object:
    item = "<li><a href='/recipes/{0}'>{0}</a></li>" if linked else "<li>{0}</li>"
    items = "".join(item.format(text) for text in INGREDIENTS)
    return lxml_html.fromstring(
        f"<html><body><article><div>{''.join(f'<p>{t}</p>' for t in BEFORE)}</div>"
        f"<div><ul>{items}</ul></div><div>{''.join(f'<p>{t}</p>' for t in AFTER)}</div></article></body></html>"
    )


def test_a_list_between_prose_only_trafilatura_keeps_after_it_is_read_and_a_list_of_links_is_not():
    trafilatura = [("p", text) for text in [*BEFORE, *INGREDIENTS, *AFTER]]
    readability = [("p", text) for text in BEFORE]
    assert agree(trafilatura, lambda: readability, lambda: [], _page(linked=False)) == trafilatura
    kept = agree(trafilatura, lambda: readability, lambda: [], _page(linked=True))
    assert not any(text in INGREDIENTS for _, text in kept)
