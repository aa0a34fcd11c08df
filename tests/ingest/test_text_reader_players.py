"""Copied text of a story with a video player in its body: the player's own words ("Video
Loading", "Click to playTap to play") are furniture, and the body goes on below them however
little the model thinks of the next paragraphs, and past the plain ads after them. Lines
written for this test, with the model's probabilities as a tabloid's page gives them."""

from __future__ import annotations

import numpy as np
import pytest

from narrator.ingest import furniture as F
from narrator.ingest.readers.text import segment
from narrator.ingest.readers.text.carry import continue_body
from narrator.ingest.readers.text.decoder import GAP, IN, POST
from narrator.ingest.readers.text.model import LABELS, OTHER, B

LINES = [
    ("Brenda Carr, 71, started work outside Hollins Lane primary school in 1982 and never missed a term.", 0.97),
    ("Video Loading", 0.0),
    ("Video Unavailable", 0.0),
    ("Click to playTap to play", 0.0),
    ("The video will start in 8CancelPlay now", 0.0),
    ("The school's head teacher said a new warden would start on Monday, though nobody could replace her.", 0.11),
    ("Advertisement", 0.0),
    ("Mrs Carr, who has four grandchildren at the school, said she would spend more time at her allotment.", 0.11),
    ("Read More", 0.0),
    ("Comments", 0.0),
]


@pytest.mark.parametrize("line", [text for text, _ in LINES[1:5]])
def test_a_video_players_words_are_furniture(line: str) -> None:
    assert F.is_furniture(line)


def test_the_body_goes_on_below_a_video_player_and_the_ads_after_it() -> None:
    blocks = segment("\n".join(text for text, _ in LINES))
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, B] = [b for _, b in LINES]
    probs[:, OTHER] = 1 - probs[:, B]
    states = np.array([IN] + [POST] * (len(LINES) - 1))
    furniture = np.array([F.is_furniture(b.text) for b in blocks])
    none = np.zeros(len(blocks), dtype=bool)
    out = continue_body(blocks, probs, states, furniture, none, none, none)
    assert list(out) == [IN, GAP, GAP, GAP, GAP, IN, GAP, IN, POST, POST]
