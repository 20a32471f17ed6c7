"""A transcriber that returns fixed words, for tests of everything around the ASR."""
from __future__ import annotations

from practice.audio.pcm import Pcm
from practice.audio.words import Word
from practice.speech.transcript import Transcript

DEFAULT_WORDS = (
    Word("Hello,", 0.2, 0.5, 0.95),
    Word("my", 0.6, 0.75, 0.97),
    Word("name", 0.75, 1.0, 0.99),
    Word("is", 1.0, 1.1, 0.99),
    Word("Maria.", 1.1, 1.6, 0.9),
)


class FakeTranscriber:
    def __init__(self, words=DEFAULT_WORDS, fail_with: Exception | None = None) -> None:
        self.words = tuple(words)
        self.fail_with = fail_with
        self.calls = 0
        self.prompts: list[str | None] = []

    def transcribe(self, pcm: Pcm, *, prompt: str | None = None) -> Transcript:
        self.calls += 1
        self.prompts.append(prompt)
        if self.fail_with is not None:
            raise self.fail_with
        return Transcript(words=self.words, engine="fake", model="fixed-words")


def spoken(text: str, word_s: float = 0.4) -> list[Word]:
    """Words of `text` one every `word_s` from 0.3 s, as a transcriber would time a steady speaker."""
    return [Word(w, 0.3 + word_s * i, 0.6 + word_s * i, 0.95) for i, w in enumerate(text.split())]
