"""Score exam drills (read-aloud, listen-and-repeat): how closely what was said matches the script.

read_accuracy = 1 - WER, floored at 0, where WER = (substitutions + deletions + insertions) / script
words, computed by jiwer on words normalised by practice.audio.text.normalise_words (lower case, no
punctuation, numbers spelled out) with hesitation sounds (um, uh) removed: fillers are scored apart.
The set's drill score is the mean read_accuracy of its items x 100; an unanswered item counts as 0.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from practice.audio.clarity import align_to_script, said_words
from practice.audio.text import normalise_words
from practice.audio.words import Word
from practice.catalog import Prompt
from practice.checks.text import Spoken


@dataclass(frozen=True)
class DrillItem:
    key: str
    script: str
    said: str | None  # normalised words as heard; None when the item was not answered
    read_accuracy: float  # 0-1
    wer: float
    hits: int
    substitutions: int
    deletions: int
    insertions: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DrillOutput:
    items: tuple[DrillItem, ...]
    score: float  # 0-100: mean read_accuracy x 100, one decimal

    def to_dict(self) -> dict:
        return {"score": self.score, "items": [item.to_dict() for item in self.items]}


def score_drill_item(script: str, spoken: Spoken | None, key: str = "") -> DrillItem:
    """Compare one answer with its script; `spoken` is timed words, plain text, or None if skipped."""
    reference = normalise_words(script)
    if not reference:
        raise ValueError(f"Drill item {key or script!r} has an empty script; there is nothing to compare with.")
    said = " ".join(_said(spoken)) if spoken is not None else None
    if not said:
        return DrillItem(key, script, said, 0.0, 1.0, 0, 0, len(reference), 0)
    accuracy, out = align_to_script(reference, said.split())
    return DrillItem(key, script, said, accuracy, out.wer, out.hits, out.substitutions, out.deletions,
                     out.insertions)


def score_drills(answers: Sequence[tuple[Prompt, Spoken | None]]) -> DrillOutput:
    """Score a drill set: each (prompt, what was said) pair, then the mean accuracy as 0-100."""
    items = tuple(score_drill_item(prompt.script or "", spoken, prompt.key) for prompt, spoken in answers)
    score = round(100 * sum(i.read_accuracy for i in items) / len(items), 1) if items else 0.0
    return DrillOutput(items, score)


def _said(spoken: Spoken) -> list[str]:
    return said_words(spoken if isinstance(spoken, str) else [w for w in spoken if isinstance(w, Word)])
