"""Streaming while speaking, long answers: 3 and 5 minutes replayed at real time (about 15 minutes of wall time)

Not part of a plain `scripts/bench`: run it by name, `scripts/bench streaming_long`.
"""
from __future__ import annotations

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench

LENGTHS_S = (180, 300)
OPT_IN = True


def rows() -> list[Row]:
    # Word agreement is judged on answers of one to three minutes.
    return stream_bench.answer_rows(LENGTHS_S, {s: f"{s // 60} min answer" for s in LENGTHS_S}, range(60, 181))
