"""Speech Whisper skipped is found from the sound between words, and decoded again without repeating a word."""
from __future__ import annotations

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.words import Word
from practice.audio.activity import detect_activity
from practice.speech.omissions import PAD_S, insert_found, missed_stretches, shift_words
from tests.audio.signals import RATE_HZ, silence, vowel_train


def _speech_at(spans_s: list[tuple[float, float]], seconds: float) -> Pcm:
    samples = silence(seconds).copy()
    for start_s, end_s in spans_s:
        burst = vowel_train(seconds=end_s - start_s).samples
        samples[int(start_s * RATE_HZ): int(start_s * RATE_HZ) + len(burst)] = burst
    return Pcm(samples, RATE_HZ)


def test_a_long_stretch_of_sound_without_words_is_missed_speech():
    pcm = _speech_at([(0.5, 4.0), (5.0, 7.0)], 8.0)
    words = [Word("and", 5.0, 5.4, 0.9), Word("then", 5.5, 7.0, 0.9)]
    stretches = missed_stretches(words, detect_activity(pcm), pcm.duration_s)
    assert stretches == [(0.0, 5.0 + PAD_S)]


def test_short_sounds_between_words_and_silence_are_not_missed_speech():
    pcm = _speech_at([(0.5, 2.0), (2.6, 3.6), (5.0, 6.0)], 7.0)  # a 1 s "uhhh" between the words
    words = [Word("so", 0.5, 2.0, 0.9), Word("yes", 5.0, 6.0, 0.9)]
    assert missed_stretches(words, detect_activity(pcm), pcm.duration_s) == []
    assert missed_stretches([], detect_activity(pcm), pcm.duration_s) == []


def test_sound_after_the_last_word_counts_up_to_the_end():
    pcm = _speech_at([(0.5, 1.0), (2.0, 5.0)], 6.0)
    words = [Word("hi", 0.5, 1.0, 0.9)]
    assert missed_stretches(words, detect_activity(pcm), pcm.duration_s) == [(1.0 - PAD_S, 6.0)]


def test_found_words_are_moved_into_place_and_a_word_in_the_padding_is_not_repeated():
    words = [Word("and", 5.0, 5.4, 0.9)]
    found = shift_words((Word("come", 0.2, 0.5, 0.8), Word("quickly", 0.6, 1.0, 0.8), Word("and", 4.9, 5.3, 0.7)),
                        0.1)
    merged = insert_found(words, found)
    assert [(w.text, w.start_s) for w in merged] == [("come", 0.3), ("quickly", 0.7), ("and", 5.0)]
    assert np.isclose(merged[1].end_s, 1.1)
