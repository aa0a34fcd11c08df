"""Copied text: a list that a sentence of the story introduces with a colon is read with the
story, and a video's card set in the body (its "Play Video" button and its title run into
its length) neither ends the story nor is read out."""

from __future__ import annotations

import numpy as np

from narrator.ingest.readers.text import read_text, segment
from narrator.ingest.readers.text.decoder import GAP, IN
from narrator.ingest.readers.text.lists import listed

TOP = """Skip to main content
Valley Courier
News
Local
Weather
Sports
Opinion
Subscribe
Sign In
LOCAL NEWS
River flooding closes two bridges as county opens shelters
By Marta Olsen
Updated on: March 4, 2024 / 6:12 PM / Valley Courier
"""
BEFORE = [
    "Two bridges over the Alder River were closed on Monday afternoon after heavy rain pushed the water to its "
    "highest level in a decade, county officials said.",
    "The sheriff's office said about 400 homes in the low-lying parts of Brookfield had been told to leave by "
    "nightfall, and that deputies were going door to door on the east bank.",
    '"The water came up faster than anyone expected," said Dana Whitfield, who runs a bakery near the Mill Street '
    'bridge. "We moved what we could upstairs and left."',
]
LIST = [
    "The county opened three shelters for people who had to leave:",
    "Brookfield Middle School gym, 40 Pine Street",
    "The Grange Hall on Route 9, which also takes pets",
    "St. Anne's parish hall in Northgate",
]
VIDEO = ["Play Video", "River rises over Mill Street bridge01:48"]
AFTER = [
    "The National Weather Service said the river would crest on Tuesday morning, about two feet above flood "
    "stage, before falling slowly through the week.",
    "Highway crews closed the Mill Street and Canal Road bridges as a precaution, and the state transportation "
    "department said inspectors would check both before they reopen.",
    "Schools in Brookfield will be closed on Tuesday, the district said in a message to parents.",
]
FOOT = """Follow Marta Olsen on Twitter
Latest in Local News:
Storm knocks out power to thousands
County budget vote delayed again
© 2024 Valley Courier. All rights reserved.
"""


def _paragraphs(text: str) -> list[str]:
    return [p for s in read_text(text).sections for p in s.paragraphs]


def test_a_list_after_a_colon_and_the_story_after_a_video_card_are_read():
    page = TOP + "\n".join(BEFORE + LIST + VIDEO + AFTER) + "\n" + FOOT
    assert _paragraphs(page) == BEFORE + LIST + AFTER


def test_after_the_story_a_colon_opens_the_page_own_list_not_the_story():
    page = TOP + "\n".join(BEFORE + AFTER) + "\n" + FOOT
    assert _paragraphs(page) == BEFORE + AFTER



def test_a_list_of_bare_names_inside_the_story_is_read_however_sure_the_model_is_of_its_lines():
    """Items of one or two words ("Heart disease") look like a menu to the model, which can
    keep one and skip the next; after a sentence that introduces them, inside the story,
    every one is the story's, up to known furniture."""
    lines = [
        "So that leaves us with the most likely expensive conditions:",
        "Cancer", "Heart disease", "Diabetes", "Stroke", "Liver failure", "Frailty",
        "To work out your odds of getting any of these is almost impossible, I have found.",
    ]  # fmt: skip
    blocks = segment("\n".join(lines))
    states = np.array([IN, IN, GAP, GAP, GAP, GAP, IN, IN])
    sure = np.array([False, False, True, True, True, True, False, False])  # the model is sure: not the article
    known = np.zeros(len(blocks), dtype=bool)
    assert (listed(blocks, states, sure, known) == IN).all()
    known[4] = True  # a known furniture line ends the list there
    assert list(listed(blocks, states, sure, known)) == [IN, IN, IN, IN, GAP, GAP, IN, IN]
