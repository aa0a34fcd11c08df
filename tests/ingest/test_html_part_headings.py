"""A buying guide's part headings stand straight over their first item's heading ("Best
budget kettles" over "Cuisora Pour 1.2L"): the listener hears both, not only the item's.
A headline over a subheading at the top of an article is not read twice."""

from __future__ import annotations

from narrator.ingest.readers.html import read_html

INTRO = [
    "We tested twenty-one kettles over three months, boiling a litre of water in each of them three times a day "
    "and timing every boil.",
    "These are the ones we would buy, grouped by what you want to spend, with the prices we found this week.",
]
ITEM = (
    "It boils a litre in just under three minutes, pours without dribbling and has a lid that opens wide enough "
    "to clean the inside by hand."
)


def _page(body: str) -> str:
    return (
        "<html><head><title>The best kettles</title></head><body><nav><a href='/'>Home</a></nav><main><article>"
        f"<h1>The best kettles</h1>{body}</article></main><footer><p>About us</p></footer></body></html>"
    )


def test_a_part_heading_over_an_item_heading_is_read_with_it():
    parts = [("Best budget kettles", "Cuisora Pour 1.2L"), ("Best kettles with temperature control", "Brewline T7")]
    body = "".join(f"<p>{p}</p>" for p in INTRO) + "".join(
        f"<h2>{part}</h2><h3>{item}</h3><p>{ITEM}</p><p>The {item} costs less than most of its rivals.</p>"
        for part, item in parts
    )
    titles = [s.title for s in read_html(_page(body)).sections if s.title]
    assert titles == ["Best budget kettles: Cuisora Pour 1.2L", "Best kettles with temperature control: Brewline T7"]


def test_a_subheading_under_the_headline_at_the_top_stays_alone():
    body = "<h2>Kettles tested</h2><h3>Twenty-one models, three months</h3>" + "".join(f"<p>{p}</p>" for p in INTRO)
    titles = [s.title for s in read_html(_page(body)).sections if s.title]
    assert titles == ["Twenty-one models, three months"]
