"""Stream an answer through the test client the way the browser does: open, post PCM chunks, stop."""
from __future__ import annotations

import numpy as np

from practice.audio.pcm import Pcm
from practice.speech.segmenter import BROWSER_CHUNK_S
from tests.web.helpers import DEFAULT_PROMPT

RATE_HZ = 16000


def pcm_chunks(pcm: Pcm, chunk_s: float = BROWSER_CHUNK_S) -> list[bytes]:
    """16-bit little-endian chunks of chunk_s seconds, the AudioWorklet's format."""
    data = pcm.to_int16_bytes()
    step = int(chunk_s * pcm.rate_hz) * 2
    return [data[i:i + step] for i in range(0, len(data), step)]


def open_stream(client, prompt_id: str = DEFAULT_PROMPT, **fields) -> dict:
    response = client.post("/api/streams", data={"prompt_id": prompt_id, "sample_rate": "16000", **fields},
                           headers={"Accept": "application/json"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def post_chunk(client, answer_id: int, seq: int, data: bytes):
    return client.post(f"/api/answers/{answer_id}/chunks/{seq}", data=data,
                       content_type="application/octet-stream", headers={"Accept": "application/json"})


def stop(client, answer_id: int, count: int | None = None):
    form = {} if count is None else {"chunks": str(count)}
    return client.post(f"/api/answers/{answer_id}/stop", data=form, headers={"Accept": "application/json"})


def stream_until_stop(client, pcm: Pcm, **fields) -> tuple[dict, int]:
    """Open, send every chunk in order, but do not stop yet; returns the opened answer and the chunk count."""
    opened = open_stream(client, **fields)
    parts = pcm_chunks(pcm)
    for seq, data in enumerate(parts):
        assert post_chunk(client, opened["id"], seq, data).status_code == 200
    return opened, len(parts)


def stream_answer(client, pcm: Pcm, **fields) -> dict:
    """Open, send every chunk in order, stop; returns the Stop reply."""
    opened, count = stream_until_stop(client, pcm, **fields)
    response = stop(client, opened["id"], count)
    assert response.status_code == 202, response.get_json()
    return response.get_json()


def speech_like(seconds: float, pauses_at_s: tuple[float, ...] = (), seed: int = 0) -> Pcm:
    """Syllable-like bursts with silent 0.6 s pauses at the given times, so the segmenter has places to cut."""
    from tests.audio.signals import insert_silences, vowel_train

    speech = vowel_train(seconds=seconds, seed=seed)
    if pauses_at_s:
        speech, _ = insert_silences(speech, list(pauses_at_s), [0.6] * len(pauses_at_s))
    return Pcm(np.asarray(speech.samples, dtype=np.float32), RATE_HZ)
