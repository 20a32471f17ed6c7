"""LAN mode's HTTPS server (cheroot) against the default one (waitress): uploads, range playback, streaming"""
from __future__ import annotations

import ssl
import statistics
import tempfile
import time
from pathlib import Path

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench
from scripts.load_lib.client import Client
from scripts.load_lib.server import Server
from scripts.load_lib.streamer import replay
from tests.speech_clips import load_clips

LAN_STAND_IN = "127.0.0.2"
UPLOADS = 5
ANSWER_S = 30.0
RANGE_REQUESTS = 20
RANGE_BYTES = 64 * 1024
# TLS on loopback costs little beside decoding the upload; twice the plain time would mean a server problem.
UPLOAD_RATIO_TARGET = 1.5
RANGE_RATIO_TARGET = 3.0
ANALYSIS_TIMEOUT_S = 300.0
STREAMED_ANSWER_S = 30


def measure(server: Server, client: Client, wav: Path) -> dict:
    """Upload UPLOADS times (each analysed before the next, so the CPU is quiet), then read ranges of the last."""
    client.open_session()
    upload_s, accepted, answer = [], 0, None
    for _ in range(UPLOADS):
        started = time.perf_counter()
        reply = client.upload(wav, filename="answer.wav")
        upload_s.append(time.perf_counter() - started)
        if reply.status == 202:
            accepted += 1
            answer = client.wait_for_status(reply.json()["url"], {"done", "failed"}, ANALYSIS_TIMEOUT_S)
    data = wav.read_bytes()
    range_s, exact = [], 0
    for index in range(RANGE_REQUESTS):
        first = (index * 37_000) % (len(data) - RANGE_BYTES)
        started = time.perf_counter()
        reply = client.request("GET", f"/answers/{answer['id']}/audio",
                               headers={"Range": f"bytes={first}-{first + RANGE_BYTES - 1}", "Accept": "*/*"})
        range_s.append(time.perf_counter() - started)
        exact += reply.status == 206 and reply.body == data[first:first + RANGE_BYTES]
    streamed_s = replay(client, stream_bench.clean_speech(STREAMED_ANSWER_S)).stop_to_words_s if load_clips() else None
    return {"upload_s": statistics.median(upload_s), "accepted": accepted, "done": answer["status"] == "done",
            "range_ms": statistics.median(range_s) * 1000, "exact": exact, "stop_to_words_s": streamed_s}


def rows() -> list[Row]:
    from tests.audio_files import tone, write_wav

    with tempfile.TemporaryDirectory(prefix="practice-bench-lan-") as folder:
        wav = write_wav(Path(folder) / "answer.wav", tone(ANSWER_S))
        plain_server = Server(Path(folder) / "plain", threads=4)
        plain_server.create_tables()
        with plain_server:
            plain = measure(plain_server, Client(plain_server.base_url), wav)
        lan_server = Server(Path(folder) / "lan", threads=4, lan_host=LAN_STAND_IN)
        lan_server.create_tables()
        with lan_server:
            context = ssl.create_default_context(cafile=str(lan_server.instance_path / "lan" / "ca.pem"))
            client = Client(lan_server.base_url, ssl_context=context)
            logged_in = client.log_in(lan_server.printed_passcode()).status == 302
            lan = measure(lan_server, client, wav)
    size_mb = wav_size_mb(ANSWER_S)
    upload_ratio = lan["upload_s"] / plain["upload_s"]
    range_ratio = lan["range_ms"] / plain["range_ms"]
    return [
        Row("LAN: logged in with the printed passcode, CA-verified TLS", "yes", "yes" if logged_in else "no",
            logged_in),
        Row(f"LAN: {size_mb:.1f} MB uploads accepted and analysed", f"{UPLOADS}/{UPLOADS}",
            f"{lan['accepted']}/{UPLOADS}, last {'done' if lan['done'] else 'not done'}",
            lan["accepted"] == UPLOADS and lan["done"]),
        Row("upload time, median: https (cheroot) / http (waitress)", "informational",
            f"{lan['upload_s'] * 1000:.0f} ms / {plain['upload_s'] * 1000:.0f} ms", None),
        Row("upload time ratio https / http", f"<= {UPLOAD_RATIO_TARGET:g}", f"{upload_ratio:.2f}",
            upload_ratio <= UPLOAD_RATIO_TARGET),
        Row(f"LAN: range requests answered 206 with the exact {RANGE_BYTES // 1024} KB",
            f"{RANGE_REQUESTS}/{RANGE_REQUESTS}", f"{lan['exact']}/{RANGE_REQUESTS}", lan["exact"] == RANGE_REQUESTS),
        Row("range request, median: https / http", "informational",
            f"{lan['range_ms']:.1f} ms / {plain['range_ms']:.1f} ms", None),
        Row("range request ratio https / http", f"<= {RANGE_RATIO_TARGET:g}", f"{range_ratio:.2f}",
            range_ratio <= RANGE_RATIO_TARGET),
        *streaming_rows(lan["stop_to_words_s"], plain["stop_to_words_s"]),
    ]


def streaming_rows(lan_s: float | None, plain_s: float | None) -> list[Row]:
    """Real speech streamed in 1.5 s chunks at real time, as the browser sends it, through each server.

    replay() raises unless every chunk is taken and the words reach the review, so a number here means it worked.
    Stop -> words is ASR time on a shared CPU (scripts/bench streaming holds its target), so it is shown, not judged."""
    if lan_s is None or plain_s is None:
        return [Row("streaming: real speech clips", "present", "absent (../shared/speech)", False)]
    return [
        Row(f"LAN: {STREAMED_ANSWER_S} s answer streamed at real time, analysed, words on the review", "yes", "yes",
            True),
        Row("streamed answer, Stop -> words: https / http", "informational", f"{lan_s:.2f} s / {plain_s:.2f} s",
            None),
    ]


def wav_size_mb(duration_s: float, rate_hz: int = 16000) -> float:
    return duration_s * rate_hz * 2 / 1e6
