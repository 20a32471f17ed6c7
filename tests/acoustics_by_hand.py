"""Praat-like frame tracks built by hand, so filler rules can be tested on sound laid out to the frame."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from practice.audio.filled_pauses import Acoustics

Spans = Sequence[tuple[float, float]]


def acoustics_by_hand(voiced_s: Spans, sounding_s: Spans | None = None, steady_s: Spans = (),
                      duration_s: float = 3.0) -> Acoustics:
    """A 120 Hz voice in voiced_s with moving formants, held still inside steady_s; sound in sounding_s
    (default: where the voice is), silence elsewhere."""
    times_s = np.arange(0.005, duration_s, 0.01)

    def mask(spans: Spans) -> np.ndarray:
        out = np.zeros(times_s.size, bool)
        for start_s, end_s in spans:
            out |= (times_s >= start_s) & (times_s < end_s)
        return out

    voiced = mask(voiced_s)
    sounding = mask(sounding_s) if sounding_s is not None else voiced
    held = mask(steady_s)
    f1 = np.where(voiced, np.where(held, 600.0, 500.0 + 200 * np.sin(times_s * 60)), 0.0)
    f2 = np.where(voiced, np.where(held, 1200.0, 1500.0 + 400 * np.cos(times_s * 60)), 0.0)
    return Acoustics(times_s, np.where(voiced, 120.0, 0.0), f1, f2, np.where(sounding, -25.0, -80.0), sounding, -25.0)
