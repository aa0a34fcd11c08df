"""Copied text of a blog post whose comments, under their header, are signed with the reader's name
or site alone (no date, no "says"): the post is read, the thread under it is not. A page written
for this test."""

from __future__ import annotations

from narrator.ingest.readers import text as R

POST = [
    "Last spring I promised myself I would run the coast path from end to end before my fortieth birthday.",
    "I made it as far as the lighthouse before my knee gave up, and I have spent most of the summer on the "
    "sofa feeling sorry for myself.",
    "This week the physio finally said I could start again, slowly, with ten minutes of walking and one of "
    "jogging, five times over.",
    "It is not much, but it is a start, and I will write here every Sunday so that you can keep me honest.",
]
THREAD = [
    ("http://www.hilltopmiles.com Dan Fairley", "Good to have you back. Ten minutes is how everyone starts."),
    (
        "Priya",
        "Take it easy on the hills for the first month. I went back too fast after my own injury and lost "
        "another six weeks, so listen to the physio even when you feel great.",
    ),
    (
        "http://twitter.com/coastrunner Meg Hollis",
        "I did the same path two years ago and it took me three tries. You will get there, and the view "
        "from the far end is worth every step.",
    ),
    (
        "Tom Baxter",
        "Rooting for you. My physio had me doing the same plan after my ankle went last winter, and by March "
        "I was running the whole loop around the reservoir again without stopping.",
    ),
    ("http://jo.wordpress.com Jo", "Sunday posts it is then! I will be reading every week to check on you."),
]
PAGE = "\n".join(
    [
        "Miles From Home",
        "Home",
        "About",
        "Races",
        "Back on the coast path, slowly",
        "September 9, 2012",
        *POST,
        "5 Comments",
        *(line for comment in THREAD for line in comment),
        "Leave a Reply",
        "Recent Posts",
        "Ten minutes at a time",
        "The lighthouse and the knee",
        "Archives",
        "September 2012 (2) August 2012 (4) July 2012 (3)",
    ]
)


def test_a_thread_signed_with_names_alone_is_left_out_of_the_post():
    body = [p for s in R.read_text(PAGE).sections for p in s.paragraphs]
    assert body == POST
