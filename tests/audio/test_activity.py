"""Sound or silence per frame: the one detector pauses and the speech span are read from."""
import numpy as np
import pytest

from practice.audio.activity import detect_activity
from practice.audio.pcm import Pcm
from tests.audio_files import tone

RATE_HZ = 16_000


def test_a_tone_between_silences_is_one_stretch_of_sound_at_its_times():
    samples = np.concatenate([np.zeros(RATE_HZ, np.float32), tone(1.5, rate_hz=RATE_HZ).astype(np.float32),
                              np.zeros(RATE_HZ, np.float32)])
    activity = detect_activity(Pcm(samples, RATE_HZ))
    assert activity.any_sound
    [(start_s, end_s)] = activity.sounding_s()
    assert start_s == pytest.approx(1.0, abs=0.05) and end_s == pytest.approx(2.5, abs=0.05)
    assert activity.first_active_s == pytest.approx(start_s) and activity.last_active_s == pytest.approx(end_s)


def test_digital_silence_has_no_sound():
    activity = detect_activity(Pcm(np.zeros(2 * RATE_HZ, np.float32), RATE_HZ))
    assert not activity.any_sound and activity.sounding_s() == [] and activity.first_active_s is None
