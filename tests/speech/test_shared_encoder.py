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
