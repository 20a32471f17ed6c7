"""Frame energy for the ASR adapters: where there is sound, and where to cut long audio."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from practice.audio.pcm import Pcm

FRAME_S = 0.02
HOP_S = 0.01
# Same rule of thumb as De Jong & Wempe's syllable script: silence is 25 dB under the loud frames.
SILENCE_BELOW_LOUD_DB = 25.0
# ...but never call the noise floor itself sound: sound is at least 6 dB above the quiet frames.
SOUND_ABOVE_FLOOR_DB = 6.0
# Digital silence and dither stay silence whatever the percentiles say.
ABSOLUTE_SILENCE_DBFS = -60.0


@dataclass(frozen=True)
class Energy:
    """Per-hop level in dBFS and a sound/silence mask."""

    level_dbfs: np.ndarray
    sound: np.ndarray

    @classmethod
    def of(cls, pcm: Pcm) -> "Energy":
        frame, hop = int(FRAME_S * pcm.rate_hz), int(HOP_S * pcm.rate_hz)
        x = np.asarray(pcm.samples, dtype=np.float64)
        if len(x) < frame or hop == 0:
            return cls(np.full(0, -120.0), np.zeros(0, dtype=bool))
        power = np.convolve(x * x, np.ones(frame) / frame, mode="same")[::hop]
        level = 10 * np.log10(power + 1e-12)
        loud, quiet = np.percentile(level, 95), np.percentile(level, 10)
        threshold = max(loud - SILENCE_BELOW_LOUD_DB, quiet + SOUND_ABOVE_FLOOR_DB, ABSOLUTE_SILENCE_DBFS)
        return cls(level, level >= threshold)

    def sound_s(self, start_s: float, end_s: float) -> float:
        """Seconds of sound between start_s and end_s."""
        a, b = max(0, int(start_s / HOP_S)), max(0, int(np.ceil(end_s / HOP_S)))
        return float(self.sound[a:b].sum()) * HOP_S

    def bursts(self, start_s: float, end_s: float, min_sound_s: float, min_dip_s: float) -> int:
        """How many separate stretches of sound lie between start_s and end_s."""
        a, b = max(0, int(start_s / HOP_S)), max(0, int(np.ceil(end_s / HOP_S)))
        count, run, dip, counted = 0, 0, 0, False
        for on in self.sound[a:b]:
            if on:
                run, dip = run + 1, 0
                if not counted and run * HOP_S >= min_sound_s:
                    count, counted = count + 1, True
            else:
                dip += 1
                if dip * HOP_S >= min_dip_s:
                    run, counted = 0, False
        return count

    def last_sound_s(self) -> float:
        idx = np.flatnonzero(self.sound)
        return float(idx[-1] + 1) * HOP_S if len(idx) else 0.0

    def first_sound_s(self) -> float:
        idx = np.flatnonzero(self.sound)
        return float(idx[0]) * HOP_S if len(idx) else 0.0


def split_at_pauses(pcm: Pcm, max_chunk_s: float = 8.0, min_pause_s: float = 0.2) -> list[tuple[float, float]]:
    """Cut points for long audio: chunks up to max_chunk_s, cut in the middle of the longest pause.

    Falls back to a hard cut where a stretch has no pause at all.
    """
    energy = Energy.of(pcm)
    total = pcm.duration_s
    spans: list[tuple[float, float]] = []
    start = 0.0
    while total - start > max_chunk_s:
        a, b = int((start + max_chunk_s / 2) / HOP_S), int((start + max_chunk_s) / HOP_S)
        window = ~energy.sound[a:b]
        cut = _middle_of_longest_run(window, int(min_pause_s / HOP_S))
        cut_s = (a + cut) * HOP_S if cut is not None else start + max_chunk_s
        spans.append((start, cut_s))
        start = cut_s
    spans.append((start, total))
    return [s for s in spans if s[1] - s[0] > 0.05]


def _middle_of_longest_run(mask: np.ndarray, min_len: int) -> int | None:
    best_len, best_mid, run_start = 0, None, None
    for i, value in enumerate(list(mask) + [False]):
        if value and run_start is None:
            run_start = i
        elif not value and run_start is not None:
            if i - run_start > best_len:
                best_len, best_mid = i - run_start, (run_start + i) // 2
            run_start = None
    return best_mid if best_len >= max(1, min_len) else None
