"""Two decoder passes over the same window encode it once, and only inside sharing()."""
from __future__ import annotations

import threading

import numpy as np

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
