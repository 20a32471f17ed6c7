"""Sentences from timed words (or plain text), and whole-word phrase matching on them."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from practice.audio.text import normalise_words
from practice.audio.words import Word, is_filler_sound

Spoken = Sequence[Word] | str
_END_MARKS = ".?!"
_TEXT_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@dataclass(frozen=True)
class Sentence:
    """One sentence as spoken; `start_s` is None when it came from plain text."""

    text: str
    start_s: float | None
    end_s: float | None
    end_mark: str  # ".", "?", "!" or "" when the transcriber gave none

    @property
    def words(self) -> str:
        """Normalised words padded with spaces, for whole-word matching (fillers dropped)."""
        return _padded(self.text)


def split_sentences(spoken: Spoken, gap_s: float = 1.0) -> list[Sentence]:
    """Split at . ? ! and, for timed words, at a silence of `gap_s` or more."""
    if isinstance(spoken, str):
        parts = [p.strip() for p in _TEXT_SENTENCE_END.split(spoken) if p.strip()]
        return [Sentence(p, None, None, _end_mark(p)) for p in parts]
    sentences: list[Sentence] = []
    current: list[Word] = []
    for i, word in enumerate(spoken):
        current.append(word)
        following = spoken[i + 1] if i + 1 < len(spoken) else None
        if (_end_mark(word.text) or following is None or following.start_s - word.end_s >= gap_s):
            text = " ".join(w.text.strip() for w in current)
            sentences.append(Sentence(text, current[0].start_s, current[-1].end_s, _end_mark(word.text)))
            current = []
    return sentences


def find_phrase(sentence: Sentence, phrases: Iterable[str]) -> str | None:
    """The first phrase that occurs in the sentence as whole words, or None."""
    words = sentence.words
    return next((p for p in phrases if _padded(p) in words), None)


def contains_name(sentence: Sentence, name: str) -> bool:
    """True when a (company) name is said, spaced or not: "Bluepeak" matches "Blue Peak"."""
    said = sentence.words.replace(" ", "")
    parts = normalise_words(name)
    candidates = {"".join(parts)} | ({parts[0]} if parts and len(parts[0]) >= 4 else set())
    return any(c and c in said for c in candidates)


@lru_cache(maxsize=4096)
def _padded(text: str) -> str:
    kept = [w for w in normalise_words(text) if not is_filler_sound(w)]
    return " " + " ".join(kept) + " "


def _end_mark(text: str) -> str:
    text = text.rstrip().rstrip("\"')]”’")
    return text[-1] if text and text[-1] in _END_MARKS else ""
