import numpy as np
import pytest

from practice.audio import levels
from practice.audio.levels import active_level_dbfs, clipped_ratio, peak_dbfs, wada_snr_db
from practice.audio.pcm import Pcm
from tests.audio.conftest import CLEAN_READ_CLIPS
from tests.audio.signals import RATE_HZ, load_pcm, silence, vowel_train, with_gain_db, with_white_noise
from tests.speech_clips import require_clip


def _tone(amplitude: float, seconds: float = 2.0) -> Pcm:
    t = np.arange(int(seconds * RATE_HZ)) / RATE_HZ
    return Pcm((amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32), RATE_HZ)


def test_active_level_of_a_full_scale_sine_is_minus_3_dbfs():
    assert active_level_dbfs(_tone(1.0)) == pytest.approx(-3.01, abs=0.3)


def test_active_level_ignores_silence_around_the_sound():
    tone = _tone(0.1)
    padded = Pcm(np.concatenate([silence(3), tone.samples, silence(3)]), RATE_HZ)
    assert active_level_dbfs(padded) == pytest.approx(active_level_dbfs(tone), abs=0.5)


def test_digital_silence_has_no_level_peak_or_snr():
    quiet = Pcm(silence(3), RATE_HZ)
    assert active_level_dbfs(quiet) is None
    assert peak_dbfs(quiet) is None
    assert wada_snr_db(quiet) is None


def test_level_follows_gain(read_speech):
    expected_dbfs = active_level_dbfs(read_speech) - 12
    assert active_level_dbfs(with_gain_db(read_speech, -12)) == pytest.approx(expected_dbfs, abs=0.3)


def test_clipped_ratio_counts_samples_at_full_scale():
    samples = np.zeros(10_000, np.float32)
    samples[:25] = 1.0
    samples[25:50] = -1.0
    assert clipped_ratio(Pcm(samples, RATE_HZ)) == pytest.approx(0.005)


def test_clean_speech_is_not_clipped_but_amplified_speech_is(read_speech):
    assert clipped_ratio(read_speech) == 0.0
    assert clipped_ratio(with_gain_db(read_speech, 24)) > 0.001


@pytest.mark.parametrize("name", CLEAN_READ_CLIPS)
@pytest.mark.parametrize("snr_db", [20, 10, 5])
def test_wada_snr_estimates_added_white_noise_within_3_db(name, snr_db):
    noisy = with_white_noise(load_pcm(require_clip(name).path), snr_db)
    assert wada_snr_db(noisy) == pytest.approx(snr_db, abs=3.0)


def test_wada_snr_of_noise_alone_is_at_the_bottom_of_the_table():
    noise = Pcm(np.random.default_rng(1).normal(0, 0.05, 3 * RATE_HZ).astype(np.float32), RATE_HZ)
    assert wada_snr_db(noise) < 0


def test_wada_snr_of_a_synthetic_voice_is_high():
    assert wada_snr_db(vowel_train()) > 30


def test_peak_clipping_and_snr_are_the_plain_formulas_without_copies_of_the_samples():
    rng = np.random.default_rng(11)
    samples = np.clip(rng.normal(0, 0.4, 48_000), -1.0, 1.0).astype(np.float32)
    samples[:50] = -1.0  # clipped below more than above, and the loudest sample is negative
    pcm = Pcm(samples, 16_000)
    magnitude = np.abs(samples)
    assert levels.peak_dbfs(pcm) == float(20 * np.log10(float(magnitude.max())))
    assert levels.clipped_ratio(pcm) == float(np.count_nonzero(magnitude >= levels.CLIP_MAGNITUDE) / samples.size)
    z = np.maximum(magnitude / magnitude.max(), 1e-10)
    g = np.log(z.mean(dtype=np.float64)) - np.log(z).mean(dtype=np.float64)
    assert levels.wada_snr_db(pcm) == float(np.interp(g, levels.WADA_G[3:], levels.WADA_SNR_DB[3:]))
    assert pcm.samples is samples and samples[0] == -1.0
