"""analyse(path) -> Analysis: decode, transcribe, measure. Shared by the worker and the CLI."""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from practice.audio.report import Analysis, build_analysis
from practice.speech.decode import decode_file
from practice.speech.transcribe import Transcriber, get_transcriber


def analyse(path: str | Path, *, script: str | None = None, transcriber: Transcriber | None = None,
            model: str = "tiny.en", engine: str = "whisper", cpu_threads: int = 2) -> Analysis:
    started_s = time.perf_counter()
    pcm = decode_file(path)
    decoded_s = time.perf_counter()
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
    return dataclasses.replace(analysis, timing=timing)
