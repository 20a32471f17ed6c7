"""Numbers typed into URLs and forms: ASCII digits that fit the database, or nothing."""
import pytest

from practice.ids import MAX_ID, whole_number


@pytest.mark.parametrize("raw, number", [("0", 0), ("42", 42), (" 7 ", 7), (str(MAX_ID), MAX_ID), ("007", 7)])
def test_ascii_digits_that_fit_are_a_number(raw, number):
    assert whole_number(raw) == number


@pytest.mark.parametrize("raw", ["", " ", "-1", "+1", "1.5", "1e3", "0x10", "4_5", "²", "١", "٤٥",
                                 str(MAX_ID + 1), "9" * 40])
def test_anything_else_is_none(raw):
    assert whole_number(raw) is None


def test_a_smaller_maximum_refuses_what_is_past_it():
    assert (whole_number("180", 180), whole_number("181", 180)) == (180, None)
