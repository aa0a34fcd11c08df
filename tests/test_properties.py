"""Hostile input never ends in a traceback or a hang."""

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
