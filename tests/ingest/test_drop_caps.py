"""A drop cap: the first letter of an article in a span of its own, often hidden from
screen readers. The extractor leaves that span out; the listener must still hear "The
finance minister", not "he finance minister"."""

from __future__ import annotations

import pytest

from narrator.ingest.readers.html import read_html

PARAGRAPHS = [
    "The finance minister said on Tuesday that the fuel duty would rise by two cents a litre from the first "
    "of next month, the third rise this year.",
    "Opposition leaders called the plan a tax on commuters and said they would vote against it when the budget "
    "comes before parliament in the spring.",
    "Hauliers warned that prices in the shops would follow, while economists said the effect on inflation would "
    "be small but would last for some months.",
    "The ministry said the money would pay for road repairs across the country, many of which have been delayed "
    "for years because of earlier cuts.",
]


def _page(first_paragraph: str) -> str:
    body = first_paragraph + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    return (
        "<html><head><title>Fuel duty to rise</title></head><body><header><nav><a href='/'>Home</a> "
        f"<a href='/news'>News</a></nav></header><main><article><h1>Fuel duty to rise</h1>{body}</article></main>"
        "<footer><p>About us</p></footer></body></html>"
    )


def _paragraphs(html: str) -> list[str]:
    return [p for s in read_html(html).sections for p in s.paragraphs]


@pytest.mark.parametrize("hidden", [' aria-hidden="true"', ""])
def test_a_drop_caps_letter_is_read_with_its_word(hidden):
    first = PARAGRAPHS[0]
    html = _page(f'<p><span class="dropcap"{hidden}>{first[0]}</span>{first[1:]}</p>')
    assert _paragraphs(html) == PARAGRAPHS


def test_a_drop_cap_whose_word_is_also_written_out_for_screen_readers_is_read_once():
    first = PARAGRAPHS[0]
    html = _page(f'<p><span class="dropcap" aria-hidden="true">T</span><span class="visually-hidden">The</span>'
                 f'{first[3:]}</p>')  # fmt: skip
    assert _paragraphs(html)[0].startswith("The finance minister")


def test_a_paragraph_that_starts_lower_case_on_the_page_stays_as_written():
    opening = ("iPhone sales rose by a fifth in the quarter, the company said on Thursday, helped by a cheaper model "
               "and strong demand in India.")  # fmt: skip
    html = _page(f"<p>{opening}</p>")
    assert _paragraphs(html)[0] == opening


@pytest.mark.parametrize("hidden", [' aria-hidden="true"', ""])
def test_a_drop_cap_that_is_a_word_of_its_own_is_read(hidden):
    first = "A two-cent rise in the fuel duty will take effect from the first of next month, the finance minister said."
    html = _page(f'<p><span class="dropcap"{hidden}>A</span> {first[2:]}</p>')
    assert _paragraphs(html)[0] == first
