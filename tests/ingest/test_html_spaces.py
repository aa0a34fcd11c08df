"""The spaces between words survive extraction: trafilatura trims the text after a <br>
and the whitespace between inline tags, which glued "my book" to an italic title after
it ("bookWelcome"), a word the voice can't say."""

from __future__ import annotations

from narrator.ingest.readers.html import read_html

OPENING = (
    "<p>The council published the letters on Monday, a week after the library board voted to keep the "
    "books on its shelves, and the writer's family gave permission to print them in full.</p>"
    "<p>Both were written by hand and sent to the head teacher of the school that had asked for the "
    "novel to be taken out of its reading list last spring.</p>"
)


def _paragraphs(letter: str) -> list[str]:
    html = (
        "<html><head><title>The letters</title></head><body><nav><a href='/'>Home</a></nav><main><article>"
        f"<h1>The letters</h1>{OPENING}<blockquote>{letter}</blockquote>"
        "<p>The school said it would answer the family in writing before the end of the month.</p>"
        "</article></main><footer><p>About us</p></footer></body></html>"
    )
    return [p for s in read_html(html).sections for p in s.paragraphs]


def test_a_line_after_a_break_keeps_the_space_before_an_italic_title():
    letter = (
        "Dear Mrs. Hale,<br />\n<br />\nMy publisher has just sent me a copy of your letter about my book "
        "<i>The Orchard Gate</i>. You have my sympathy, and I thank you for reading it with your class.<br />\n"
        "<br />\nYours truly,<br />\nA. Writer"
    )
    text = " ".join(_paragraphs(letter))
    assert "about my book The Orchard Gate. You have my sympathy" in text
    assert "bookThe" not in text


def test_words_in_neighbouring_inline_tags_stay_apart():
    letter = (
        "I spoke about it again<br />\n<span>in</span> <a href='/talk'>this talk at the library</a> "
        "<span>from earlier this autumn</span>, and I was <em>really</em> glad to hear the questions."
    )
    text = " ".join(_paragraphs(letter))
    assert "in this talk at the library from earlier this autumn" in text
    assert "really glad" in text


def test_a_word_formatted_in_parts_stays_one_word():
    letter = (
        "My answer is short.<br />\nIt was an <b>un</b>believable request, and I said so to the "
        "board in a letter of my own."
    )
    text = " ".join(_paragraphs(letter))
    assert "an unbelievable request" in text
