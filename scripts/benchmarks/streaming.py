"""Streaming while speaking: Stop -> words for 30 s and 60 s answers replayed at real time; compute and agreement

The first answer after a fresh server start counts. `scripts/bench streaming` runs this section alone;
streaming_long (3 and 5 minutes), streaming_pair (two at once) and streaming_browser (Chromium) are separate.
"""
from __future__ import annotations

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench
from scripts.load_lib.streamer import replay
from tests.speech_clips import MISSING_REASON, load_clips

LENGTHS_S = (30, 60)
# Word agreement is judged on answers of one to three minutes.
AGREEMENT_FROM_S = 60


def rows() -> list[Row]:
    if not load_clips():
        return [Row("real speech clips", "present", MISSING_REASON, False)]
    out = []
    with stream_bench.fresh_server() as server:
        client = stream_bench.session(server)
        for seconds in LENGTHS_S:
            label = f"{seconds} s answer" + (" (first after start)" if seconds == LENGTHS_S[0] else "")
            speech, reference = stream_bench.clean_speech_with_text(seconds)
            result = replay(client, speech)
            timing = result.answer["analysis"]["timing"]
            out.append(stream_bench.latency_row(label, result))
            out.append(Row(f"{label}: model", "", f"{timing['engine']} {timing['model']}", None))
            if seconds >= AGREEMENT_FROM_S:
                whole = stream_bench.whole_file_analysis(client, result)
                out += stream_bench.agreement_rows(label, result.answer["analysis"], whole)
                out += stream_bench.reference_rows(label, result.answer["analysis"], whole, reference)
    return out
