"""Copied text of a how-to: each part is a heading, its steps (short lines with no full stop
that the model takes for furniture) and a sentence after them, and the body goes on through
every part; a box of other stories' headlines under its label is not a part. A page written
for this test."""

from __future__ import annotations

from narrator.ingest.readers.text import read_text

TOP = [
    "Skip to content",
    "Gadget Notes",
    "Mac",
    "iPhone",
    "Apps",
    "How To",
    "Deals",
    "Advertisement",
    "How to move your photo library to an external drive with Shoebox",
    "Ella Moreno",
    "Mar 2 2021 - 9:15 am PT",
    "8 Comments",
]
INTRO = [
    (
        "A photo library grows quietly until the day your Mac says its disk is full, and moving it to an external"
        " drive is the easiest way to win back the space."
    ),
    (
        "Shoebox, a free utility, moves the library for you and keeps the app pointed at the new location, so"
        " nothing in your albums changes."
    ),
]
PARTS = [
    (
        "How to move the library",
        [
            "Quit the Photos app and connect your external drive",
            "Open Shoebox and click Choose Library",
            "Pick the drive in the sidebar and click Move",
            "Wait for the progress bar to finish before unplugging anything",
        ],
        (
            "The move can take an hour or more for a large library, so it is best to start it in the evening and"
            " let it run."
        ),
    ),
    (
        "How to check that it worked",
        [
            "Open Photos while holding the Option key",
            "Select the library on the external drive",
            "Scroll back a few years to make sure older pictures open",
        ],
        (
            "If an album looks empty, wait a few minutes: Photos rebuilds its thumbnails the first time it opens a"
            " moved library."
        ),
    ),
]
FOOT = [
    "Advertisement - scroll for more content",
    "FTC: We use income earning auto affiliate links. More.",
    "Guides",
    "How To",
    "Comments",
    "Trending",
    "The best menu bar apps for your Mac",
    "About",
    "Privacy",
    "© 2021 Gadget Notes",
]
lines = [*TOP, *INTRO]
expected = [*INTRO]
for head, steps, after in PARTS:
    lines += ["Advertisement - scroll for more content", head, *steps, after]
    expected += [head, *steps, after]


def _said(page: str) -> list[str]:
    article = read_text(page)
    return [
        line
        for section in article.sections
        for line in ((section.title,) if section.title else ()) + section.paragraphs
    ]


def test_every_part_of_a_how_to_is_read_heading_steps_and_the_sentence_after() -> None:
    assert _said("\n".join([*lines, *FOOT])) == expected


def test_a_box_of_headlines_under_its_label_is_not_read_as_a_part() -> None:
    box = [
        "More stories",
        "Lighthouse lamp found after 40 years in a garden shed",
        "Farmers face a third dry summer as reservoirs run low",
        "Why clear page titles beat clever ones",
        "I planted twenty-four lettuces at the start of May and the slugs ate all but two.",
    ]
    page = "\n".join([*TOP, *INTRO, *box, *FOOT])
    assert _said(page) == INTRO
