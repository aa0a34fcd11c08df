"""The normaliser on news-style cases, one test each, plus the promises it keeps."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from hypothesis import given
from hypothesis import strategies as st

from narrator.synth.engines import load_engine
from narrator.text.normalise import Options, normalise
from narrator.text.segment import split_sentences

# The cases are read as for the default voice: its dictionary decides that "KYIV" in a
# dateline is a word, and it is told to write initialisms in capitals.
HEART = Options(initialisms=load_engine("hibari").initialisms, words=load_engine("hibari").known_words())

CASES = [
    tuple(line.split("\t"))
    for line in (DATA / "normalise.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def test_the_set_is_large_and_every_case_has_a_kind():
    assert len(CASES) >= 800
    assert all(len(case) == 3 and case[0] for case in CASES)


@pytest.mark.parametrize(("kind", "written", "spoken"), CASES, ids=[f"{c[0]}: {c[1][:60]}" for c in CASES])
def test_case(kind, written, spoken):
    assert normalise(written, HEART) == spoken


def test_links_can_be_left_out():
    assert normalise("Read more at https://example.org/a.", Options(urls="omit")) == "Read more at."


def test_what_the_rules_cannot_say_is_reported():
    from narrator.script.lint import unread

    assert unread("", normalise("The code is X7Q9-22ZZ4 and costs 3¤.")) != []
    assert unread("", normalise("Bloomberg reported on Feb. 27 that $1.8bn was spent.")) == []


def test_no_sentence_ends_inside_an_abbreviation_after_normalising():
    text = "U.S. Defense Secretary Pete Hegseth said on Feb. 12 that Dr. Lee and Sen. Ortiz met at No. 10."
    assert len(split_sentences(text)) == 1
    assert "." not in normalise(text)[:-1]


@given(st.text(max_size=300))
def test_normaliser_never_crashes_on_any_text(text):
    normalise(text)


def test_initialism_styles_and_engine_defaults():
    from narrator.text.initialisms import spell

    assert normalise("The FBI and A.I. firms met.", Options(initialisms="dotted")) == "The F.B.I. and A.I. firms met."
    assert normalise("The FBI met.", Options(initialisms="spaced")) == "The F B I met."
    assert spell("AI", "names") == "ay eye"
    assert load_engine("hibari").initialisms == "caps"
    assert load_engine("piper").initialisms == load_engine("espeak").initialisms == "dotted"
    assert load_engine("tone").initialisms == "caps"  # the default for engines that don't say


@pytest.mark.slow
def test_the_default_voice_says_ai_as_letters_in_the_disclosure(tmp_path):
    # "A I" was heard as "the eye" from the default voice; "AI" is heard as letters.
    pytest.importorskip("faster_whisper", reason="needs narrator[qa]")
    import re

    import numpy as np
    from scipy.io import wavfile

    from narrator.episodes.check import transcribe
    from narrator.synth.voices import load_profile

    profile = load_profile("heart")
    engine = load_engine(profile.engine)
    if engine.unavailable(profile):
        pytest.skip(engine.unavailable(profile))
    spoken = normalise("This audio was created with AI assistance.", Options(initialisms=engine.initialisms))
    clip = engine.synthesise(spoken, profile)
    path = tmp_path / "intro.wav"
    wavfile.write(path, clip.sample_rate, (np.clip(clip.samples, -1, 1) * 32767).astype(np.int16))
    heard = " ".join(word for _, _, word in transcribe(path)).lower()
    assert re.search(r"\b(ai|a\.i\.|a i)\b", heard), heard
    assert not re.search(r"\b(the|a) eye\b", heard), heard
