"""Load the ASR model and the pronouncing dictionary as the server starts: the first answer is as fast as the next."""
from __future__ import annotations

import logging
import time
from collections.abc import Mapping

from practice.audio.text import warm_up
from practice.speech.transcribe import WhisperTranscriber, get_transcriber
from practice.speech.transcript import Transcriber

log = logging.getLogger(__name__)


def preload_transcriber(config: Mapping) -> Transcriber:
    """The transcriber the worker will use, loaded now (a configured one, e.g. a test fake, is used as is)."""
    warm_up()  # CMUdict takes about a second to read: the first analysis would pay it
    configured = config.get("TRANSCRIBER")
    if configured is not None:
        return configured
    started_s = time.perf_counter()
    transcriber = get_transcriber(config["ASR_MODEL"], config["ASR_ENGINE"], config["ASR_THREADS"])
    if isinstance(transcriber, WhisperTranscriber):
        transcriber.warm_up()
    log.info("speech model %s ready in %.1f s", getattr(transcriber, "model_name", config["ASR_MODEL"]),
             time.perf_counter() - started_s)
    return transcriber
