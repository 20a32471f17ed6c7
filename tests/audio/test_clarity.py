import pytest

from practice.audio.clarity import UNCLEAR_WORDS_SHOWN, compare_to_script, measure_clarity
from practice.audio.words import Word


def _said(text: str, probabilities: list[float] | None = None) -> list[Word]:
    tokens = text.split()
    probabilities = probabilities or [0.9] * len(tokens)
    return [Word(t, i * 0.4, i * 0.4 + 0.3, p, filler=t.strip(",.").lower() in {"um", "uh"})
            for i, (t, p) in enumerate(zip(tokens, probabilities, strict=False))]


def test_mean_probability_leaves_out_fillers():
    clarity = measure_clarity(_said("we um help", [0.8, 0.1, 1.0]))
    assert clarity.mean_probability == pytest.approx(0.9)


def test_unclear_words_are_the_least_certain_few_in_order():
    probs = [0.95, 0.2, 0.6, 0.99, 0.5, 0.1, 0.65, 0.3, 0.9]
    clarity = measure_clarity(_said("a b c d e f g h i", probs))
    assert [w.text for w in clarity.unclear_words] == ["f", "b", "h", "e", "c"]
    assert len(clarity.unclear_words) == UNCLEAR_WORDS_SHOWN


def test_no_words_means_no_clarity():
    assert measure_clarity([]).mean_probability is None


def test_digits_in_the_transcript_match_spelled_numbers_in_the_script():
    diff = compare_to_script("Go forward ten meters.", _said("Go forward 10 meters."))
    assert diff.read_accuracy == 1.0
    assert diff.misread == () and diff.skipped == () and diff.added == ()


def test_fillers_are_not_misreadings():
    assert compare_to_script("we help callers", _said("we um help uh callers")).read_accuracy == 1.0


def test_misread_skipped_and_added_words_are_listed():
    diff = compare_to_script("the red fox has read many books", _said("the red box has read so many"))
    assert diff.misread == (("fox", "box"),)
    assert diff.added == ("so",)
    assert diff.skipped == ("books",)
    assert diff.read_accuracy == pytest.approx(1 - 3 / 7)
    assert [op["op"] for op in diff.ops] == ["equal", "equal", "substitute", "equal", "equal", "insert", "equal",
                                             "delete"]


def test_saying_nothing_skips_the_whole_script():
    diff = compare_to_script("mend the coat", [])
    assert diff.read_accuracy == 0.0 and diff.skipped == ("mend", "the", "coat")


def test_read_accuracy_never_goes_below_zero():
    assert compare_to_script("hi", _said("a lot of extra words here")).read_accuracy == 0.0


def test_an_empty_script_gives_no_comparison():
    assert compare_to_script("  ...  ", _said("hello")) is None
