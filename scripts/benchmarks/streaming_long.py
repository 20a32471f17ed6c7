"""Streaming while speaking, long answers: 3 and 5 minutes replayed at real time (about 9 minutes of wall time)"""
from __future__ import annotations

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench
from scripts.load_lib.streamer import replay
from tests.speech_clips import MISSING_REASON, load_clips

LENGTHS_S = (180, 300)
# Word agreement is judged on answers of one to three minutes.
AGREEMENT_UP_TO_S = 180


def rows() -> list[Row]:
    if not load_clips():
        return [Row("real speech clips", "present", MISSING_REASON, False)]
    out = []
    with stream_bench.fresh_server() as server:
        client = stream_bench.session(server)
        for seconds in LENGTHS_S:
            label = f"{seconds // 60} min answer"
            speech, reference = stream_bench.clean_speech_with_text(seconds)
            result = replay(client, speech)
            out.append(stream_bench.latency_row(label, result))
            if seconds <= AGREEMENT_UP_TO_S:
                whole = stream_bench.whole_file_analysis(client, result)
                out += stream_bench.agreement_rows(label, result.answer["analysis"], whole)
                out += stream_bench.reference_rows(label, result.answer["analysis"], whole, reference)
    return out
