"""Timed words: their stored form and the hesitation sounds counted as fillers."""
from practice.audio.words import Word, is_filler_sound, normalise_token


def test_a_word_reads_back_from_its_stored_form():
    word = Word("Hello,", 0.25, 0.5, 0.93, filler=False)
    assert Word.from_dict(word.to_dict()) == word
    assert Word.from_dict({"text": "um", "start_s": 1.0, "end_s": 1.2}) == Word("um", 1.0, 1.2, 1.0, False)


def test_hesitation_sounds_are_fillers_whatever_their_punctuation():
    assert is_filler_sound("Um,") and is_filler_sound("uhh...") and not is_filler_sound("umbrella")
    assert normalise_token(" (Hello!) ") == "hello"
