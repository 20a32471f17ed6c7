"""Shared parts of the streaming benchmarks: real answers to replay, a fresh server, and the rows they print."""
from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jiwer
import numpy as np

from scripts.benchmarks.table import Row
from scripts.load_lib.client import Client
from scripts.load_lib.server import Server
from scripts.load_lib.streamer import RATE_HZ, StreamResult

# Targets from the streaming issue.
STOP_TO_WORDS_TARGET_S = 2.0
COMPUTE_RATIO_TARGET = 1.5
WORD_AGREEMENT_TARGET = 0.97
MEASURE_AGREEMENT_TARGET = 0.03  # pace, pauses and fillers within 3 % of the whole-file analysis
GAP_S = 0.4
WHOLE_FILE_TIMEOUT_S = 900.0


def clean_speech(seconds: float) -> np.ndarray:
    return clean_speech_with_text(seconds)[0]


def clean_speech_with_text(seconds: float) -> tuple[np.ndarray, str]:
    """Whole real human clips without acted fillers, 0.4 s apart, repeated, padded with silence to `seconds`.

    Returns the audio and what a person heard in it (the clips' human transcripts), so both the streamed
    and the whole-file transcript can also be scored against the truth.
    """
    from practice.speech.decode import decode_file
    from tests.speech_clips import load_clips

    clips = [c for c in load_clips() if c.human_reference and not c.has_fillers]
    if not clips:
        raise FileNotFoundError("no real speech clips")
    parts, texts, total_s = [], [], 0.0
    while True:
        fitted = [c for c in clips if total_s + c.duration_s + GAP_S <= seconds]
        if not fitted:
            break
        for clip in fitted:
            if total_s + clip.duration_s + GAP_S > seconds:
                continue
            parts += [decode_file(clip.path).samples, np.zeros(int(GAP_S * RATE_HZ), np.float32)]
            texts.append(clip.transcript)
            total_s += clip.duration_s + GAP_S
    parts.append(np.zeros(int((seconds - total_s) * RATE_HZ), np.float32))
    return np.concatenate(parts), " ".join(texts)


@contextlib.contextmanager
def fresh_server() -> Iterator[Server]:
    """The real serving process (python -m practice.serve) on a free loopback port, with a new instance folder."""
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "instance")
        server.create_tables()
        with server:
            yield server


def session(server: Server) -> Client:
    return Client(server.base_url).open_session()


def whole_file_analysis(client: Client, result: StreamResult) -> dict:
    """The same recording analysed again as one file ("Analyse again"): the reference for the streamed one."""
    url = f"/api/answers/{result.answer_id}"
    reply = client.request("POST", f"{url}/analyse", b"", {"X-CSRFToken": client.csrf_token})
    if reply.status != 202:
        raise RuntimeError(f"analyse again answered {reply.status}: {reply.body[:300]!r}")
    done = client.wait_for_status(url, {"done", "failed"}, WHOLE_FILE_TIMEOUT_S)
    if done["status"] != "done":
        raise RuntimeError(f"whole-file analysis failed: {done.get('error')}")
    return done["analysis"]


def latency_row(label: str, result: StreamResult) -> Row:
    return Row(f"{label}: Stop -> words on the review", f"<= {STOP_TO_WORDS_TARGET_S:g} s",
               f"{result.stop_to_words_s:.2f} s", result.stop_to_words_s <= STOP_TO_WORDS_TARGET_S)


def _normalised(text: str) -> str:
    from practice.audio.text import normalise_words

    return " ".join(normalise_words(text))


def _relative_gap(streamed: float | None, whole: float | None) -> float | None:
    if streamed is None or whole is None:
        return None
    return abs(streamed - whole) / max(abs(whole), 1e-9) if whole else float(streamed != whole)


def reference_rows(label: str, streamed: dict, whole: dict, reference: str) -> list[Row]:
    """How close each transcript is to what a person heard: shows which side a disagreement comes from."""
    truth = _normalised(reference)
    return [Row(f"{label}: WER against the human transcripts, {name}", "", f"{jiwer.wer(truth, text):.1%}", None)
            for name, text in (("streamed", _normalised(streamed["transcript"]) or "-"),
                               ("whole file", _normalised(whole["transcript"]) or "-"))]


def agreement_rows(label: str, streamed: dict, whole: dict) -> list[Row]:
    """Streamed vs whole-file analysis of the same recording: compute, words, pace, pauses, fillers."""
    rows = []
    streamed_asr_s, whole_asr_s = streamed["timing"].get("streamed_asr_s"), whole["timing"]["asr_s"]
    ratio = streamed_asr_s / whole_asr_s if streamed_asr_s is not None and whole_asr_s else None
    rows.append(Row(f"{label}: streamed ASR compute / one whole-file pass", f"<= {COMPUTE_RATIO_TARGET:g}",
                    "n/a" if ratio is None else f"{ratio:.2f} ({streamed_asr_s:.1f} s / {whole_asr_s:.1f} s)",
                    ratio is not None and ratio <= COMPUTE_RATIO_TARGET))
    agreement = 1 - jiwer.wer(_normalised(whole["transcript"]), _normalised(streamed["transcript"]) or "-")
    rows.append(Row(f"{label}: word agreement with the whole-file transcript", f">= {WORD_AGREEMENT_TARGET:.0%}",
                    f"{agreement:.1%}", agreement >= WORD_AGREEMENT_TARGET))
    measures = {
        "pace (wpm)": (streamed["rate_wpm"], whole["rate_wpm"]),
        "pauses (count)": (len(streamed["pauses"]), len(whole["pauses"])),
        "fillers (count)": (len(streamed["fillers"]), len(whole["fillers"])),
    }
    for name, (a, b) in measures.items():
        gap = _relative_gap(a, b)
        shown = f"{a:.4g} vs {b:.4g} ({gap:.1%})" if gap is not None else f"{a} vs {b}"
        rows.append(Row(f"{label}: {name} streamed vs whole file", f"within {MEASURE_AGREEMENT_TARGET:.0%}",
                        shown, gap is not None and gap <= MEASURE_AGREEMENT_TARGET))
    return rows
