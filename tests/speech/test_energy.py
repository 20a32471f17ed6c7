"""The energy envelope the transcriber retimes words with: where the sound is, and how many bursts."""
import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.speech.energy import HOP_S, Energy
from tests.audio_files import tone

RATE_HZ = 16_000


def bursts_at(spans_s: list[tuple[float, float]], total_s: float = 3.0) -> Pcm:
    samples = np.zeros(int(total_s * RATE_HZ), dtype=np.float32)
    for start_s, end_s in spans_s:
        part = tone(end_s - start_s, rate_hz=RATE_HZ)
        samples[int(start_s * RATE_HZ):int(start_s * RATE_HZ) + part.size] = part
    return Pcm(samples, RATE_HZ)


def test_sound_seconds_follow_the_tone():
    energy = Energy.of(bursts_at([(0.5, 1.5)]))
    assert energy.sound_s(0.0, 3.0) == pytest.approx(1.0, abs=3 * HOP_S)
    assert energy.sound_s(2.0, 3.0) == 0.0


def test_two_tones_with_a_gap_are_two_bursts_at_their_times():
    energy = Energy.of(bursts_at([(0.5, 0.9), (1.4, 1.8)]))
    runs = energy.sound_runs(0.0, 3.0, 0.05, 0.03)
    assert [(round(a, 1), round(b, 1)) for a, b in runs] == [(0.5, 0.9), (1.4, 1.8)]


def test_too_short_audio_has_no_sound():
    energy = Energy.of(Pcm(np.zeros(10, dtype=np.float32), RATE_HZ))
    assert energy.sound.size == 0 and energy.sound_s(0.0, 1.0) == 0.0
