"""Cut audio that is still growing into segments worth one Whisper call each, at the speaker's pauses.

Every Whisper call pays for a whole 30 s encoder window, so segments of ~3 s cost 2.5-3.7x a
whole-file pass while segments of 10 s or more cost 1.0-1.9x (measured with tiny.en for the
streaming issue). A segment closes at the first pause after MIN_SEGMENT_S; with no pause for
MAX_SEGMENT_S it is cut at the quietest moment instead, so the work left at Stop stays small.
A speaker who has been silent for END_PAUSE_S may be about to press Stop: what they said closes
then (after MIN_END_CUT_S), so Stop usually leaves only silence, which costs no decoding.

With base on real clips joined into answers, counting encoder windows (each ~1 s of CPU): closing from
5 s at an end pause cut a 60 s answer into 7 windows and 3 minutes into 22 (streamed/whole-file CPU
1.50 and 1.83; one whole-file pass: 4 and 9 windows); from 10 s, with pauses cutting from 12 s, into
5 and 17 (1.16-1.24 and 1.45-1.53), with the same word agreement (60 s: 97.0 against 97.7 %, one word;
3 min: 96.5 against 95.0 %).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from practice.audio.activity import runs, sound_threshold_dbfs

MIN_SEGMENT_S = 12.0
MAX_SEGMENT_S = 20.0
# The silent-pause threshold of the pause measures (250 ms) plus a margin, so a cut never splits a word.
MIN_PAUSE_S = 0.3
FRAME_S = 0.02
HOP_S = 0.01
# Silence this long at the end of what has arrived: the speaker may be done. The browser posts every
# 1.5 s, so a shorter threshold catches more of the pauses people leave before pressing Stop.
END_PAUSE_S = 0.5
# ...but a segment closed that way still holds this much, so each 30 s encoder window is not wasted;
# it also bounds what is left to decode at Stop after a last pause.
MIN_END_CUT_S = 10.0
# The forced cut looks for the quietest 100 ms, not one quiet frame inside a word.
QUIET_WINDOW_S = 0.1
# What the browser posts at a time (static/js/stream-uploader.js). The segmenter looks for a cut each time a
# chunk arrives, so a whole file fed in steps of this length is cut exactly where its stream would be.
BROWSER_CHUNK_S = 1.5


@dataclass(frozen=True)
class Segment:
    """A stretch of the answer, in seconds from its start."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def frame_levels_dbfs(samples: np.ndarray, rate_hz: int) -> np.ndarray:
    """Level of each 20 ms frame every 10 ms, from a running sum so long audio stays cheap."""
    frame, hop = int(FRAME_S * rate_hz), int(HOP_S * rate_hz)
    x = np.asarray(samples, dtype=np.float64)
    if len(x) < frame:
        return np.full(0, -120.0)
    power_sum = np.concatenate(([0.0], np.cumsum(x * x)))
    starts = np.arange(0, len(x) - frame + 1, hop)
    power = (power_sum[starts + frame] - power_sum[starts]) / frame
    return 10 * np.log10(power + 1e-12)


def silent_frames(levels_dbfs: np.ndarray) -> np.ndarray:
    """Silence by the analysis's own rule (practice.audio.activity), on these cheaper running-sum levels."""
    if len(levels_dbfs) == 0:
        return np.zeros(0, dtype=bool)
    return levels_dbfs < sound_threshold_dbfs(levels_dbfs)[0]


def find_cut_s(samples: np.ndarray, rate_hz: int) -> float | None:
    """Where to close the segment that starts at samples[0], in seconds from there; None means wait for more.

    The cut goes into the middle of the first pause of MIN_PAUSE_S or longer whose middle lies past
    MIN_SEGMENT_S (a pause still going on counts with the part heard so far), or of a silence of
    END_PAUSE_S still going on at the end, past MIN_END_CUT_S. With neither by MAX_SEGMENT_S, it goes
    to the quietest QUIET_WINDOW_S between MIN_SEGMENT_S and MAX_SEGMENT_S.
    """
    heard_s = len(samples) / rate_hz
    if heard_s < MIN_END_CUT_S:
        return None
    levels = frame_levels_dbfs(samples[: int(MAX_SEGMENT_S * rate_hz)], rate_hz)
    silent = silent_frames(levels)
    first_hop = int(MIN_SEGMENT_S / HOP_S)
    quiet_runs = runs(silent)
    for start, end in quiet_runs:
        middle = (start + end) // 2
        if end - start >= round(MIN_PAUSE_S / HOP_S) and middle >= first_hop:
            return _hop_time_s(middle)
    if quiet_runs and heard_s < MAX_SEGMENT_S:
        start, end = quiet_runs[-1]
        middle = (start + end) // 2
        if (start > 0 and end == silent.size and end - start >= round(END_PAUSE_S / HOP_S)
                and middle >= MIN_END_CUT_S / HOP_S):
            return _hop_time_s(middle)
    if heard_s < MAX_SEGMENT_S:
        return None
    return _quietest_s(levels, first_hop)


def _hop_time_s(hop: int) -> float:
    """The centre of frame `hop`, which is where its level was measured."""
    return round(hop * HOP_S + FRAME_S / 2, 3)


def _quietest_s(levels: np.ndarray, first_hop: int) -> float:
    width = max(1, int(round(QUIET_WINDOW_S / HOP_S)))
    smoothed = np.convolve(levels, np.ones(width) / width, mode="same")
    last_hop = min(len(smoothed), int(MAX_SEGMENT_S / HOP_S))
    return _hop_time_s(first_hop + int(np.argmin(smoothed[first_hop:last_hop])))


class Segmenter:
    """Feed it the answer's samples as they arrive; it returns each segment once, as soon as it closes."""

    def __init__(self, rate_hz: int) -> None:
        self.rate_hz = rate_hz
        self._open = np.zeros(0, dtype=np.float32)
        self.open_start_s = 0.0
        self.heard_s = 0.0

    def push(self, samples: np.ndarray) -> list[Segment]:
        """Add newly arrived samples; returns the segments that closed (often none)."""
        self.heard_s += len(samples) / self.rate_hz
        self._open = np.concatenate((self._open, np.asarray(samples, dtype=np.float32)))
        closed = []
        while (cut_s := find_cut_s(self._open, self.rate_hz)) is not None:
            cut = int(round(cut_s * self.rate_hz))
            closed.append(Segment(round(self.open_start_s, 3), round(self.open_start_s + cut / self.rate_hz, 3)))
            self._open = self._open[cut:]
            self.open_start_s += cut / self.rate_hz
        return closed

    def finish(self) -> Segment | None:
        """The last, still open segment (None when nothing is left after the last cut)."""
        if len(self._open) == 0:
            return None
        last = Segment(round(self.open_start_s, 3), round(self.heard_s, 3))
        self._open = np.zeros(0, dtype=np.float32)
        self.open_start_s = self.heard_s
        return last


def cut_as_streamed(samples: np.ndarray, rate_hz: int) -> list[Segment]:
    """Every segment of a whole recording, in order, cut where the same audio streamed from the browser is cut."""
    segmenter, step = Segmenter(rate_hz), int(round(BROWSER_CHUNK_S * rate_hz))
    segments = []
    for start in range(0, len(samples), step):
        segments += segmenter.push(samples[start:start + step])
    last = segmenter.finish()
    return segments + ([last] if last else [])
