"""Transcribe an answer one segment at a time, cut at its pauses: as it streams in, or as a whole file.

A streamed answer's segments are decoded as they close, so only the last one is left at Stop. A whole file
(an upload, `flask analyze`, "Analyse again") is cut and decoded the same way, so the same audio gets the same
words whichever way it came; Whisper's own long-form pass over 30 s windows wrote "you" between clips and
false "um"s on joined clean speech, where the segments wrote neither.
"""
from __future__ import annotations

import threading
import time

from practice.audio.pcm import Pcm
from practice.audio.words import Word
from practice.speech.omissions import shift_words
from practice.speech.segmenter import Segment, cut_as_streamed
from practice.speech.transcript import Transcriber, Transcript

# Whisper keeps at most 223 prompt tokens; the last ~40 words carry the style and the names that matter.
PROMPT_WORDS = 40
# Off by default: on a 60 s answer of real clips (tiny.en, 6 segments) the prompted segments invented
# "we'll see you in the next video" in a gap between sentences (WER against the human transcripts 13.6 %);
# the same segments unprompted scored 5.3 %, better than one whole-file pass, which dropped a sentence.
PROMPT_WITH_PREVIOUS_TEXT = False


class IncrementalTranscript:
    """The words of every segment decoded so far, in answer time, and what they cost."""

    def __init__(self, transcriber: Transcriber, *, prompted: bool = PROMPT_WITH_PREVIOUS_TEXT) -> None:
        self.transcriber = transcriber
        self.prompted = prompted
        self.words: list[Word] = []
        self.transcribed_until_s = 0.0
        self.compute_s = 0.0
        self.segments = 0
        self.engine = ""
        self.model = ""
        self._lock = threading.Lock()

    @property
    def prompt(self) -> str | None:
        """The text said before the next segment; None at the start of the answer or when not prompting."""
        if not self.prompted:
            return None
        return " ".join(w.text for w in self.words[-PROMPT_WORDS:]) or None

    def add(self, segment: Pcm, offset_s: float) -> list[Word]:
        """Decode one closed segment, once (prompted with the text before it if asked); returns its words."""
        with self._lock:
            started_s = time.perf_counter()
            transcript = self.transcriber.transcribe(segment, prompt=self.prompt)
            self.compute_s += time.perf_counter() - started_s
            words = shift_words(transcript.words, offset_s)
            self.words.extend(words)
            self.transcribed_until_s = round(offset_s + segment.duration_s, 3)
            self.segments += 1
            self.engine, self.model = transcript.engine, transcript.model
            return words

    def transcript(self) -> Transcript:
        with self._lock:
            return Transcript(tuple(self.words), self.engine, self.model)


def transcribe_as_streamed(transcriber: Transcriber, pcm: Pcm) -> Transcript:
    """A whole recording's words, decoded segment by segment exactly as if it had been streamed.

    Audio with no samples is still one (empty) decode, so the transcript names its engine and model.
    """
    incremental = IncrementalTranscript(transcriber)
    for segment in cut_as_streamed(pcm.samples, pcm.rate_hz) or [Segment(0.0, 0.0)]:
        incremental.add(pcm.slice_s(segment.start_s, segment.end_s), segment.start_s)
    return incremental.transcript()
