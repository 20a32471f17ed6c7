"""Find speech Whisper skipped: a long stretch of sound between two words that no word covers.

Beam search sometimes puts its first timestamp past a sentence. A streamed segment of a 60 s answer
(base) that started mid-sentence came back without "come quickly. She had your dark suit in greasy
wash water all year.", and the filler pass then took the lost words for hesitations. The same audio
decoded alone brings the sentence back, so each such stretch is decoded once more on its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from practice.audio.words import Word
from practice.audio.activity import Activity

# Longer than a held "uhhh" (0.5-1.2 s), shorter than a skipped sentence.
MIN_MISSED_SOUND_S = 1.5
# Decode a little of the words either side too, so the first and last lost syllables are whole.
PAD_S = 0.1


def missed_stretches(words: Sequence[Word], activity: Activity, duration_s: float) -> list[tuple[float, float]]:
    """(start_s, end_s) of each gap between words, or before the first or after the last, that holds
    MIN_MISSED_SOUND_S of sound; empty when there are no words at all (nothing to anchor on)."""
    if not words:
        return []
    stretches, covered_until_s = [], 0.0
    for word in sorted(words, key=lambda w: w.start_s):
        if activity.sound_s(covered_until_s, word.start_s) >= MIN_MISSED_SOUND_S:
            stretches.append((max(0.0, covered_until_s - PAD_S), word.start_s + PAD_S))
        covered_until_s = max(covered_until_s, word.end_s)
    if activity.sound_s(covered_until_s, duration_s) >= MIN_MISSED_SOUND_S:
        stretches.append((max(0.0, covered_until_s - PAD_S), duration_s))
    return stretches


def shift_words(words: Sequence[Word], offset_s: float) -> list[Word]:
    """Words timed from a piece's start, retimed from the start of the whole."""
    return [replace(w, start_s=round(w.start_s + offset_s, 3), end_s=round(w.end_s + offset_s, 3)) for w in words]


def insert_found(words: Sequence[Word], found: Sequence[Word]) -> list[Word]:
    """The words found in a missed stretch added to the others; its padded edges never repeat a word."""
    kept = [w for w in found if not any(_same_word(w, old) for old in words)]
    return sorted([*words, *kept], key=lambda w: (w.start_s, w.end_s))


def _same_word(new: Word, old: Word) -> bool:
    return new.text.lower().strip(".,!?") == old.text.lower().strip(".,!?") and new.start_s < old.end_s \
        and old.start_s < new.end_s
