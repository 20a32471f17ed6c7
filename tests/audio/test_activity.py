"""Sound or silence per frame: the one detector pauses and the speech span are read from."""
import itertools

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


def bursts_at(spans_s: list[tuple[float, float]], total_s: float = 3.0) -> Pcm:
    samples = np.zeros(int(total_s * RATE_HZ), dtype=np.float32)
    for start_s, end_s in spans_s:
        part = tone(end_s - start_s, rate_hz=RATE_HZ)
        samples[int(start_s * RATE_HZ):int(start_s * RATE_HZ) + part.size] = part
    return Pcm(samples, RATE_HZ)


def test_sound_seconds_follow_the_tone():
    activity = detect_activity(bursts_at([(0.5, 1.5)]))
    assert activity.sound_s(0.0, 3.0) == pytest.approx(1.0, abs=0.05)
    assert activity.sound_s(2.0, 3.0) == 0.0


def test_two_tones_with_a_gap_are_two_runs_at_their_times():
    activity = detect_activity(bursts_at([(0.5, 0.9), (1.4, 1.8)]))
    runs = activity.sound_runs(0.0, 3.0, 0.05, 0.03)
    assert [(round(a, 1), round(b, 1)) for a, b in runs] == [(0.5, 0.9), (1.4, 1.8)]
    assert activity.sound_runs(0.0, 3.0, 0.05, 0.6) == [pytest.approx((0.5, 1.8), abs=0.05)]


def test_long_audio_is_cut_in_its_pauses_and_hard_cut_where_it_has_none():
    activity = detect_activity(bursts_at([(0.2, 4.0), (4.6, 9.0), (9.2, 11.8)], total_s=12.0))
    spans = activity.split_at_pauses(6.0)
    assert spans[0] == (0.0, pytest.approx(4.3, abs=0.05))
    assert all(b - a <= 6.0 for a, b in spans) and spans[-1][1] == pytest.approx(12.0)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_too_short_audio_has_no_sound():
    activity = detect_activity(Pcm(np.zeros(10, dtype=np.float32), RATE_HZ))
    assert activity.sound_s(0.0, 1.0) == 0.0 and activity.sound_runs(0.0, 1.0, 0.05, 0.03) == []
