"""Decoded audio as plain numbers, the one input every analysis module shares."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Pcm:
    """Mono samples as float32 in [-1, 1] at rate_hz."""

    samples: np.ndarray
    rate_hz: int

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.rate_hz if self.rate_hz else 0.0

    @classmethod
    def from_int16_bytes(cls, data: bytes, rate_hz: int) -> Pcm:
        samples = np.frombuffer(data, dtype="<i2").astype(np.float32)
        samples /= 32768.0  # in place: a long take is one fresh array, not two
        return cls(samples=samples, rate_hz=rate_hz)

    def to_int16_bytes(self) -> bytes:
        clipped = np.clip(self.samples, -1.0, 32767 / 32768)
        return (clipped * 32768.0).astype("<i2").tobytes()

    def slice_s(self, start_s: float, end_s: float) -> Pcm:
        start, end = sample_bounds(start_s, end_s, self.rate_hz, len(self.samples))
        return Pcm(self.samples[start:end], self.rate_hz)


def sample_bounds(start_s: float, end_s: float, rate_hz: int, length: int) -> tuple[int, int]:
    """The [start, end) sample indices of a stretch in seconds, within audio of `length` samples."""
    return max(0, int(round(start_s * rate_hz))), min(length, int(round(end_s * rate_hz)))
