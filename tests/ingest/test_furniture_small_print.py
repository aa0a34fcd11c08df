"""Small print that every news site carries and that no article reads out: reprint notices,
market-data credits and quote delays, subscription pitches, and a paper's reference list."""

from __future__ import annotations

import pytest

from narrator.ingest import furniture as F
from narrator.ingest.readers.html import agree


@pytest.mark.parametrize(
    "line",
    [
        "For reprint and licensing requests for this article, click here.",
        "Order a reprint of this article now",
        "Reprints & Permissions",
        "Quotes delayed at least 15 minutes. Market data provided by Interactive Data.",
        "All quotes are delayed by 20 minutes unless otherwise indicated.",
        "Market data powered by FactSet. Terms & Conditions apply.",
        "Get unlimited digital access for just $1 a week. Cancel anytime.",
        "Subscribe today for full access to our reporting.",
        "Already have an account? Subscribe now for unlimited access.",
        "Keep reading for just $1",
        "Continue reading from £1 a week",
        "Start reading for only €2 a month.",
        "Copyright 2008 The Associated Press. All rights reserved. This material may not be published, broadcast, "
        "rewritten or redistributed.",
        "This material may not be reproduced, redistributed, or manipulated in any form.",
        "This entry was posted in Recipes and tagged quince, jam by Hal. Bookmark the permalink.",
        "Skip to next paragraph",
    ],
)
def test_reprint_notices_market_data_and_subscription_pitches_are_furniture(line: str) -> None:
    assert F.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The paper's owners bought the reprint rights in 1998 and have reissued the series twice since.",
        "Trading was delayed for about 15 minutes on Tuesday after a fault in the exchange's systems.",
        "Residents said they would pay for unlimited access to the pool if the council kept it open.",
        "She said she would keep reading for fun, and for the $5 prize the library offers each summer.",
        "The court ruled that the material may not be published until the trial is over.",
        "Okafor et al. (2019) found that the glacier lost a fifth of its mass in a decade.",
    ],
)
def test_prose_that_mentions_reprints_quotes_or_access_is_not_furniture(line: str) -> None:
    assert not F.is_furniture(line)


def _body(n: int) -> list[tuple[str, str]]:
    return [
        ("p", f"Paragraph {i} of the study describes how the team measured the river's flow at dawn and dusk.")
        for i in range(n)
    ]


def test_a_papers_reference_list_after_the_body_is_not_read():
    references = [
        ("p", "Okafor, L. et al. (2019). Seasonal melt on the northern shelf. Journal of Ice Studies 12, 334–351."),
        ("p", "Brandt J, Lee K, et al. River flow in a warming climate. Hydrol. Lett. 2018;7(2):101-109."),
        ("p", "M. Sato et al., Sediment and its sources, Earth Surf. 21, 88 (2020). doi:10.1000/es.2020.88"),
    ]
    main = [*_body(6), ("head", "References"), *references]
    kept = agree(main, lambda: _body(6), lambda: [])
    assert [t for _, t in kept] == [t for _, t in _body(6)]


def test_one_sentence_that_cites_a_paper_stays():
    cited = ("p", "Okafor et al. (2019) found that the glacier lost a fifth of its mass in a decade.")
    main = [*_body(3), cited, *_body(3)]
    kept = agree(main, lambda: [*_body(3), *_body(3)], lambda: [])
    assert cited in kept


def test_a_long_reprint_notice_is_furniture():
    notice = (
        "Reprints: This copy is for your personal, non-commercial use only. To order presentation-ready copies for "
        "distribution to your colleagues, clients or customers, use the Order Reprints tool at the bottom of any "
        "article or visit our reprints page. Distribution and use of this material are governed by our "
        "Subscriber Agreement and by copyright law."
    )
    assert F.is_furniture(notice)


def test_a_paywall_price_line_under_copied_text_is_not_read():
    from narrator.ingest.readers.text import read_text

    body = [
        "The court of appeal ruled on Thursday that a night-time ban on protests outside the town hall was unlawful.",
        "Three judges found that the council had not shown the ban was needed, or that it was lawful.",
        "The council said it would study the ruling and decide within a month whether to take the case further.",
    ]
    page = "\n".join(["Ban on night protests unlawful, court rules", "By Ana Ruiz", *body, "Keep reading for just $1",
                      "Most read", "Storm closes the coast road"])  # fmt: skip
    said = "\n".join(p for s in read_text(page).sections for p in s.paragraphs)
    assert all(paragraph in said for paragraph in body)
    assert "$1" not in said


def test_an_embedded_posts_signature_may_end_with_its_time() -> None:
    assert F.is_post_signature("— Zeno Lachance (@zeno86) May. 2, 2020 6:04 PM")
    assert F.is_post_signature("— Island Voice (@islandvoice) March 3, 2021")
    assert not F.is_post_signature("— Island Voice (@islandvoice) said the boat leaves at 6:04 PM")
