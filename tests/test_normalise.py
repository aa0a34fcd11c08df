import pytest

from narrator.normalise import normalise


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Peskov said on Feb. 20 that talks would go on.", "Peskov said on February 20 that talks would go on."),
        ("U.S. troops will not take part.", "US troops will not take part."),
        ("It happened in the U.K.", "It happened in the UK."),
        ("Dr. Lee met Sen. Ortiz.", "Doctor Lee met Senator Ortiz."),
        ("She went to No. 10 Downing St. on Monday.", "She went to Number 10 Downing Street on Monday."),
        ("They prayed at St. Paul's.", "They prayed at Saint Paul's."),
        ("The deal is worth $1.8bn.", "The deal is worth $1.8 billion."),
        ("Doors open at 6 p.m.", "Doors open at 6 PM."),
        ("Fruit, e.g. apples, is cheap.", "Fruit, for example apples, is cheap."),
    ],
)
def test_spoken_forms(written, spoken):
    assert normalise(written) == spoken
