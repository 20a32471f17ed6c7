"""Frame energy for the ASR adapters: where there is sound, and where to cut long audio."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.words import Word

FRAME_S = 0.02
HOP_S = 0.01
# Same rule of thumb as De Jong & Wempe's syllable script: silence is 25 dB under the loud frames.
SILENCE_BELOW_LOUD_DB = 25.0
# ...but never call the noise floor itself sound: sound is at least 6 dB above the quiet frames.
SOUND_ABOVE_FLOOR_DB = 6.0
# Digital silence and dither stay silence whatever the percentiles say.
ABSOLUTE_SILENCE_DBFS = -60.0
# A word shorter than this has no usable timing (Whisper's word alignment stacks tokens on one instant).
MIN_WORD_S = 0.05
# Stretches of sound for retiming: at least 50 ms long (as the filler guard's bursts), split by 30 ms dips.
RUN_MIN_SOUND_S = 0.05
RUN_MIN_DIP_S = 0.03


@dataclass(frozen=True)
class Energy:
    """Per-hop level in dBFS and a sound/silence mask."""

    level_dbfs: np.ndarray
    sound: np.ndarray

    @classmethod
    def of(cls, pcm: Pcm) -> Energy:
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

    def sound_runs(self, start_s: float, end_s: float, min_sound_s: float,
                   min_dip_s: float) -> list[tuple[float, float]]:
        """Stretches of sound at least min_sound_s long, split by dips of min_dip_s, clipped to [start_s, end_s]."""
        a, b = max(0, int(start_s / HOP_S)), max(0, int(np.ceil(end_s / HOP_S)))
        out: list[tuple[float, float]] = []
        run_start, last_on, dip = None, None, 0
        for i, on in enumerate(list(self.sound[a:b]) + [False] * int(np.ceil(min_dip_s / HOP_S))):
            if on:
                run_start = i if run_start is None else run_start
                last_on, dip = i, 0
            elif run_start is not None:
                dip += 1
                if dip * HOP_S >= min_dip_s:
                    if (last_on + 1 - run_start) * HOP_S >= min_sound_s:
                        out.append((max(start_s, (a + run_start) * HOP_S), min(end_s, (a + last_on + 1) * HOP_S)))
                    run_start, dip = None, 0
        return out


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


def retime_short_words(words: Sequence[Word], energy: Energy, duration_s: float,
                       min_s: float = MIN_WORD_S) -> tuple[Word, ...]:
    """Give words Whisper timed at (almost) one instant the stretch of sound they were spoken in.

    Each run of consecutive words shorter than min_s may use the time between the words around
    it (the previous word's end, the next word's start). The stretches of sound there go to the
    words in spoken order: with at least as many stretches as words, each word takes the stretch
    nearest its own time; with fewer, the words share the stretches evenly. Where the gap has no
    sound but room, the words split the gap; where there is no room, they keep Whisper's times.
    Text, order, probability and filler flags never change.
    """
    out = list(words)
    i = 0
    while i < len(out):
        if out[i].end_s - out[i].start_s >= min_s:
            i += 1
            continue
        j = i
        while j < len(out) and out[j].end_s - out[j].start_s < min_s:
            j += 1
        lo = out[i - 1].end_s if i > 0 else 0.0
        hi = out[j].start_s if j < len(out) else duration_s
        spans = _spans_for(out[i:j], energy.sound_runs(lo, hi, RUN_MIN_SOUND_S, RUN_MIN_DIP_S), lo, hi, min_s)
        if spans is not None:
            for k, (start_s, end_s) in enumerate(spans):
                out[i + k] = replace(out[i + k], start_s=round(start_s, 3), end_s=round(end_s, 3))
        i = j
    return tuple(out)


def _spans_for(run: list[Word], stretches: list[tuple[float, float]], lo: float, hi: float,
               min_s: float) -> list[tuple[float, float]] | None:
    k = len(run)
    if not stretches:
        if hi - lo < k * min_s:
            return None
        stretches = [(lo, hi)]
    if len(stretches) >= k:
        chosen, first = [], 0
        for n, word in enumerate(run):
            last = len(stretches) - (k - n)  # leave one stretch for each word still to place
            t = (word.start_s + word.end_s) / 2
            best = min(range(first, last + 1), key=lambda s: _distance(t, stretches[s]))
            chosen.append(stretches[best])
            first = best + 1
        return chosen
    spans = []
    for s, (start_s, end_s) in enumerate(stretches):
        share = [n for n in range(k) if n * len(stretches) // k == s]
        step = (end_s - start_s) / len(share)
        spans += [(start_s + m * step, start_s + (m + 1) * step) for m in range(len(share))]
    return spans


def _distance(t: float, span: tuple[float, float]) -> float:
    return 0.0 if span[0] <= t <= span[1] else min(abs(t - span[0]), abs(t - span[1]))
