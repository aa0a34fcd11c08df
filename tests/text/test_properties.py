"""Hostile input never ends in a traceback or a hang."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrator.errors import IngestError
from narrator.ingest.readers.markdown import read_markdown
from narrator.ingest.readers.text import read_text
from narrator.ingest.sources import decode, detect_format, parse
from narrator.text.normalise import normalise
from narrator.text.segment import chunk, split_sentences

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEWSY = st.lists(
    st.sampled_from([*"abcXYZ019 .,;:!?\"'()-–—$£€%/&\n\t#>*[]_`", "U.S.", "Feb.", "Dr.", "No. ", "St. "]),
    max_size=200,
).map("".join)


@FAST
@given(st.one_of(st.text(), NEWSY))
def test_text_reader_never_crashes(text):
    article = read_text(text)
    assert all(p.strip() for p in article.paragraphs)


@FAST
@given(st.one_of(st.text(), NEWSY))
def test_markdown_reader_never_crashes(text):
    read_markdown(text)


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_fail_cleanly(data):
    try:
        text = decode(data, name="x")
    except IngestError:
        return
    fmt = detect_format("x", data)
    parse(text, fmt=fmt if fmt != "html" else "text", source="x")


@FAST
@given(st.one_of(st.text(), NEWSY))
def test_normaliser_and_segmenter_never_crash_or_lose_letters(text):
    for sentence in split_sentences(text):
        spoken = normalise(sentence)
        for piece in chunk(spoken, 50):
            assert len(piece) <= 50


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=1, max_value=3))
def test_huge_and_deeply_nested_input_finishes(n):
    nested = "<div>" * 5000 * n + "text" + "</div>" * 5000 * n
    read_text(nested)
    read_markdown("> " * 2000 * n + "deep quote")
    huge = ("The council met again today. " * 20000)[: 200_000 * n]
    assert len(split_sentences(huge)) > 1000


# -- the normaliser's promises, on generated news-style numbers ---------------------------------

_AMOUNT = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]}.{t[1]}"),
)
_SHAPE = st.sampled_from(
    [
        "{a}",
        "${a}",
        "£{a}m",
        "€{a}bn",
        "{a}%",
        "{a} kg",
        "{a}km",
        "-{a}",
        "{a}th",
        "No. {a}",
        "{a}-{b}",
        "${a}-${b}",
        "{a}-{b}%",
        "{d}/{m}/2024",
        "{m}:{mm} p.m.",
        "{m}pm",
        "Jan. {d}, 2024",
        "{d} May",
        "Q{q} 2025",
        "the {y}s",
        "in {y}",
        "{a} x {b} m",
        "{a}/{b}",
        "{d} 1/2 lbs",
    ]
)
NUMBERS = st.builds(
    lambda shape, a, b, d, m, mm, q, y: shape.format(a=a, b=b, d=d, m=m, mm=mm, q=q, y=y),
    _SHAPE, _AMOUNT, _AMOUNT, st.integers(1, 28), st.integers(1, 12), st.sampled_from(["00", "05", "30", "45"]),
    st.integers(1, 4), st.sampled_from([1950, 1980, 2000, 2010, 2020]),
)  # fmt: skip
NEWS = st.lists(NUMBERS, min_size=1, max_size=4).map(lambda parts: "It was " + ", then ".join(parts) + " on Monday.")
_TOKENS = [
    "The", "officials", "said", "on", "and", "U.S.", "Dr.", "Sen.", "Feb.", "No.", "St.", "Louis", "KYIV", "(Reuters)",
    "-", "—", "FBI", "AI", "A.I.", "NATO", "3-0", "1990s", "Q3", "10 a.m.", "6 p.m.", "$5", "5%", "£2bn", "1,200",
    "3.5", "21st", "Jan. 5", "2024", "Henry VIII", "e.g.", "&", "14\"", "25 x 7 m", "...", "401(k)", "I",
]  # fmt: skip
NEWS_WORDS = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=25).map(" ".join)
BOUNDED = settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(NEWS)
def test_every_digit_becomes_words(text):
    spoken = normalise(text)
    assert not any(ch.isdigit() for ch in spoken), (text, spoken)


@BOUNDED
@given(st.one_of(NEWS, NEWS_WORDS))
def test_normalising_twice_changes_nothing(text):
    once = normalise(text)
    assert normalise(once) == once, (text, once)


@BOUNDED
@given(st.one_of(st.text(max_size=400), NEWSY, NEWS))
def test_no_input_raises_or_takes_long(text):
    # deadline=2000: hypothesis fails any example that takes longer than two seconds
    for sentence in split_sentences(text):
        normalise(sentence)


HOSTILE = ["1", ".", "A", "[", "1.", "1-", "1,", "$1", "A.", "AB ", "1.1.", ". ", "#", "a@", "1:", "(1)", "- ", "'",
           "A-", "a-", ".a", "Jan-1-"]


def test_hostile_runs_never_hang():
    # Each rule must be linear: a regex that backtracks, or context read by slicing the
    # whole text per match, turns 50,000 characters into minutes. Linear code takes at most
    # about a second for each. The bound is generous and counts this process's CPU time,
    # not the clock, so a busy machine can't fail it: it catches a hang, not slowness.
    import time

    for piece in HOSTILE:
        text = piece * (50_000 // len(piece))
        start = time.process_time()
        normalise(text)
        split_sentences(text)
        assert time.process_time() - start < 10, piece


# -- the whole script, on anything a client might post ---------------------------------

_HOSTILE = st.text(alphabet=st.sampled_from(list("abcXYZ019 .,;:!?-_*[]()<>#@/\\\n\t`~'\"&|é€")), max_size=2000)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
# A generous deadline: it catches a hang or a blow-up, not a slow machine.
@settings(max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
@given(text=_HOSTILE)
def test_make_script_answers_any_input_with_a_script_or_a_one_line_error(fmt, text):
    from narrator.api import make_script
    from narrator.errors import NarratorError
    from narrator.settings import load_settings

    try:
        make_script("-", load_settings({"voice": "tone"}, environ={}), data=text.encode(), fmt=fmt)
    except NarratorError as exc:
        assert "\n" not in str(exc)
