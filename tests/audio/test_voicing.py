"""Voicing: Praat hears a voice where the vocal folds vibrate, soft or loud, and never in noise."""
import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.voicing import VOICE_STEP_S, VoiceTrack, track_voice, voiced_mask
from tests.audio.signals import RATE_HZ, silence, vowel_train


def test_a_vowel_is_voiced_at_its_pitch_on_a_10_ms_grid():
    track = track_voice(vowel_train(f0_hz=140.0, seconds=1.0, syllable_s=1.0, gap_s=0.0))
    assert np.allclose(np.diff(track.times_s), VOICE_STEP_S)
    voiced = track.f0_hz[track.f0_hz > 0]
    assert len(voiced) > 0.8 * len(track.f0_hz)
    assert abs(np.median(voiced) - 140.0) < 3.0


def test_white_noise_is_never_voiced():
    noise = np.random.default_rng(1).normal(0, 0.2, RATE_HZ).astype(np.float32)
    assert not voiced_mask(Pcm(noise, RATE_HZ), np.arange(0.1, 0.9, 0.05)).any()


def test_a_soft_hum_30_db_under_loud_vowels_is_still_voice():
    """Praat's default silence threshold (0.03 of the peak) calls this hum silent; ours keeps it voiced."""
    loud = vowel_train(f0_hz=120.0, seconds=1.0, syllable_s=1.0, gap_s=0.0, level=0.5).samples
    soft = vowel_train(f0_hz=110.0, seconds=1.0, syllable_s=1.0, gap_s=0.0, level=0.5 * 10 ** (-30 / 20)).samples
    pcm = Pcm(np.concatenate([loud, silence(0.5), soft]), RATE_HZ)
    assert voiced_mask(pcm, np.array([0.5, 1.25])).tolist() == [True, False]
    assert voiced_mask(pcm, np.arange(1.7, 2.4, 0.05)).all()


def test_audio_too_short_or_all_zero_gives_an_empty_track():
    assert track_voice(Pcm(silence(0.05), RATE_HZ)).times_s.size == 0
    assert track_voice(Pcm(silence(2.0), RATE_HZ)).times_s.size == 0


def test_times_outside_the_track_are_unvoiced():
    track = VoiceTrack(np.array([0.10, 0.11, 0.12]), np.array([100.0, 0.0, 120.0]))
    assert track.voiced_at(np.array([0.10, 0.11, 0.12, 0.5, 0.0])).tolist() == [True, False, True, False, False]
    assert VoiceTrack(np.zeros(0), np.zeros(0)).voiced_at(np.array([0.1])).tolist() == [False]
