"""Blocks named as furniture are not read, however the page spells their names: a photo
gallery's captions, a readers' comment list or a related-stories box named in camelCase
("photoGalleryContainer", "commentList") go like their hyphenated cousins; a body named
"storyBody" stays."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.readers.html import agree

BODY = [
    "The ferry company said on Tuesday that its oldest ship would be retired at the end of the season.",
    "Passengers on the island route have complained for years about breakdowns and cancelled sailings.",
    "A replacement vessel, built in a yard up the coast, is due to enter service next spring.",
    "Islanders welcomed the news but said they would believe it when they saw the new boat arrive.",
]
CAPTIONS = [
    "The old ferry leaves the harbour on a grey morning, with a handful of cars on its deck.",
    "Crew members tie up at the island pier after a crossing that took twice as long as usual.",
    "Passengers wait in the terminal after the afternoon sailing was cancelled for the third time.",
]
COMMENTS = [
    "About time too, the old boat has been falling apart since I was at school on the island.",
    "I will miss her, she carried my family across that water for thirty years without a fuss.",
]


def _blocks(*texts: str) -> list[tuple[str, str]]:
    return [("p", text) for text in texts]


def _page(gallery: str, comments: str) -> object:
    body = "".join(f"<p>{text}</p>" for text in BODY)
    photos = "".join(f'<div class="photoItem"><img src="/{n}.jpg"><p>{t}</p></div>' for n, t in enumerate(CAPTIONS))
    thread = "".join(f'<div class="commentItem"><p>{text}</p></div>' for text in COMMENTS)
    return lxml_html.fromstring(
        f'<html><body><div id="mainArea"><div class="storyBody">{body}</div>'
        f'<div class="{gallery}"><div class="galleryInner">{photos}</div></div>'
        f'<div class="storyFooter"><div class="outer"><div class="inner"><div id="{comments}">{thread}</div>'
        "</div></div></div></div></body></html>"
    )


def test_a_gallery_and_a_comment_list_named_in_camel_case_are_not_read_and_the_story_body_is():
    trafilatura = _blocks(*BODY, *CAPTIONS, *COMMENTS)
    readability = _blocks(*BODY)
    kept = agree(trafilatura, lambda: readability, lambda: [], _page("photoGalleryContainer", "userCommentList"))
    assert kept == _blocks(*BODY)


def test_the_same_names_hyphenated_were_already_furniture():
    trafilatura = _blocks(*BODY, *CAPTIONS, *COMMENTS)
    readability = _blocks(*BODY)
    kept = agree(trafilatura, lambda: readability, lambda: [], _page("photo-gallery-container", "user-comment-list"))
    assert kept == _blocks(*BODY)


def test_a_gallery_both_extractors_keep_is_not_read_when_the_story_is_beside_it():
    blocks = _blocks(*BODY, *CAPTIONS)
    page = _page("storyGalleryContainer", "userCommentList")
    assert agree(blocks, lambda: blocks, lambda: [], page) == _blocks(*BODY)


def test_a_page_that_is_only_a_gallery_keeps_its_captions():
    photos = "".join(f'<div class="slide"><img src="/{n}.jpg"><p>{t}</p></div>' for n, t in enumerate(CAPTIONS))
    page = lxml_html.fromstring(f'<html><body><div class="photoGallery">{photos}</div></body></html>')
    blocks = _blocks(*CAPTIONS)
    assert agree(blocks, lambda: blocks, lambda: [], page) == blocks
