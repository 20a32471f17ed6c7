"""Pitch tracked piece by piece as a streamed answer arrives gives the frames one track of the whole would."""
from __future__ import annotations

import numpy as np
import parselmouth
import pytest

from practice.audio.growing_pitch import WINDOW_S, GrowingPitch, GrowingTracks
from practice.audio.pcm import Pcm
from practice.audio.pitch import PITCH_CANDIDATES, PITCH_CEILING_HZ, PITCH_FLOOR_HZ, measure_pitch
from practice.audio.voicing import VOICE_SILENCE_THRESHOLD, VOICE_STEP_S, track_voice
from practice.speech.segmenter import BROWSER_CHUNK_S
from tests.audio.signals import RATE_HZ, silence, vowel_train
from tests.speech_clips import joined_clean_speech


def on_whole_grid(samples: np.ndarray) -> np.ndarray:
    """Cut so that Praat's frames for the whole fall where the growing track puts them (frame k at 20 ms + k steps)."""
    hop, window = int(VOICE_STEP_S * RATE_HZ), int(WINDOW_S * RATE_HZ)
    return samples[: (len(samples) - window - 1) // hop * hop + window + 1]


def whole_track(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pitch = parselmouth.Sound(samples.astype(np.float64), sampling_frequency=RATE_HZ).to_pitch_ac(
        time_step=VOICE_STEP_S, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ,
        max_number_of_candidates=PITCH_CANDIDATES, silence_threshold=VOICE_SILENCE_THRESHOLD)
    return np.asarray(pitch.xs()), pitch.selected_array["frequency"]


def grown(samples: np.ndarray, growing: GrowingPitch | None = None) -> tuple[np.ndarray, np.ndarray]:
    growing = growing or GrowingPitch(RATE_HZ, time_step_s=VOICE_STEP_S, silence_threshold=VOICE_SILENCE_THRESHOLD)
    step = int(BROWSER_CHUNK_S * RATE_HZ)
    for start in range(0, len(samples), step):
        growing.push(samples[start:start + step])
    return growing.finish()


def test_real_speech_arriving_in_chunks_gets_the_whole_tracks_frames():
    samples = on_whole_grid(joined_clean_speech(40.0))
    times_s, f0_hz = grown(samples)
    whole_times_s, whole_f0_hz = whole_track(samples)
    assert np.allclose(times_s, whole_times_s, atol=1e-4)
    assert np.mean((f0_hz > 0) == (whole_f0_hz > 0)) > 0.999  # 2 frames of 3996 when this was written
    both = (f0_hz > 0) & (whole_f0_hz > 0)
    assert np.allclose(f0_hz[both], whole_f0_hz[both], rtol=0.005)


def test_a_louder_part_arriving_later_sets_the_silence_threshold_of_what_came_before():
    # A soft voice 46 dB under a loud one that comes later: voiced against its own peak (Praat's 1 %
    # threshold is -40 dB), silent against the loud part's.
    soft = vowel_train(120.0, seconds=8.0).samples * 10 ** (-46 / 20) * 0.5
    loud = vowel_train(120.0, seconds=4.0).samples * 0.5
    samples = on_whole_grid(np.concatenate([soft, silence(0.5), loud]))
    _, f0_hz = grown(samples)
    _, whole_f0_hz = whole_track(samples)
    assert (whole_f0_hz[:700] > 0).sum() < (grown(soft)[1] > 0).sum() / 2  # the loud part did change the soft one
    assert np.mean((f0_hz > 0) == (whole_f0_hz > 0)) > 0.999


def test_a_level_that_keeps_rising_costs_a_bounded_number_of_whole_tracks():
    # 90 s rising 20 dB: a louder peak every few seconds, each one making every frame before it stale.
    samples = on_whole_grid(vowel_train(120.0, seconds=90.0).samples * np.geomspace(0.05, 0.5, 90 * RATE_HZ))
    growing = GrowingPitch(RATE_HZ, time_step_s=VOICE_STEP_S, silence_threshold=VOICE_SILENCE_THRESHOLD)
    _, f0_hz = grown(samples, growing)
    frames = len(f0_hz)
    # Once per 30 s at most while recording, plus once at the end: 3.2x the frames when this was written,
    # where redoing at every louder peak cost 15x.
    assert growing.frames_computed < 4 * frames
    assert np.mean((f0_hz > 0) == (whole_track(samples)[1] > 0)) > 0.999


def test_silence_has_unvoiced_frames_and_nothing_has_none():
    times_s, f0_hz = grown(silence(3.0))
    assert len(times_s) == len(f0_hz) == 296 and not f0_hz.any()
    empty = GrowingPitch(RATE_HZ, time_step_s=VOICE_STEP_S, silence_threshold=VOICE_SILENCE_THRESHOLD).finish()
    assert empty[0].size == 0 and empty[1].size == 0


def test_tracks_agree_with_track_voice_and_measure_pitch_of_the_joined_audio():
    samples = joined_clean_speech(30.0)
    tracks = GrowingTracks(RATE_HZ)
    for start in range(0, len(samples), int(BROWSER_CHUNK_S * RATE_HZ)):
        tracks.push(samples[start:start + int(BROWSER_CHUNK_S * RATE_HZ)])
    voice, pitch = tracks.finish()
    pcm = Pcm(samples, RATE_HZ)
    whole_voice = track_voice(pcm)
    assert tracks.samples == len(samples)
    assert tracks.samples_f64.dtype == np.float64 and np.array_equal(tracks.samples_f64, samples)
    assert np.mean(voice.voiced_at(whole_voice.times_s) == (whole_voice.f0_hz > 0)) > 0.99
    whole_pitch = measure_pitch(pcm)
    assert pitch.sd_semitones == pytest.approx(whole_pitch.sd_semitones, abs=0.05)
    assert pitch.median_hz == pytest.approx(whole_pitch.median_hz, rel=0.01)
    assert pitch.voiced_s == pytest.approx(whole_pitch.voiced_s, rel=0.01)
