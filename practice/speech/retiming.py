"""Give words Whisper timed at one instant the stretch of sound they were spoken in."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from practice.audio.activity import Activity
from practice.audio.words import Word

# A word shorter than this has no usable timing (Whisper's word alignment stacks tokens on one instant).
MIN_WORD_S = 0.05
# Stretches of sound for retiming: at least 50 ms long, split by 30 ms dips.
RUN_MIN_SOUND_S = 0.05
RUN_MIN_DIP_S = 0.03


def retime_short_words(words: Sequence[Word], activity: Activity, duration_s: float,
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
        spans = _spans_for(out[i:j], activity.sound_runs(lo, hi, RUN_MIN_SOUND_S, RUN_MIN_DIP_S), lo, hi, min_s)
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
