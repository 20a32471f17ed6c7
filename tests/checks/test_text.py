"""Sentences and whole-word phrase matching, the base of every checklist rule."""
from practice.checks.text import Sentence, contains_name, find_phrase, split_sentences
from tests.checks.spoken import timed


def test_timed_words_split_at_full_stops_and_keep_their_start_time():
    words = timed("Good morning. My name is Ana.", start_s=1.0)
    first, second = split_sentences(words)
    assert first.text == "Good morning." and first.start_s == 1.0
    assert second.text == "My name is Ana." and second.start_s == words[2].start_s


def test_a_long_silence_ends_a_sentence_without_punctuation():
    words = timed("hello there") + timed("my name is ana", start_s=5.0)
    assert [s.text for s in split_sentences(words, gap_s=1.0)] == ["hello there", "my name is ana"]


def test_plain_text_splits_at_sentence_marks_without_times():
    sentences = split_sentences("Hi. Can I help? Sure!")
    assert [(s.text, s.end_mark, s.start_s) for s in sentences] == [
        ("Hi.", ".", None), ("Can I help?", "?", None), ("Sure!", "!", None)]


def test_phrases_match_whole_words_only():
    assert find_phrase(Sentence("I'm a patient person.", 0, 1, "."), ["patient"]) == "patient"
    assert find_phrase(Sentence("I'm impatient.", 0, 1, "."), ["patient"]) is None


def test_phrases_ignore_case_punctuation_and_hesitations():
    sentence = Sentence("My, um, NAME is Ana.", 0, 1, ".")
    assert find_phrase(sentence, ["my name is"]) == "my name is"


def test_numbers_match_whether_written_as_digits_or_words():
    assert find_phrase(Sentence("within twenty four hours", 0, 1, ""), ["within 24 hours"])


def test_a_company_name_matches_spaced_or_by_its_brand_word():
    assert contains_name(Sentence("Thank you for calling Blue Peak.", 0, 1, "."), "Bluepeak Telecom")
    assert contains_name(Sentence("thanks for calling bluepeak telecom", 0, 1, ""), "Bluepeak Telecom")
    assert not contains_name(Sentence("thanks for calling", 0, 1, ""), "Bluepeak Telecom")
