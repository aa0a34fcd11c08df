"""The page's JSON-LD articleBody as a cross-check of what the body is: what it holds is read,
and when it is whole, what neither it nor readability has is not."""

from __future__ import annotations

import json

from narrator.ingest.readers.html import agree, read_html

BODY = [
    ("p", f"Paragraph {i} says the lifeboat crew launched at dawn and reached the stranded yacht within the hour.")
    for i in range(5)
]
FEATURES = [("p", "Three bedrooms"), ("p", "A walled garden"), ("p", "Parking for two cars")]
TEASER = ("p", "In other news, the ferry company said on Monday that its timetable would change in the spring.")


def _copy(blocks: list[tuple[str, str]], tail: str = "") -> str:
    return "\n\n".join(text for _, text in blocks) + tail


def test_short_lines_the_articlebody_has_are_read_though_readability_leaves_them_out():
    main = [*BODY[:3], *FEATURES, *BODY[3:]]
    kept = agree(main, lambda: BODY, lambda: [], ld_body=_copy(main))
    assert all(line in kept for line in FEATURES)


def test_a_paragraph_neither_a_whole_articlebody_nor_readability_has_is_not_read():
    main = [*BODY, TEASER]
    kept = agree(main, lambda: BODY, lambda: [], ld_body=_copy(BODY))
    assert kept == BODY


def test_an_articlebody_cut_short_or_a_summary_drops_nothing():
    main = [*BODY, TEASER]
    cut = _copy(BODY[:4]) + " The crew…"
    summary = BODY[0][1] + " " + BODY[1][1]
    assert agree(main, lambda: BODY, lambda: [], ld_body=cut) == main
    assert agree(main, lambda: BODY, lambda: [], ld_body=summary) == main


def test_a_page_reads_its_articlebody_from_json_ld():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Lifeboat rescue",
          "articleBody": _copy([*BODY[:3], *FEATURES, *BODY[3:]])}  # fmt: skip
    paragraphs = "".join(f"<p>{text}</p>" for _, text in BODY[:3])
    features = "".join(f"<p>{text}</p>" for _, text in FEATURES)
    rest = "".join(f"<p>{text}</p>" for _, text in BODY[3:])
    html = (
        f'<html><head><title>Lifeboat rescue</title><script type="application/ld+json">{json.dumps(ld)}</script>'
        f"</head><body><article><h1>Lifeboat rescue</h1>{paragraphs}{features}{rest}</article></body></html>"
    )
    article = read_html(html, source="rescue.html")
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert all(t in text for _, t in BODY)
    assert all(t in text for _, t in FEATURES)
