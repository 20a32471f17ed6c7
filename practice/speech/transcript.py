"""What every speech engine returns: timed words, and the front end all engines share."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from practice.audio.pcm import Pcm
from practice.audio.words import Word, is_filler_sound
from practice.speech.decode import TARGET_RATE_HZ, from_audio_data, to_audio_data

# Below this, the audio is too short for either engine to say anything useful.
MIN_AUDIO_S = 0.1

@dataclass(frozen=True)
class Transcript:
    """What was said, word by word; no words means no speech was recognised."""

    words: tuple[Word, ...]
    engine: str
    model: str

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def filler_count(self) -> int:
        return sum(w.filler for w in self.words)


class Transcriber(Protocol):
    def transcribe(self, pcm: Pcm, *, prompt: str | None = None) -> Transcript: ...


def make_word(text: str, start_s: float, end_s: float, probability: float) -> Word | None:
    text = text.strip()
    if not re.search(r"\w", text):
        return None
    return Word(text=text, start_s=round(float(start_s), 3), end_s=round(float(max(end_s, start_s)), 3),
                probability=round(float(probability), 3), filler=is_filler_sound(text))


def as_16k(pcm: Pcm) -> Pcm:
    """Through SpeechRecognition's AudioData, the common front end of every engine."""
    if pcm.rate_hz == TARGET_RATE_HZ:
        return pcm
    return from_audio_data(to_audio_data(pcm))
