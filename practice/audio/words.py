"""Timed words: what a transcriber hands to the analysis."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Word:
    """One recognised word; text is as spoken, without surrounding spaces."""

    text: str
    start_s: float
    end_s: float
    probability: float
    filler: bool = False

    def to_dict(self) -> dict:
        return asdict(self)
