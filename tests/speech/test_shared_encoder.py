"""Two decoder passes over the same window encode it once, and only inside sharing()."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from practice.speech import shared_encoder


class CountingModel:
    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, features: np.ndarray):
        self.encoded += 1
        return float(features.sum())


def test_the_same_features_are_encoded_once_inside_sharing_and_every_time_outside():
    model = CountingModel()
    shared_encoder.install(model)
    window, other = np.ones((80, 3000), np.float32), np.zeros((80, 3000), np.float32)
    with shared_encoder.sharing():
        assert model.encode(window) == model.encode(window) == 240000.0
        model.encode(other)
    assert model.encoded == 2
    model.encode(window)
    assert model.encoded == 3


def test_another_thread_does_not_see_this_threads_windows():
    model = CountingModel()
    shared_encoder.install(model)
    window = np.ones((80, 3000), np.float32)
    with shared_encoder.sharing():
        model.encode(window)
        thread = threading.Thread(target=lambda: model.encode(window))
        thread.start()
        thread.join()
    assert model.encoded == 2


class SlowModel(CountingModel):
    """Encodes slowly enough that a second thread asks for the same window while the first is encoding it."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()

    def encode(self, features: np.ndarray):
        self.started.set()
        time.sleep(0.2)
        return super().encode(features)


def test_a_thread_that_joins_the_block_waits_for_the_window_being_encoded_instead_of_encoding_it_again():
    model = SlowModel()
    shared_encoder.install(model)
    window = np.ones((80, 3000), np.float32)
    seen = []
    with shared_encoder.sharing() as outputs:
        def beside():
            model.started.wait()
            with shared_encoder.sharing(outputs):
                seen.append(model.encode(window))

        thread = threading.Thread(target=beside)
        thread.start()
        seen.append(model.encode(window))
        thread.join()
    assert seen == [240000.0, 240000.0] and model.encoded == 1


def test_a_failed_encode_is_not_kept_and_the_next_call_encodes_again():
    class FailsOnce(CountingModel):
        def encode(self, features):
            super().encode(features)
            if self.encoded == 1:
                raise MemoryError("no room")
            return 1.0

    model = FailsOnce()
    shared_encoder.install(model)
    window = np.ones((80, 3000), np.float32)
    with shared_encoder.sharing():
        with pytest.raises(MemoryError):
            model.encode(window)
        assert model.encode(window) == model.encode(window) == 1.0
    assert model.encoded == 2


class CountingVad:
    """A module with faster-whisper's get_speech_timestamps(audio, vad_options) that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def get_speech_timestamps(self, audio: np.ndarray, vad_options=None):
        self.calls += 1
        return [{"start": 0, "end": int(audio.size), "options": vad_options}]


def test_speech_in_the_same_samples_with_the_same_options_is_found_once_inside_sharing():
    vad = CountingVad()
    shared_encoder.share_speech_timestamps(vad)
    shared_encoder.share_speech_timestamps(vad)  # installing twice wraps once
    audio, other = np.ones(16000, np.float32), np.zeros(16000, np.float32)
    with shared_encoder.sharing():
        first = vad.get_speech_timestamps(audio, {"min_silence_duration_ms": 500})
        first[0]["end"] = -1  # one pass changing its list leaves the other's alone
        assert vad.get_speech_timestamps(audio, {"min_silence_duration_ms": 500}) == [
            {"start": 0, "end": 16000, "options": {"min_silence_duration_ms": 500}}]
        assert vad.calls == 1
        vad.get_speech_timestamps(audio, {"min_silence_duration_ms": 300})
        vad.get_speech_timestamps(other, {"min_silence_duration_ms": 500})
        assert vad.calls == 3
    vad.get_speech_timestamps(audio, {"min_silence_duration_ms": 500})
    assert vad.calls == 4


def test_a_thread_that_joins_the_block_reuses_the_speech_found_there():
    vad = CountingVad()
    shared_encoder.share_speech_timestamps(vad)
    audio = np.ones(16000, np.float32)
    with shared_encoder.sharing() as outputs:
        vad.get_speech_timestamps(audio)

        def beside():
            with shared_encoder.sharing(outputs):
                vad.get_speech_timestamps(audio)

        thread = threading.Thread(target=beside)
        thread.start()
        thread.join()
    assert vad.calls == 1


def test_a_waiter_learns_when_an_encode_begins_anywhere_in_the_process():
    model = CountingModel()
    shared_encoder.install(model)
    before = shared_encoder.encodes_started()
    assert not shared_encoder.wait_for_an_encode(before, 0.01)
    thread = threading.Thread(target=lambda: (time.sleep(0.05), model.encode(np.ones((80, 3000), np.float32))))
    thread.start()
    assert shared_encoder.wait_for_an_encode(before, 30.0)
    thread.join()
    assert shared_encoder.encodes_started() == before + 1
