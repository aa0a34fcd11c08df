"""Dates as news pages write them, with the time zone kept when the page gives one."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrator.text.dates import parse_date

UTC = dt.UTC


def _offset(hours: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-03-04 9:41 AM GMT+2", dt.datetime(2025, 3, 4, 9, 41, tzinfo=_offset(2))),
        ("2025-07-04T07:30:00+02:00", dt.datetime(2025, 7, 4, 7, 30, tzinfo=_offset(2))),
        ("2025-07-04T05:30:00Z", dt.datetime(2025, 7, 4, 5, 30, tzinfo=UTC)),
        ("March 4, 2025 10:30 a.m. ET", dt.datetime(2025, 3, 4, 15, 30, tzinfo=UTC)),
        ("July 4, 2025 10:30 ET", dt.datetime(2025, 7, 4, 14, 30, tzinfo=UTC)),  # daylight saving
        ("4 March 2025, 18:20 CET", dt.datetime(2025, 3, 4, 17, 20, tzinfo=UTC)),
        ("Sat 8 Nov 2025 06.00 GMT", dt.datetime(2025, 11, 8, 6, 0, tzinfo=UTC)),
        ("Published March 4, 2025 at 7:30 (UTC+01:00)", dt.datetime(2025, 3, 4, 6, 30, tzinfo=UTC)),
        ("Mar 4 2025 9:41 PM EST", dt.datetime(2025, 3, 5, 2, 41, tzinfo=UTC)),
        ("2025-03-04 07:30:00-0500", dt.datetime(2025, 3, 4, 12, 30, tzinfo=UTC)),
    ],
)
def test_a_stated_zone_is_kept(written, expected):
    value = parse_date(written)
    assert isinstance(value, dt.datetime) and value.tzinfo is not None
    assert value == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Feb. 27, 2025 6:20 PM", dt.datetime(2025, 2, 27, 18, 20)),
        ("2025-02-27T18:20", dt.datetime(2025, 2, 27, 18, 20)),
        ("2025-02-27", dt.date(2025, 2, 27)),
        ("June 1, 2025 12:00 IST", dt.datetime(2025, 6, 1, 12, 0)),  # India, Ireland or Israel: no guess
    ],
)
def test_without_a_zone_the_time_stays_naive(written, expected):
    value = parse_date(written)
    assert value == expected
    assert not isinstance(value, dt.datetime) or value.tzinfo is None


@given(st.text(max_size=200))
def test_any_text_gives_a_date_or_none(text):
    value = parse_date(text)
    assert value is None or isinstance(value, dt.date)
