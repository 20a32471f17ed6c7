"""Streaming while speaking: Stop -> words for 30 s and 60 s answers replayed at real time; compute and agreement

The first answer after a fresh server start counts. `scripts/bench streaming` runs this section alone;
streaming_pair (two at once) and streaming_browser (Chromium) are separate; streaming_long (3 and 5 minutes,
about 15 minutes) runs only when named.
"""
from __future__ import annotations

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench

LENGTHS_S = (30, 60)


def rows() -> list[Row]:
    # Word agreement is judged on answers of one to three minutes.
    return stream_bench.answer_rows(LENGTHS_S, {s: f"{s} s answer" for s in LENGTHS_S}, range(60, 181))
