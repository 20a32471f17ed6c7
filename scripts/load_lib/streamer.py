"""Replay audio through the streaming API at real-time speed, as the browser's AudioWorklet would send it."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from practice.speech.segmenter import BROWSER_CHUNK_S
from scripts.load_lib.client import PROMPT_ID, Client

RATE_HZ = 16000
POLL_S = 0.1
FINISH_TIMEOUT_S = 900.0


@dataclass(frozen=True)
class StreamResult:
    answer_id: int
    audio_s: float
    stop_to_words_s: float  # Stop → the review page shows the words
    answer: dict  # the API's answer, with its analysis
    # The server's CPU seconds over the same span (every thread): what the wait costs whatever else runs.
    stop_to_words_cpu_s: float | None = None


def pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 32767 / 32768) * 32768.0).astype("<i2").tobytes()


def replay(client: Client, samples: np.ndarray, *, realtime: bool = True, prompt_id: str = PROMPT_ID,
           server_cpu_s: Callable[[], float | None] | None = None) -> StreamResult:
    """Open a stream, post 1.5 s chunks as they would be captured, press Stop, wait for the words on the review.

    server_cpu_s: the server's CPU seconds so far (Server.cpu_s), read at Stop and when the words show.
    """
    opened = client.request("POST", "/api/streams", f"prompt_id={prompt_id}&sample_rate=16000".encode(),
                            {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": client.csrf_token})
    if opened.status != 201:
        raise RuntimeError(f"opening a stream answered {opened.status}: {opened.body[:300]!r}")
    answer = opened.json()
    data = pcm16(samples)
    step = int(BROWSER_CHUNK_S * RATE_HZ) * 2
    started = time.monotonic()
    count = 0
    for count, offset in enumerate(range(0, len(data), step), start=1):
        chunk = data[offset:offset + step]
        captured_at = started + (offset + len(chunk)) / (2 * RATE_HZ)
        if realtime:
            time.sleep(max(0.0, captured_at - time.monotonic()))
        _post_chunk(client, answer["chunk_url"], count - 1, chunk)
    stop_at = started + len(data) / (2 * RATE_HZ) if realtime else time.monotonic()
    cpu_at_stop_s = server_cpu_s() if server_cpu_s else None
    stopped = client.request("POST", answer["stop_url"], f"chunks={count}".encode(),
                             {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": client.csrf_token})
    if stopped.status != 202:
        raise RuntimeError(f"Stop answered {stopped.status}: {stopped.body[:300]!r}")
    done = client.wait_for_status(answer["url"], {"done", "failed"}, FINISH_TIMEOUT_S, poll_s=POLL_S)
    review = client.request("GET", done["review_url"], headers={"Accept": "text/html"})
    words_at = time.monotonic()
    cpu_at_words_s = server_cpu_s() if server_cpu_s else None
    if done["status"] != "done" or b'class="word' not in review.body:
        raise RuntimeError(f"answer {answer['id']} ended {done['status']}: {done.get('error')}")
    cpu_s = cpu_at_words_s - cpu_at_stop_s if cpu_at_stop_s is not None and cpu_at_words_s is not None else None
    return StreamResult(answer["id"], len(samples) / RATE_HZ, words_at - stop_at, done, cpu_s)


def _post_chunk(client: Client, chunk_url: str, seq: int, chunk: bytes) -> None:
    for _attempt in range(5):
        reply = client.request("POST", f"{chunk_url}{seq}", chunk,
                               {"Content-Type": "application/octet-stream", "X-CSRFToken": client.csrf_token})
        if reply.status == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"chunk {seq} answered {reply.status}: {reply.body[:300]!r}")
