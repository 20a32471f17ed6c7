"""Timed words, the shape every speech engine returns, and the 16 kHz front end they share."""
import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.words import Word
from practice.speech.transcript import Transcript, as_16k, make_word


def test_transcript_text_joins_words_and_counts_fillers():
    t = Transcript((Word("So", 0, 0.2, 0.9), Word("um", 0.3, 0.5, 0.8, filler=True)), "whisper", "tiny.en")
    assert t.text == "So um" and t.filler_count == 1


def test_make_word_marks_fillers_and_drops_bare_punctuation():
    assert make_word(" Um,", 1.0, 1.2, 0.5).filler
    assert not make_word(" Montreal", 1.0, 1.2, 0.5).filler
    assert make_word(" ...", 1.0, 1.2, 0.5) is None


def test_the_front_end_resamples_to_16_khz_and_passes_16_khz_through_untouched():
    same = Pcm(np.zeros(16000, dtype=np.float32), 16000)
    assert as_16k(same) is same
    resampled = as_16k(Pcm(np.zeros(8000, dtype=np.float32), 8000))
    assert resampled.rate_hz == 16000 and abs(resampled.duration_s - 1.0) < 0.01
