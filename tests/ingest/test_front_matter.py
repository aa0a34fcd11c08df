"""Markdown front matter is YAML: authors as a list or a string, under author or authors,
dates as YAML writes them, and front matter that isn't valid YAML still read."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrator.errors import IngestError
from narrator.ingest.clean import clean_article
from narrator.ingest.readers.markdown import read_markdown

BODY = "\n# Night buses return\n\nThe night buses return to the river towns on Monday, the council said.\n"


def _read(front: str):
    return clean_article(read_markdown(f"---\n{front}\n---\n{BODY}", source="story.md"))


@pytest.mark.parametrize(
    ("front", "author"),
    [
        ("author:\n  - Priya Raman\n  - Tom Okafor", "Priya Raman and Tom Okafor"),
        ("authors: [Priya Raman, Tom Okafor]", "Priya Raman and Tom Okafor"),
        ("authors:\n- Priya Raman\n- Tom Okafor\n- Ann Poe", "Priya Raman, Tom Okafor and Ann Poe"),
        ("author: Jane Reporter", "Jane Reporter"),
        ('author: "Priya Raman"', "Priya Raman"),
        ("author: [Priya Raman, Metro Desk]", "Priya Raman"),
        ("author:\n  - name: Priya Raman\n  - name: Tom Okafor", "Priya Raman and Tom Okafor"),
    ],
)
def test_authors_as_a_list_or_a_string(front, author):
    assert _read(f"title: Night buses return\n{front}").author == author


def test_a_desk_is_still_no_author():
    assert _read("author: Staff Reporter").author is None
    assert _read("author: Metro Desk").author is None


@pytest.mark.parametrize(
    ("front", "published"),
    [
        ("date: 2025-10-02", dt.date(2025, 10, 2)),
        ("date: '2025-10-02'", dt.date(2025, 10, 2)),
        ("date: 2025-10-02T07:15:00+01:00", dt.datetime(2025, 10, 2, 7, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
        ("date: 2 October 2025", dt.date(2025, 10, 2)),
        ("published: 2025-10-02", dt.date(2025, 10, 2)),
    ],
)
def test_yaml_dates(front, published):
    assert _read(front).published == published


def test_front_matter_that_is_not_valid_yaml_is_still_read():
    article = _read("title: Night buses: what changes\nauthor: Priya Raman\ndate: 2025-10-02")
    assert article.title == "Night buses: what changes"
    assert article.author == "Priya Raman"
    assert article.published == dt.date(2025, 10, 2)


def test_other_values_are_read_as_text():
    article = _read("title: 1984\nlang: en-GB\nurl: https://example.org/1984\ntags: [a, b]")
    assert article.title == "1984" and article.language == "en-GB" and article.url == "https://example.org/1984"
    assert _read("title: No").title == "No"  # not YAML's false


def test_an_alias_bomb_is_no_author_and_no_hang():
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    lines = [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in pairs]
    bomb = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]", *lines, ""])
    assert _read(bomb + "author: *i").author is None


_KEYS = st.sampled_from(["title", "author", "authors", "date", "published", "lang", "url", "byline", "x"])
_SCALARS = st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none(), st.dates())
_YAMLISH = st.lists(
    st.sampled_from([*"abcXYZ019 :-[]{},&*!|>'\"#%@`\n\t?", "- ", ": ", "author:", "date:", "\n  - "]),
    max_size=80,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_YAMLISH, st.text(max_size=200)))
def test_any_front_matter_reads_or_is_an_ingest_error(front):
    try:
        article = read_markdown(f"---\n{front}\n---\n{BODY}", source="story.md")
    except IngestError as exc:
        assert str(exc).startswith("story.md: ")
        return
    assert article.author is None or isinstance(article.author, str)
    assert article.title is None or isinstance(article.title, str)
    assert article.published is None or isinstance(article.published, dt.date)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_KEYS, st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3)), max_size=5))
def test_any_yaml_mapping_reads(meta):
    import yaml

    front = yaml.safe_dump(meta, allow_unicode=True).strip()
    article = read_markdown(f"---\n{front}\n---\n{BODY}", source="story.md")
    assert article.author is None or isinstance(article.author, str)
    assert article.published is None or isinstance(article.published, dt.date)
