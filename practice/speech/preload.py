"""Load the ASR model while the server starts, so the first answer is analysed as fast as the next."""
from __future__ import annotations

import logging
import time
from collections.abc import Mapping

from practice.speech.transcribe import Transcriber, get_transcriber

log = logging.getLogger(__name__)


def preload_transcriber(config: Mapping) -> Transcriber:
    """The transcriber the worker will use, loaded now (a configured one, e.g. a test fake, is used as is)."""
    configured = config.get("TRANSCRIBER")
    if configured is not None:
        return configured
    started_s = time.perf_counter()
    transcriber = get_transcriber(config["ASR_MODEL"], config["ASR_ENGINE"], config["ASR_THREADS"])
    log.info("speech model %s ready in %.1f s", getattr(transcriber, "model_name", config["ASR_MODEL"]),
             time.perf_counter() - started_s)
    return transcriber
