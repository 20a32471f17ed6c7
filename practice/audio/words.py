"""Timed words: what a transcriber hands to the analysis."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One recognised word; text is as spoken, without surrounding spaces."""

    text: str
    start_s: float
    end_s: float
    probability: float
    filler: bool = False

    def to_dict(self) -> dict:
        return {"text": self.text, "start_s": self.start_s, "end_s": self.end_s, "probability": self.probability,
                "filler": self.filler}

    @classmethod
    def from_dict(cls, data: dict) -> Word:
        return cls(data["text"], data["start_s"], data["end_s"], data.get("probability", 1.0),
                   bool(data.get("filler", False)))


# Hesitation sounds counted as fillers wherever they occur, since the transcript keeps them verbatim.
FILLER_SOUNDS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "ahh", "hmm", "hm", "mm", "mmm"})


def normalise_token(text: str) -> str:
    """Lower-case a word and strip the punctuation Whisper attaches to it."""
    return text.strip().strip(".,!?;:\"'()[]-…").lower()


def is_filler_sound(text: str) -> bool:
    return normalise_token(text) in FILLER_SOUNDS
