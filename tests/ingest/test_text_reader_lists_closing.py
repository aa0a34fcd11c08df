"""Copied text whose last paragraph introduces a list with a colon: the list is the
article's, up to the page's own lists. A page written for this test."""

from __future__ import annotations

import pytest

from narrator.ingest.readers.text import read_text

BODY = [
    "The next camera in the range will be announced in the autumn, two people who have seen it said this "
    "week, and it will replace a model that has sold well since its launch three years ago.",
    "The new camera will differ from the old one in a handful of ways that matter to most buyers:",
]
ITEMS = [
    "It will use the same 24-megapixel sensor",
    "A faster processor, as in the larger model",
    "ISO range: 100 to 6,400, expandable to 25,600",
    "Continuous shooting at five frames a second",
    "A screen that swings out and turns",
]
PAGE = "\n".join([
    "Next camera due in the autumn | Lens Rumours",
    "Lens Rumours",
    "Home", "Cameras", "Lenses",
    "Next camera due in the autumn",
    *BODY,
    *ITEMS,
    "Related posts:",
    "More on the wireless features of the last model",
    "Some fresh rumours about the flagship",
    "Share this:",
])  # fmt: skip


def test_a_list_the_last_paragraph_introduces_is_read_and_the_related_posts_are_not():
    said = "\n".join(p for s in read_text(PAGE).sections for p in s.paragraphs)
    for line in BODY + ITEMS:
        assert line in said
    assert "wireless features" not in said and "Related posts" not in said


@pytest.mark.parametrize(
    "opener", ["Latest in Cameras:", "If you enjoyed this article, you may also like these stories from our team:"]
)
def test_a_line_that_opens_the_page_own_list_after_the_body_opens_no_list(opener):
    page = PAGE.replace(BODY[1], opener)
    said = "\n".join(p for s in read_text(page).sections for p in s.paragraphs)
    assert not any(item in said for item in ITEMS)


def test_a_list_the_last_paragraph_says_follows_is_read():
    page = PAGE.replace(BODY[1], "The changes are as follows.")
    said = "\n".join(p for s in read_text(page).sections for p in s.paragraphs)
    assert all(item in said for item in ITEMS)
