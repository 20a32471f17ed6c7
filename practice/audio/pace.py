"""How fast the speaker talks: words per minute overall, syllables per second while talking, and drift."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from practice.audio.pauses import MIN_PAUSE_S
from practice.audio.text import count_syllables
from practice.audio.words import Word, normalise_token

# Window for pace over time; long enough to hold ~25 words at a normal 150 wpm.
PACE_WINDOW_S = 10.0
# A trailing window shorter than this is folded into the one before, so one word cannot read as 300 wpm.
MIN_WINDOW_S = 4.0
# How far a span edge may move to meet the sound it sits in. On the 18 shared clips tiny.en ended the last
# word 0.05-0.3 s (median 0.1) before its sound faded; a wider move would let a noise run stretch the span.
MAX_EDGE_SNAP_S = 0.3


@dataclass(frozen=True)
class PaceWindow:
    start_s: float
    end_s: float
    rate_wpm: float

    def to_dict(self) -> dict:
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3), "rate_wpm": round(self.rate_wpm, 1)}

    @classmethod
    def from_dict(cls, data: dict) -> PaceWindow:
        return cls(data["start_s"], data["end_s"], data["rate_wpm"])


@dataclass(frozen=True)
class Pace:
    """Speaking rate over the speech span; None when there are no real words to time."""

    rate_wpm: float | None
    articulation_rate_sps: float | None
    word_count: int
    syllable_count: int
    over_time: tuple[PaceWindow, ...]


def real_words(words: Sequence[Word]) -> list[Word]:
    """Words that carry content: not fillers and not empty punctuation."""
    return [w for w in words if not w.filler and normalise_token(w.text)]


def speech_span(words: Sequence[Word], sounding_s: Sequence[tuple[float, float]] = ()) -> tuple[float, float] | None:
    """First word start to last word end, with both edges set by the audio's stretches of sound.

    Whisper often stretches the first word back to 0 s and the last to the clip end, so the span is trimmed
    to where the audio sounds. Its word edges are also coarse (20 ms tokens aligned by attention), and often
    end a last word before its sound fades: an edge inside a stretch of sound moves to that stretch's edge,
    by at most MAX_EDGE_SNAP_S. A silence shorter than a pause belongs to the stretch around it (a stop's
    closure, a final fricative dipping under the line), so an edge in such a dip moves out as well.
    """
    timed = [w for w in words if normalise_token(w.text)]
    if not timed:
        return None
    start_s, end_s = min(w.start_s for w in timed), max(w.end_s for w in timed)
    if sounding_s:
        trimmed = max(start_s, sounding_s[0][0]), min(end_s, sounding_s[-1][1])
        if trimmed[1] > trimmed[0]:
            start_s, end_s = trimmed
        stretches = _bridged(sounding_s, MIN_PAUSE_S)
        start_s = next((max(lo, start_s - MAX_EDGE_SNAP_S) for lo, hi in stretches if lo <= start_s < hi), start_s)
        end_s = next((min(hi, end_s + MAX_EDGE_SNAP_S) for lo, hi in stretches if lo < end_s <= hi), end_s)
    return (start_s, end_s) if end_s > start_s else None


def _bridged(sounding_s: Sequence[tuple[float, float]], max_gap_s: float) -> list[tuple[float, float]]:
    """Stretches of sound joined across silences shorter than max_gap_s, which are not pauses but part of speech."""
    joined: list[tuple[float, float]] = []
    for lo, hi in sounding_s:
        if joined and lo - joined[-1][1] < max_gap_s:
            joined[-1] = (joined[-1][0], hi)
        else:
            joined.append((lo, hi))
    return joined


def measure_pace(words: Sequence[Word], span: tuple[float, float] | None, speaking_s: float | None) -> Pace:
    """rate_wpm counts real words over the span; articulation counts all syllables over speaking time only."""
    content = real_words(words)
    syllables = sum(count_syllables(w.text) for w in words if normalise_token(w.text))
    if span is None or not content:
        return Pace(None, None, len(content), syllables, ())
    span_s = span[1] - span[0]
    rate = len(content) / span_s * 60
    articulation = syllables / speaking_s if speaking_s and speaking_s > 0 else None
    return Pace(rate, articulation, len(content), syllables, tuple(pace_over_time(content, span)))


def pace_over_time(content: Sequence[Word], span: tuple[float, float]) -> list[PaceWindow]:
    """Words per minute in consecutive PACE_WINDOW_S windows, each word counted where its middle falls."""
    start_s, end_s = span
    edges = [start_s]
    while edges[-1] + PACE_WINDOW_S < end_s:
        edges.append(edges[-1] + PACE_WINDOW_S)
    edges.append(end_s)
    if len(edges) > 2 and edges[-1] - edges[-2] < MIN_WINDOW_S:
        del edges[-2]
    windows = []
    for lo, hi in pairwise(edges):
        last = hi == edges[-1]
        middles = ((w.start_s + w.end_s) / 2 for w in content)
        count = sum(1 for middle in middles if lo <= middle < hi or (last and middle >= hi))
        windows.append(PaceWindow(lo, hi, count / (hi - lo) * 60))
    return windows
