"""A readers' comment thread after the article is not read, whichever way its comments are
signed: "Posted by: Ann | Mar 20, 2007 10:19 PM" (a pipe and a colon), "Posted by: Ann,
Harbourton on 8:21pm Tue 1 Jan 08" (a place and a two-digit year). One signature is the
article's own byline and proves nothing."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.readers.html import agree

BODY = [
    "The council voted on Tuesday to keep the town's last public library open for another five years.",
    "Campaigners had gathered outside the town hall since the morning, holding books above their heads.",
    "The library's budget will be paid for by cutting the grant to the summer festival, the leader said.",
    "Staff said they had learned of the decision from a reporter's call and were still taking it in.",
]
REMARKS = [
    "Good news at last, my children have borrowed half the shelves in that place over the years.",
    "It will close in five years anyway, they are only putting off the decision until after the election.",
    "Shame about the festival, but books matter more than a weekend of bands in the park.",
]


def _blocks(*texts: str) -> list[tuple[str, str]]:
    return [("p", text) for text in texts]


def _agreed(signatures: list[str], *, heading: str = "Comments") -> list[tuple[str, str]]:
    thread = [heading] + [line for remark, sign in zip(REMARKS, signatures, strict=True) for line in (remark, sign)]
    blocks = _blocks(*BODY, *thread)
    page = lxml_html.fromstring(
        "<html><body><div class='content'>" + "".join(f"<p>{t}</p>" for t in [*BODY, *thread]) + "</div></body></html>"
    )
    # readability keeps the whole block, thread and all: the extractors agree on it
    return agree(blocks, lambda: blocks, lambda: [], page)


def test_comments_signed_posted_by_with_a_pipe_before_the_date_are_not_read():
    signatures = [
        "Posted by: readinglamp | Mar 20, 2007 10:19:46 PM",
        "Posted by: Jon | Mar 20, 2007 11:21:10 PM",
        "Posted by: Maria van der Berg | Mar 21, 2007 9:03:46 AM",
    ]
    assert _agreed(signatures) == _blocks(*BODY)


def test_comments_signed_with_a_place_and_a_short_year_are_not_read():
    signatures = [
        "Posted by: tom3465, Harbourton on 8:21pm Tue 1 Jan 08",
        "Posted by: Voice of Reason, Harbourton on 5:07pm Wed 2 Jan 08",
        "Posted by: King Alfred on 9:55am Wed 2 Jan 08",
    ]
    assert _agreed(signatures) == _blocks(*BODY)


def test_the_articles_own_signature_alone_is_not_a_thread():
    blocks = _blocks(*BODY, "Posted by: Jane Roe | Mar 20, 2007 10:19:46 PM", *REMARKS[:1])
    page = lxml_html.fromstring(
        "<html><body><div>" + "".join(f"<p>{t}</p>" for _, t in blocks) + "</div></body></html>"
    )
    assert agree(blocks, lambda: blocks, lambda: [], page) == blocks


def test_the_posts_own_signature_and_the_trackbacks_before_the_comments_are_kept():
    own = ["Posted by Jane Roe on March 20, 2007 | Permalink", "TrackBack"]
    trackback = "Listed below are the weblogs that wrote about this post, with a line of each of their posts."
    signatures = [f"Posted by: reader{n} | Mar 21, 2007 {n}:10:00 PM" for n in range(1, 4)]
    thread = ["Comments"] + [line for remark, sign in zip(REMARKS, signatures, strict=True) for line in (remark, sign)]
    blocks = _blocks(*BODY, *own, trackback, *thread)
    page = lxml_html.fromstring(
        "<html><body><div>" + "".join(f"<p>{t}</p>" for _, t in blocks) + "</div></body></html>"
    )
    assert agree(blocks, lambda: blocks, lambda: [], page) == _blocks(*BODY, *own, trackback)


def test_a_live_blogs_entries_signed_with_a_time_only_are_read():
    entries = [
        "Posted by Jane Roe at 10:15 AM",
        "The first boats have left the harbour and the crowd on the pier is bigger than last year.",
        "Posted by Jane Roe at 10:40 AM",
        "The leading boat has rounded the first buoy, with two others close behind it in the swell.",
        "Posted by John Doe at 11:05 AM",
        "Rain has started to fall but nobody on the pier seems to be leaving for the cafes just yet.",
    ]
    blocks = _blocks(*BODY[:2], *entries)
    page = lxml_html.fromstring(
        "<html><body><div>" + "".join(f"<p>{t}</p>" for _, t in blocks) + "</div></body></html>"
    )
    assert agree(blocks, lambda: blocks, lambda: [], page) == blocks


def test_comments_signed_with_a_bare_name_over_each_are_not_read():
    thread = ["Comments are now closed for this story"]
    for name, remark in zip(["Stephen B", "Frank @ Harbourton", "J-F (Millport)"], REMARKS, strict=True):
        thread += [name, remark]
    blocks = _blocks(*BODY, *thread)
    assert agree(blocks, lambda: blocks, lambda: [], _page(blocks)) == _blocks(*BODY)


def test_an_articles_subheadings_under_a_comments_mark_in_its_text_are_read():
    # a mark with sections of the article under it, not names over comments: two, each over a paragraph
    blocks = _blocks(*BODY[:2], "Reader comments", *BODY[2:3], "What the council said", *BODY[3:])
    assert agree(blocks, lambda: blocks, lambda: [], _page(blocks)) == blocks


def _page(blocks: list[tuple[str, str]]):
    paragraphs = "".join(f"<p>{t}</p>" for _, t in blocks)
    return lxml_html.fromstring(f"<html><body><div>{paragraphs}</div></body></html>")


def test_an_articles_one_word_subheadings_after_its_comment_part_are_read():
    # "Comment" heads a part of the article here, and so do the one-word headings after it
    parts = [("head", "Comment"), ("p", REMARKS[0]), ("head", "Briefing"), ("p", REMARKS[1])]
    parts += [("head", "Analysis"), ("p", REMARKS[2]), ("head", "Data"), ("p", BODY[0])]
    blocks = [*_blocks(*BODY), *parts]
    assert agree(blocks, lambda: blocks, lambda: [], _page(blocks)) == blocks
