"""Copied text from today's page templates: a body cut by ads, captions, promos and share bars
is read to its end, and a deals page or a live blog is read as one article. Pages written for
these tests."""

from __future__ import annotations

import numpy as np

from narrator.ingest import furniture as F
from narrator.ingest.readers import text as R
from narrator.ingest.readers.text.carry import lone_sentences

HEADER = [
    "Skip to content",
    "The Ashcombe Courier",
    "News",
    "Sport",
    "Business",
    "Culture",
    "Subscribe",
]
FOOTER = [
    "Most read",
    "1 Council approves plans for new cycle lanes on the high street",
    "2 Police appeal for witnesses after crash on coast road",
    "3 Ten things to do this weekend",
    "About us",
    "Contact us",
    "Cookie policy",
    "Terms of use",
    "© 2021 The Ashcombe Courier. All rights reserved.",
]

SPLIT_BODY = [
    "The harbour wall at Ashcombe will be rebuilt after winter storms opened a gap in it, the council said on Tuesday.",
    "Engineers found that the sea had washed out the rubble core behind a twenty-metre stretch of the old stone face.",
    "Advertisement",
    "Story continues below advertisement",
    "The repair is expected to take eight months and will close the outer quay to fishing boats until the autumn.",
    "Boats will land their catch at the inner basin instead, where the council is adding two temporary pontoons.",
    "The old harbour wall after the storm in February. Photograph: Lena Marsh/Courier",
    "Skippers said the move would cost them time on every tide, but most accepted that the wall had to be fixed.",
    "Read more: Lifeboat crew rescue two walkers cut off by the tide",
    "The council will pay for the work from its flood reserve and has asked the government for help with the rest.",
    "Advertisement",
    "A public meeting about the plans will be held at the harbour office on the first Monday of next month.",
    "Share",
    "Facebook",
    "Email",
]
SPLIT_PAGE = "\n".join(
    [
        *HEADER,
        "Harbour wall to be rebuilt after winter storms",
        "By Owen Pryce",
        "Published 9 March 2021",
        *SPLIT_BODY,
        *FOOTER,
    ]
)

PRODUCTS = [
    (
        "Fieldfare rain jacket",
        "Light, packs into its own pocket and kept us dry on a wet weekend of walking.",
        "$89.99 (was $129.99)",
    ),
    (
        "Marlow stand mixer",
        "Five speeds, a steel bowl and a dough hook that copes with bread for a family.",
        "Was £249.00, now £179.00 at Homewise",
    ),
    ("Tern wireless earbuds", "Clear sound and a case that charges them four times over.", "€59.00 (was €99.00)"),
    (
        "Oakridge camping stove",
        "Boils a litre of water in four minutes, and folds to the size of a paperback.",
        "$34.50 at Trailpost",
    ),
]
DEALS_LINES = [
    *HEADER,
    "The best spring deals we found this week",
    "By Hana Kowalczyk",
    "Updated 12 April 2021",
    "We may earn a commission if you buy through links on this page.",
    "Spring sales have started early this year, and a few things we have tested and liked are cheaper than usual.",
]
for i, (name, what, price) in enumerate(PRODUCTS):
    DEALS_LINES += [name, what, price, "Buy now", "4.5 out of 5 stars"]
    if i == 1:
        DEALS_LINES.append("Advertisement")
DEALS_PAGE = "\n".join([*DEALS_LINES, "Share", "Facebook", *FOOTER])

POSTS = [
    (
        "16:40",
        "Roads reopen in the valley",
        "Highways crews have cleared the fallen trees, and both lanes of the valley road are open again.",
    ),
    (
        "15:05",
        "Power back for most homes",
        "The network operator says power is back for all but four hundred homes on the coast.",
    ),
    (
        "13:20",
        "Schools to close early",
        "Three primary schools will close at lunchtime so that children can get home before the worst of the wind.",
    ),
    (
        "11:45",
        "Ferry sailings suspended",
        "All afternoon sailings to the islands have been cancelled, and the operator will review the forecast tonight.",
    ),
]
LIVE_LINES = [
    *HEADER,
    "Storm Imogen live: ferries cancelled and schools close early",
    "By Courier reporters",
    "Key events",
    *(f"{time} {head}" for time, head, _ in POSTS),
]
for i, (time, head, text) in enumerate(POSTS):
    LIVE_LINES += [time, head, text, "Share", "Facebook", "Copy link"]
    if i % 2:
        LIVE_LINES.append("Advertisement")
LIVE_PAGE = "\n".join([*LIVE_LINES, "Load more posts", *FOOTER])


def _script(text: str) -> str:
    """Everything the reader will narrate: section titles and paragraphs."""
    article = R.read_text(text)
    out: list[str] = []
    for section in article.sections:
        if section.title:
            out.append(section.title)
        out.extend(section.paragraphs)
    return "\n".join(out)


def test_a_body_cut_by_ads_a_caption_and_a_promo_is_read_to_its_end() -> None:
    script = _script(SPLIT_PAGE)
    for paragraph in SPLIT_BODY:
        if paragraph.endswith(".") and "Photograph:" not in paragraph and len(paragraph.split()) > 12:
            assert paragraph in script
    for furniture in ("Advertisement", "Story continues below", "Photograph:", "Read more:", "Most read"):
        assert furniture not in script


def test_a_deals_page_reads_every_product_with_its_price() -> None:
    script = _script(DEALS_PAGE)
    assert "Spring sales have started early" in script
    for name, what, price in PRODUCTS:
        assert name in script
        assert what in script
        assert price in script
    for furniture in ("Buy now", "out of 5 stars", "Advertisement", "earn a commission", "Most read"):
        assert furniture not in script


def test_a_live_blog_reads_every_post_once() -> None:
    script = _script(LIVE_PAGE)
    for _, head, text in POSTS:
        assert text in script
        assert script.count(head) == 1  # the post's headline, not the key events list too
    for furniture in ("Copy link", "Advertisement", "Load more posts", "Key events"):
        assert furniture not in script


LEAD = [
    "BRIDGWATER (Courier) - The town's last cinema will close in June after its owners failed to find a buyer.",
    "The Regal, which opened in 1936, has shown films every week since the war, apart from two months of repairs.",
    "Its owners said ticket sales had fallen by a third since 2019 and the roof needed work they could not afford.",
]
REST = [
    "A campaign to save the building has gathered four thousand signatures in a week, its organisers said.",
    "They hope to run it as a community cinema, as neighbouring towns have done with halls of a similar age.",
    "The council said it would list the building, which would stop it being pulled down while talks go on.",
    "The last screening will be the film that opened the cinema, shown on the same date eighty-eight years later.",
]
PHOTO_CUT_PAGE = "\n".join(
    [
        *HEADER,
        "Last cinema in town to close its doors",
        "Courier staff",
        "Published: Friday, 12 April 2024",
        *LEAD,
        "View larger image",
        "The Regal cinema on the high street, where films have been shown since 1936, seen from the market square "
        "on a wet afternoon last week. COURIER/Ann Whitlow",
        "Email to a friend Printer friendly",
        "Font:",
        "*",
        "*",
        "*",
        *REST,
        *FOOTER,
    ]
)


def test_a_lead_above_the_main_photo_is_read_with_the_rest() -> None:
    script = _script(PHOTO_CUT_PAGE)
    for paragraph in [*LEAD, *REST]:
        assert paragraph in script
    for furniture in ("View larger image", "COURIER/Ann Whitlow", "Printer friendly", "Most read"):
        assert furniture not in script


def test_a_caption_written_as_a_sentence_above_the_body_is_left_out() -> None:
    caption = "The owner of the Regal stands outside the cinema in Bridgwater, in this March 3, 2021, file photo."
    page = "\n".join(
        [*HEADER, "Last cinema in town to close its doors", "Jo Hart, file", caption, "Cinema website", *REST, *FOOTER]
    )
    script = _script(page)
    assert REST[0] in script
    assert caption not in script


def test_a_lead_copied_without_its_headline_is_read_from_its_first_line() -> None:
    # what a reader copies from under the site's menu: the lead, a photo's furniture, the rest
    photo = PHOTO_CUT_PAGE.split("\n")[PHOTO_CUT_PAGE.split("\n").index("View larger image") :]
    script = _script("\n".join([*HEADER, *LEAD, *photo]))
    for paragraph in [*LEAD, *REST]:
        assert paragraph in script
    assert "COURIER/Ann Whitlow" not in script


def test_a_full_sentence_the_model_doubts_between_two_body_paragraphs_is_read() -> None:
    # The model's doubt is not evidence: only known furniture or a caption stays out there.
    import numpy as np

    from narrator.ingest.readers.text.blocks import Block
    from narrator.ingest.readers.text.decoder import GAP, IN

    lines = [
        REST[0],
        "The Cinemas Act, as it is known locally, also requires that the building stays open to the public.",
        REST[1],
        "The Regal on the high street, seen from the market square last week. COURIER/Ann Whitlow",
        REST[2],
        "Advertisement",
        REST[3],
    ]
    blocks = [Block(text, i, i, True, True) for i, text in enumerate(lines)]
    states = np.array([IN, GAP, IN, GAP, IN, GAP, IN])
    interruption = np.array([line == "Advertisement" for line in lines])
    assert list(lone_sentences(blocks, states, interruption)) == [IN, IN, IN, GAP, IN, GAP, IN]


def test_a_last_section_under_its_own_subheading_is_read() -> None:
    closing = "Campaigners met on Tuesday night in the church hall and agreed to ask the council for help."
    for heading in ("Council steps in to list the Regal", "After the closure, a fight for the building"):
        page = "\n".join(
            [*HEADER, "Last cinema in town to close its doors", "By Jo Hart", *LEAD, "", heading, "", closing, *FOOTER]
        )
        article = R.read_text(page)
        assert [s.title for s in article.sections] == [None, heading]
        assert article.sections[-1].paragraphs == (closing,)



LABELLED_BODY = [
    "A ferry service between Ashcombe and the island will run all year from May, the harbour board has confirmed.",
    "The route has only run in summer since 1998, when the last winter operator gave up after two bad seasons.",
    "Image copyrightLena Marsh",
    "Image captionThe new ferry on its trial run across the bay in March",
    "The board said a second, smaller boat would cover the winter timetable, with four crossings a day instead of ten.",
    "Islanders have campaigned for a winter service for years, saying the closure cuts them off from work and school.",
    "Image copyrightAshcombe Ferries",
    "Image captionThe island jetty, where the winter boat will tie up overnight",
    "Fares will stay at summer prices for the first year, and children under twelve will travel free all year round.",
]
LABELLED_HEAD = ["Island ferry to run all year", "By Owen Pryce", "3 March 2021"]
LABELLED_PAGE = "\n".join([*HEADER, *LABELLED_HEAD, *LABELLED_BODY, "Share this story", *FOOTER])


def test_a_body_cut_by_captions_copied_with_their_labels_is_read_to_its_end() -> None:
    script = _script(LABELLED_PAGE)
    assert [p for p in LABELLED_BODY if p.endswith(".") and p not in script] == []
    assert "Image copyright" not in script and "Image caption" not in script


def test_a_related_box_and_an_embedded_post_inside_the_body_interrupt_it() -> None:
    lines = [
        "Islanders have campaigned for a winter service for years, saying the closure cuts them off from work.",
        "Related",
        "Island school to stay open after campaign",
        "Harbour wall to be rebuilt after winter storms",
        "Fares will stay at summer prices for the first year, and children under twelve will travel free.",
        "Winter crossings at last. Four a day from May, and the kids go free. pic.twitter.com/ab12Cd34Ef",
        "— Ashcombe Ferries (@ashcombeferry) March 3, 2021",
        "The first winter sailing is due to leave Ashcombe at seven in the morning.",
    ]
    blocks = R.segment("\n".join(lines))
    words = np.array([len(b.text.split()) for b in blocks], dtype=float)
    assert list(R._teasers(blocks, words)) == [False, False, True, True, False, True, True, False]


def test_an_embedded_instagram_post_interrupts_the_body_caption_and_all() -> None:
    lines = [
        "Fares will stay at summer prices for the first year, and children under twelve will travel free.",
        "View this post on Instagram",
        "First winter crossing booked. See you on the seven o'clock boat, island friends.",
        "A post shared by Ashcombe Ferries (@ashcombe.ferries) on Mar 3, 2021 at 9:14am PST",
        "The first winter sailing is due to leave Ashcombe at seven in the morning.",
    ]
    blocks = R.segment("\n".join(lines))
    words = np.array([len(b.text.split()) for b in blocks], dtype=float)
    assert list(R._teasers(blocks, words)) == [False, False, True, True, False]
    assert all(F.is_furniture(line) for line in lines[1::2][:2])


def test_a_post_between_its_time_and_its_share_bar_is_read_but_a_related_box_and_a_pull_quote_are_not() -> None:
    # Inside the body, a full sentence the decoder skipped is read unless the model all but
    # rules it out, it sits in a box a "Related" label opens, or it repeats a body paragraph.
    from narrator.ingest.readers.text.blocks import Block
    from narrator.ingest.readers.text.decoder import GAP, IN
    from narrator.ingest.readers.text.model import B

    post = "The rail operator says the coast line will now stay closed for the rest of the day."
    teaser = "A lighthouse keeper looks back on forty years of storms, wrecks and visiting seals."
    lines = [REST[0], "3.18pm GMT", post, "Share on FacebookShare on Twitter", REST[1],
             "Related stories", teaser, REST[2], REST[1], "Advertisement", REST[3]]  # fmt: skip
    blocks = [Block(text, i, i, True, True) for i, text in enumerate(lines)]
    states = np.array([IN, IN, GAP, GAP, IN, GAP, GAP, IN, GAP, GAP, IN])
    probs = np.zeros((len(lines), 6))
    probs[:, B] = 0.3
    interruption = np.array([line == "Advertisement" for line in lines])
    got = lone_sentences(blocks, states, interruption, probs)
    assert [lines[i] for i in np.flatnonzero(got == IN)] == [REST[0], "3.18pm GMT", post, REST[1], REST[2], REST[3]]
    probs[2, B] = 0.01  # the model all but rules the post out
    assert lone_sentences(blocks, states, interruption, probs)[2] == GAP


def test_an_embedded_posts_text_is_not_read_with_or_without_a_date_under_its_signature() -> None:
    body = [
        "The ferry company announced on Monday that the island service will run through the winter for the first "
        "time in twenty years.",
        "Islanders have campaigned for a winter service for years, saying the closure cuts them off from work and "
        "from the hospital on the mainland.",
        "The company's chief executive said the new boat, which can sail in heavier seas, made the change possible.",
        "Fares will stay at summer prices for the first year, and children under twelve will travel free.",
        "The first winter sailing is due to leave Ashcombe at seven in the morning on the first Monday in November.",
    ]
    posts = [
        ("Winter crossings at last, and the kids go free from May. We will see you on the seven o'clock boat.",
         "— Ashcombe Ferries (@ashcombeferry)"),
        ("Twenty years of asking and it finally happened. Thank you to everyone who signed the petition.",
         "— Island Voice (@islandvoice) March 3, 2021"),
    ]  # fmt: skip
    lines = [*HEADER, *LABELLED_HEAD, body[0], body[1], *posts[0], body[2], *posts[1], body[3], body[4], *FOOTER]
    script = _script("\n".join(lines))
    assert all(paragraph in script for paragraph in body)
    assert not any(text[:30] in script for text, _ in posts), script


def test_a_live_page_reads_on_past_an_embedded_post_its_share_tools_and_the_next_updates_time() -> None:
    updates = [
        ("02:15", "Prime minister holds her seat",
         "The prime minister has held her own seat comfortably, but told supporters she would wait for the final "
         "results before saying anything about the election as a whole."),
        ("01:40", "Liberal Union take Eastmarch",
         "The Liberal Union have won Eastmarch, a district they have never held before, on a swing of more than "
         "eleven points."),
        ("00:58", "First results in",
         "The first two districts have declared, both holds for the governing party, though with reduced majorities."),
        ("00:05", "Introduction",  # a heading the model doubts: under an update's time, it heads the update
         "Good evening and welcome to our live coverage of election night. Polls have now closed, and the first "
         "results are expected within the hour."),
    ]  # fmt: skip
    lines = [*HEADER, "Election results: counting goes on through the night", "Written by Tamsin Hale",
             "May 2, 2020"]  # fmt: skip
    for k, (time, head, text) in enumerate(updates):
        lines += [time, head, text]
        if k == 1:  # a reader's post embedded under the update, its share tools and an ad slot
            lines += ["Not surprised in the least.", "— Zeno Lachance (@zeno86) May. 2, 2020 6:04 PM",
                      "Pinterest", "WhatsApp", "Share on Facebook", "Advertisement · Scroll to continue"]  # fmt: skip
    script = _script("\n".join([*lines, "Older posts", *FOOTER]))
    assert all(text in script for _, _, text in updates), script
    assert "Not surprised" not in script and "Pinterest" not in script
