"""Analyses for tests, made by the real scoring code from words and pauses the test chooses."""
from __future__ import annotations

from collections.abc import Sequence

from practice.analysis import Analysis
from practice.audio.report import Signal, assemble_analysis
from practice.audio.words import Word


def make_analysis(words: Sequence[Word], pauses: Sequence[tuple[float, float]] = (), *, script: str | None = None,
                  duration_s: float | None = None, **signal) -> Analysis:
    """Sound from the first word (or pause) to the last, silent in `pauses`; `signal` sets levels and pitch."""
    starts = [w.start_s for w in words] + [start for start, _ in pauses]
    ends = [w.end_s for w in words] + [end for _, end in pauses]
    span = (min(starts, default=0.0), max(ends, default=0.0))
    described = Signal.described(duration_s=duration_s if duration_s is not None else span[1] + 0.5,
                                 sound_span=span, pauses=pauses, **signal)
    return Analysis.of(assemble_analysis(described, words, script=script))
