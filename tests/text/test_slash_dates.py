"""A day and a month written with a slash after "on" are a date, in the order the
article's language writes dates (US English month first, the default); elsewhere a
slash between small numbers is still a fraction."""

from __future__ import annotations

import pytest

from narrator.text.normalise import Options, normalise


@pytest.mark.parametrize(
    ("text", "language", "spoken"),
    [
        ("The vote is on 3/4.", None, "The vote is on March fourth."),
        ("The vote is on 3/4.", "en-US", "The vote is on March fourth."),
        ("The vote is on 3/4.", "en", "The vote is on March fourth."),
        ("The vote is on 3/4.", "en-GB", "The vote is on the third of April."),
        ("The vote is on 3/4.", "fr", "The vote is on the third of April."),
        ("Talks resume on 12/11, officials said.", "en-US", "Talks resume on December eleventh, officials said."),
        ("Talks resume on 12/11, officials said.", "en-AU", "Talks resume on the twelfth of November, officials said."),
        ("Nobody has been paid since 1/5.", "en-US", "Nobody has been paid since January fifth."),
        ("The vote is on 22/2.", "en-US", "The vote is on the twenty-second of February."),
        ("The vote is on 2/22.", "en-GB", "The vote is on February twenty-second."),
    ],
)
def test_a_slash_date_after_on_is_a_date_in_the_languages_order(text, language, spoken):
    assert normalise(text, Options(language=language)) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("They spent 3/4 of the budget.", "They spent three quarters of the budget."),
        ("A 3/4 majority is needed.", "A three quarters majority is needed."),
        ("They agreed on 3/4 of the plan.", "They agreed on three quarters of the plan."),
        ("Costs fell by 3/4 last year.", "Costs fell by three quarters last year."),
    ],
)
def test_a_fraction_is_still_a_fraction(text, spoken):
    assert normalise(text) == spoken
    assert normalise(text, Options(language="en-GB")) == spoken


def test_a_full_numeric_date_follows_the_language_too():
    assert normalise("It opened on 03/04/2025.", Options(language="en-US")) == (
        "It opened on March fourth, twenty twenty-five."
    )
    assert normalise("It opened on 03/04/2025.", Options(language="en-GB")) == (
        "It opened on the third of April twenty twenty-five."
    )
