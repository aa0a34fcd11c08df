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


def test_chunks_respect_the_limit_and_keep_every_word():
    sentence = ", ".join(f"clause number {i} of a very long sentence" for i in range(30)) + "."
    pieces = chunk(sentence, 120)
    assert all(len(p) <= 120 for p in pieces)
    assert " ".join(pieces).split() == sentence.split()


def test_a_word_longer_than_the_limit_is_cut():
    pieces = chunk("x" * 250, 100)
    assert [len(p) for p in pieces] == [100, 100, 50]
