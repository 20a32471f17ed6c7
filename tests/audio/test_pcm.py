"""Pcm: decoded audio as float samples, to and from the int16 bytes that chunks and WAV files hold."""
import numpy as np

from practice.audio.pcm import Pcm


def test_int16_bytes_become_samples_in_minus_one_to_one():
    data = np.array([0, 16384, -32768, 32767], dtype="<i2").tobytes()
    pcm = Pcm.from_int16_bytes(data, 16000)
    assert pcm.samples.dtype == np.float32
    assert pcm.samples.tolist() == [0.0, 0.5, -1.0, 32767 / 32768]


def test_samples_round_trip_through_int16_bytes():
    data = np.arange(-32768, 32768, 257, dtype="<i2").tobytes()
    assert Pcm.from_int16_bytes(data, 8000).to_int16_bytes() == data


def test_samples_past_full_scale_saturate_instead_of_wrapping():
    loud = Pcm(np.array([1.5, 1.0, -1.0, -2.0], np.float32), 16000)
    assert np.frombuffer(loud.to_int16_bytes(), "<i2").tolist() == [32767, 32767, -32768, -32768]


def test_duration_is_samples_over_rate():
    assert Pcm(np.zeros(24000, np.float32), 16000).duration_s == 1.5
    assert Pcm(np.zeros(10, np.float32), 0).duration_s == 0.0


def test_a_slice_in_seconds_keeps_the_rate_and_stops_at_the_ends():
    pcm = Pcm(np.arange(16000, dtype=np.float32), 16000)
    middle = pcm.slice_s(0.25, 0.5)
    assert middle.rate_hz == 16000
    assert middle.samples[0] == 4000 and len(middle.samples) == 4000
    assert len(pcm.slice_s(-1.0, 0.1).samples) == 1600
    assert len(pcm.slice_s(0.9, 5.0).samples) == 1600
