from narrator.text.segment import chunk, split_sentences


def test_abbreviations_do_not_end_sentences():
    text = (
        "Kremlin aides said on Feb. 20 that U.S. officials met Dr. Ana Ruiz at No. 10 Downing St. "
        "on Monday. J. K. Rowling was not there."
    )
    assert split_sentences(text) == [
        "Kremlin aides said on Feb. 20 that U.S. officials met Dr. Ana Ruiz at No. 10 Downing St. on Monday.",
        "J. K. Rowling was not there.",
    ]


def test_initialism_at_the_end_of_a_sentence_still_ends_it():
    assert split_sentences("Troops left the U.S. The base closed.") == [
        "Troops left the U.S.",
        "The base closed.",
    ]


def test_questions_exclamations_and_closing_quotes():
    assert split_sentences('"Why now?" she asked. "Because we can!" He left.') == [
        '"Why now?" she asked.',
        '"Because we can!"',
        "He left.",
    ]


def test_an_ellipsis_inside_a_sentence_does_not_end_it():
    for dots in ("...", ". . .", "…"):
        assert split_sentences(f"He paused{dots} and then spoke. It was late.") == [
            f"He paused{dots if dots != '. . .' else '…'} and then spoke.",
            "It was late.",
        ]


def test_no_sentence_is_only_dots():
    sentences = split_sentences("Wait . . . What? . . . Fine. ... Go.")
    assert all(any(ch.isalnum() for ch in s) for s in sentences), sentences


def test_a_time_abbreviation_can_end_a_sentence():
    assert split_sentences("The storm hit at 6 p.m. Travelers said roads closed.") == [
        "The storm hit at 6 p.m.",
        "Travelers said roads closed.",
    ]
    assert split_sentences("It opens at 9 a.m. Monday and closes at 5 p.m. ET on Friday.") == [
        "It opens at 9 a.m. Monday and closes at 5 p.m. ET on Friday."
    ]


def test_the_pronoun_i_ends_a_sentence_but_an_initial_does_not():
    assert split_sentences("It was you and I. Did you know?") == ["It was you and I.", "Did you know?"]
    assert split_sentences("J. K. Rowling and J.C. Penney were not there.") == [
        "J. K. Rowling and J.C. Penney were not there."
    ]


def test_news_abbreviations_still_hold():
    text = "Sen. Ortiz of Washington, D.C., met the U.S. envoy and Acme Co. Officials said Jan. 5 was set."
    assert split_sentences(text) == [
        "Sen. Ortiz of Washington, D.C., met the U.S. envoy and Acme Co.",
        "Officials said Jan. 5 was set.",
    ]


def test_chunks_respect_the_limit_and_keep_every_word():
    sentence = ", ".join(f"clause number {i} of a very long sentence" for i in range(30)) + "."
    pieces = chunk(sentence, 120)
    assert all(len(p) <= 120 for p in pieces)
    assert " ".join(pieces).split() == sentence.split()


def test_a_word_longer_than_the_limit_is_cut():
    pieces = chunk("x" * 250, 100)
    assert [len(p) for p in pieces] == [100, 100, 50]
