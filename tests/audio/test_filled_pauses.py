"""Filled pauses in the sound: a held, steady voice is a candidate "um"; a gliding or short one is not."""
import numpy as np
import pytest

from practice.audio.filled_pauses import MAX_FILLED_S, Acoustics, SteadyStretch, steady_stretches, unclaimed_share
from practice.audio.pcm import Pcm
from practice.audio.words import Word
from tests.audio.signals import RATE_HZ, silence, vowel_train


def held_vowel(seconds: float, f0_hz=120.0, level: float = 0.3) -> np.ndarray:
    """One syllable of steady pitch and formants: what "uhhh" looks like to Praat."""
    return vowel_train(f0_hz=f0_hz, seconds=seconds, syllable_s=seconds, gap_s=0.0, level=level).samples


def stretches_in(*pieces: np.ndarray) -> list[SteadyStretch]:
    samples = np.concatenate(pieces).astype(np.float32)
    return steady_stretches(Acoustics.of(Pcm(samples, RATE_HZ)))


def test_a_held_vowel_between_silences_is_one_steady_stretch():
    [found] = stretches_in(silence(0.5), held_vowel(0.5), silence(0.5))
    assert found.start_s == pytest.approx(0.5, abs=0.05) and found.end_s == pytest.approx(1.0, abs=0.05)
    assert found.f0_sd_semitones < 0.2
    assert found.middle_s == pytest.approx(0.75, abs=0.05)


def test_a_voice_gliding_in_pitch_like_a_word_is_not_steady():
    glide_hz = np.geomspace(100, 250, int(0.5 * RATE_HZ))
    assert stretches_in(silence(0.5), held_vowel(0.5, f0_hz=glide_hz), silence(0.5)) == []


def test_a_held_sound_shorter_than_a_filler_is_not_one():
    assert stretches_in(silence(0.5), held_vowel(0.1), silence(0.5)) == []


def test_a_very_long_hold_is_cut_to_the_longest_filler():
    [found] = stretches_in(silence(0.5), held_vowel(2.5), silence(0.5))
    assert found.duration_s == pytest.approx(MAX_FILLED_S)


def test_a_hold_far_under_the_speech_level_is_left_out():
    found = stretches_in(silence(0.3), held_vowel(0.6), silence(0.5), held_vowel(0.5, level=0.3 * 10 ** (-35 / 20)),
                         silence(0.3))
    assert [(round(s.start_s, 1), round(s.end_s, 1)) for s in found] == [(0.3, 0.9)]


def test_silence_has_no_stretches():
    assert stretches_in(silence(2.0)) == []


def test_unclaimed_share_counts_the_time_no_real_word_covers():
    stretch = SteadyStretch(start_s=1.0, end_s=2.0, f0_sd_semitones=0.3, level_dbfs=-25.0)
    assert unclaimed_share(stretch, []) == 1.0
    assert unclaimed_share(stretch, [Word("so", 0.5, 1.25, 0.9)]) == pytest.approx(0.75)
    assert unclaimed_share(stretch, [Word("um", 1.0, 2.0, 0.9, filler=True)]) == 1.0  # a filler claims nothing
    assert unclaimed_share(stretch, [Word("well", 0.0, 3.0, 0.9)]) == 0.0
