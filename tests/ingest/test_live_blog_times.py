"""A live blog's updates are read with the time each was posted, as a newsreader gives it; an
article with one time in its header gets no such heading. Pages written for these tests."""

from __future__ import annotations

from narrator.ingest.readers.html import read_html

UPDATES = [
    ("16:05 BST", "Polls close", ["Polling stations closed at ten, and the first ballot boxes are on their way."]),
    ("15:20 BST", None, ["Turnout in the town centre looked higher than last time, the returning officer said.",
                         "Queues formed outside two schools in the last hour, where voters waited twenty minutes."]),
    ("14:02 BST", "Rain holds off", ["The forecast showers have not arrived, and party workers say that has helped."]),
]  # fmt: skip


def _update(time: str, heading: str | None, paragraphs: list[str]) -> str:
    head = f"<h2>{heading}</h2>" if heading else ""
    return (
        f'<article class="update"><time datetime="2024-05-02T{time[:5]}:00+01:00">{time}</time>{head}'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + '<div class="share"><a href="#">Share</a></div></article>'
    )


def _page(body: str) -> str:
    return (
        "<html><head><title>County election: live | The Ashcombe Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><h1>County election: live</h1>"
        f"{body}</main><footer><p>© 2024 The Ashcombe Courier</p></footer></body></html>"
    )


def test_each_update_is_read_under_its_time():
    page = _page('<div class="live-feed">' + "".join(_update(*u) for u in UPDATES) + "</div>")
    sections = read_html(page, source="live.html").sections
    titles = [s.title for s in sections]
    assert titles == ["16:05 BST. Polls close", "15:20 BST", "14:02 BST. Rain holds off"]
    assert [p for s in sections for p in s.paragraphs] == [p for *_, ps in UPDATES for p in ps]


def test_an_article_with_one_time_in_its_header_gets_no_time_heading():
    paragraphs = [p for *_, ps in UPDATES for p in ps]
    page = _page(
        '<article><header><time datetime="2024-05-02T16:05:00+01:00">16:05 BST</time></header>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article>"
    )
    sections = read_html(page, source="article.html").sections
    assert [s.title for s in sections] == [None]
    assert list(sections[0].paragraphs) == paragraphs
