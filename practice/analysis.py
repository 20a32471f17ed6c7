"""analyse(path) -> Analysis: decode, transcribe, measure. Shared by the worker and the CLI."""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from practice.audio.report import Analysis, build_analysis
from practice.speech.decode import decode_file
from practice.speech.transcribe import Transcriber, Transcript, get_transcriber


def analyse(path: str | Path, *, script: str | None = None, transcriber: Transcriber | None = None,
            model: str = "tiny.en", engine: str = "whisper", cpu_threads: int = 2,
            transcript: Transcript | None = None, streamed_asr_s: float | None = None) -> Analysis:
    """transcript: the words of a streamed answer, already decoded segment by segment while it was recorded."""
    started_s = time.perf_counter()
    pcm = decode_file(path)
    decoded_s = time.perf_counter()
    if transcript is None:
        transcript = (transcriber or get_transcriber(model, engine, cpu_threads)).transcribe(pcm)
    transcribed_s = time.perf_counter()
    analysis = build_analysis(pcm, transcript.words, script=script)
    finished_s = time.perf_counter()
    timing = {
        "decode_s": round(decoded_s - started_s, 3),
        "asr_s": round(transcribed_s - decoded_s, 3),
        "metrics_s": round(finished_s - transcribed_s, 3),
        "total_s": round(finished_s - started_s, 3),
        "engine": transcript.engine,
        "model": transcript.model,
    }
    if streamed_asr_s is not None:
        timing["streamed_asr_s"] = streamed_asr_s
    return dataclasses.replace(analysis, timing=timing)
