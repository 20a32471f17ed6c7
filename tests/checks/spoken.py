"""Build timed words from text, the way the transcriber would hand them over."""
from __future__ import annotations

from practice.audio.words import Word, is_filler_sound

WORD_S = 0.3
GAP_S = 0.05


def timed(text: str, start_s: float = 0.0) -> list[Word]:
    """Words of `text` spoken back to back from `start_s`, punctuation attached as Whisper does."""
    words, t = [], start_s
    for token in text.split():
        words.append(Word(token, t, t + WORD_S, 0.9, filler=is_filler_sound(token)))
        t += WORD_S + GAP_S
    return words


def end_of(words: list[Word]) -> float:
    return words[-1].end_s
