"""Copied text of a blog post whose comments, under their header, are signed with the reader's name
or site alone (no date, no "says"): the post is read, the thread under it is not. A page written
for this test."""

from __future__ import annotations

from narrator.ingest.readers import text as R
from narrator.ingest.readers.text.comments import thread_start

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


# A blog whose thread header names the post ("4 Responses to <its title>"), however long the
# title, with each comment signed by a name and a date above it.
TITLE = "Why Our Small Library Should Stop Waiting for the Publishers and Start Talking to Readers"
LIBRARY_POST = [
    "For three years our library has asked publishers, politely, to sell us e-books on the same terms as "
    "paper ones, and for three years the answer has been no.",
    "It is time to take the argument to the people who borrow the books. Most of them have no idea that a "
    "library pays three times the shop price for a licence that runs out after two years.",
    "I would start with a single page of plain facts, a way to write to a representative, and a list of "
    "the groups that already care about this, from authors to teachers.",
]
LIBRARY_THREAD = [
    ("Barbara", "The authors' society published a good list of the same concerns two years ago, and all "
                "of it still stands. It would be worth linking to it from the page you describe."),
    ("Ian", "Libraries in three counties have already joined a campaign of this kind. Their page sets out "
            "what a licence costs, how long it lasts and what a reader can do about it, and it has been "
            "shared by teachers, authors and local papers since it went up in the spring."),
    ("Ruth", "Publishers argue that a library loan is a lost sale, but the figures they cite come from a "
             "survey of their own customers, and independent studies of borrowing have found the opposite: "
             "readers who borrow an author's book often go on to buy the next one."),
]


def test_a_thread_headed_by_the_posts_long_title_is_not_read():
    lines = [TITLE, "Posted by Bea Lund on October 14, 2012", *LIBRARY_POST, "Similar Posts:",
             "Talking to Patrons About E-book Prices", "Share this post", f"4 Responses to {TITLE}"]  # fmt: skip
    for name, comment in LIBRARY_THREAD:
        lines += [name, "October 14, 2012 at 5:36 pm", comment, "Rate This: 0 0", "Reply"]
    page = "\n".join(lines)
    said = "\n".join(p for s in R.read_text(page).sections for p in s.paragraphs)
    assert all(paragraph in said for paragraph in LIBRARY_POST)
    assert not any(comment[:40] in said for _, comment in LIBRARY_THREAD), said
    # the header is where the thread begins, for the rules that end a body there
    blocks = R.segment(page)
    assert blocks[thread_start(blocks)].text == f"4 Responses to {TITLE}"
