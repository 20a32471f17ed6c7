import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.pitch import MIN_VOICED_S, measure_pitch
from tests.audio.conftest import CLEAN_READ_CLIPS
from tests.audio.signals import RATE_HZ, load_pcm, silence, vowel_train
from tests.speech_clips import require_clip


@pytest.mark.parametrize("f0_hz", [110.0, 220.0])
def test_monotone_vowel_train_is_under_1_semitone(f0_hz):
    stats = measure_pitch(vowel_train(f0_hz, seconds=4))
    assert stats.sd_semitones < 1.0
    assert stats.median_hz == pytest.approx(f0_hz, rel=0.02)


def test_intonation_of_plus_minus_3_semitones_reads_about_2_semitones_sd():
    t = np.arange(4 * RATE_HZ) / RATE_HZ
    gliding = 150 * 2 ** (3 * np.sin(2 * np.pi * 0.5 * t) / 12)  # sine over +-3 st: SD 3/sqrt(2) = 2.1 st
    assert measure_pitch(vowel_train(gliding, seconds=4)).sd_semitones == pytest.approx(2.12, abs=0.3)


@pytest.mark.parametrize("name", CLEAN_READ_CLIPS + ("11_osr_harvard_list72_8k.wav",))
def test_real_read_speech_varies_more_than_2_semitones(name):
    assert measure_pitch(load_pcm(require_clip(name).path)).sd_semitones > 2.0


def test_silence_and_noise_have_no_pitch():
    assert measure_pitch(Pcm(silence(2), RATE_HZ)).sd_semitones is None
    noise = Pcm(np.random.default_rng(0).normal(0, 0.1, 2 * RATE_HZ).astype(np.float32), RATE_HZ)
    stats = measure_pitch(noise)
    assert stats.sd_semitones is None and stats.voiced_s < MIN_VOICED_S
