"""The take gate: no voice, or under 2 s of it, is refused before anything is stored."""
import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.quality import MIN_SPEECH_S
from practice.audio.take import check_take, speech_seconds
from tests.audio.signals import RATE_HZ, load_pcm, silence, vowel_train
from tests.speech_clips import require_clip


def test_digital_silence_is_refused_as_silent():
    verdict = check_take(Pcm(silence(3.0), RATE_HZ))
    assert (verdict.ok, verdict.code, verdict.speech_s) == (False, "silent", 0.0)


def test_hiss_without_a_voice_is_refused_as_no_speech():
    hiss = np.random.default_rng(3).normal(0, 0.05, 3 * RATE_HZ).astype(np.float32)
    verdict = check_take(Pcm(hiss, RATE_HZ))
    assert (verdict.ok, verdict.code) == (False, "no_speech")


def test_three_seconds_of_a_voice_is_kept():
    voice = Pcm(np.concatenate([silence(0.5), vowel_train(seconds=3.0).samples, silence(0.5)]), RATE_HZ)
    verdict = check_take(voice)
    assert verdict.ok and verdict.code is None
    assert verdict.speech_s == pytest.approx(3.0, abs=0.15)


def test_a_real_short_phrase_under_two_seconds_is_refused_with_its_length():
    pcm = load_pcm(require_clip("27_speechocean762_000010011.wav").path)  # "we call it bear"
    verdict = check_take(pcm)
    assert verdict.code == "too_short"
    assert 1.0 < verdict.speech_s < MIN_SPEECH_S
    assert f"only {verdict.speech_s:.1f} s of speech" in verdict.message


def test_real_read_sentence_counts_its_speaking_time_not_its_pauses():
    pcm = load_pcm(require_clip("15_whisper_jfk.flac").path)  # 11 s with long pauses between phrases
    assert check_take(pcm).ok
    assert 5.0 < speech_seconds(pcm) < 8.0


def test_a_take_checked_from_its_float64_samples_gets_the_same_verdict_and_activity():
    pcm = load_pcm(require_clip("15_whisper_jfk.flac").path)
    plain, given = check_take(pcm), check_take(pcm, samples_f64=pcm.samples.astype(np.float64))
    assert given.ok and given.speech_s == plain.speech_s
    np.testing.assert_array_equal(given.activity.level_dbfs, plain.activity.level_dbfs)
    np.testing.assert_array_equal(given.activity.active, plain.activity.active)
