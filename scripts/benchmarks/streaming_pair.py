"""Streaming while speaking: two 60 s answers streamed at once, each finished within 4 s of its Stop"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench
from scripts.load_lib.streamer import replay
from tests.speech_clips import MISSING_REASON, load_clips

SECONDS = 60
TARGET_S = 4.0


def rows() -> list[Row]:
    if not load_clips():
        return [Row("real speech clips", "present", MISSING_REASON, False)]
    speech = stream_bench.clean_speech(SECONDS)
    with stream_bench.fresh_server() as server:
        warm = stream_bench.session(server)
        replay(warm, speech[: 12 * 16000], realtime=False)  # the model is loaded; this section is about sharing
        clients = [stream_bench.session(server) for _ in range(2)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda c: replay(c, speech, server_cpu_s=server.cpu_s), clients))
    rows = []
    for n, result in enumerate(results, 1):
        label = f"answer {n} of 2 at once ({SECONDS} s)"
        rows += [Row(f"{label}: Stop -> words on the review", f"<= {TARGET_S:g} s", f"{result.stop_to_words_s:.2f} s",
                     result.stop_to_words_s <= TARGET_S),
                 stream_bench.latency_cpu_row(f"{label}, both answers' work", result)]
    return rows
