import pytest

from practice.audio.text import count_syllables, normalise_words, number_to_words


@pytest.mark.parametrize("n, spoken", [
    (0, "zero"), (7, "seven"), (10, "ten"), (15, "fifteen"), (40, "forty"), (42, "forty two"),
    (100, "one hundred"), (205, "two hundred five"), (1200, "one thousand two hundred"),
    (2024, "two thousand twenty four"), (3_000_001, "three million one"),
])
def test_number_to_words_says_integers_as_read(n, spoken):
    assert number_to_words(n) == spoken


@pytest.mark.parametrize("text, words", [
    ("Go forward 10 meters.", ["go", "forward", "ten", "meters"]),
    ("It's 3.5% off", ["it's", "three", "point", "five", "percent", "off"]),
    ("$1,200", ["one", "thousand", "two", "hundred", "dollars"]),
    ("the 21st of May", ["the", "twenty", "first", "of", "may"]),
    ("Mr. Dashwood", ["mister", "dashwood"]),
    ("twenty-one", ["twenty", "one"]),
    ("call 0800", ["call", "zero", "eight", "zero", "zero"]),
    ("", []),
])
def test_normalise_words_spells_out_numbers_and_drops_punctuation(text, words):
    assert normalise_words(text) == words


def test_digits_and_spelled_numbers_normalise_the_same():
    assert normalise_words("go forward 10 meters") == normalise_words("Go forward ten meters")


@pytest.mark.parametrize("word, syllables", [
    ("hello", 2), ("Montreal", 3), ("aligner", 3), ("um", 1), ("10", 1), ("seventeen", 3),
    ("Dashwood,", 2), ("zorbleflax", 3),  # last one is not in CMUdict: spelling rule
])
def test_count_syllables_uses_cmudict_then_spelling(word, syllables):
    assert count_syllables(word) == syllables
