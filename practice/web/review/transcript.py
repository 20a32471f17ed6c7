"""The timed transcript as words and pause markers in order, so templates never do timing arithmetic."""
from __future__ import annotations

from dataclasses import dataclass

from practice.analysis import Analysis

# A visible marker for every pause of a second or more; dead air comes flagged by audio/pauses.py.
PAUSE_MARK_S = 1.0


@dataclass(frozen=True)
class WordItem:
    text: str
    start_s: float
    end_s: float
    filler: bool
    unclear_probability: float | None  # set when clarity listed it among the least certain words

    is_pause = False


@dataclass(frozen=True)
class PauseItem:
    start_s: float
    duration_s: float
    dead_air: bool

    is_pause = True


def transcript_items(analysis: Analysis) -> list[WordItem | PauseItem]:
    """Words in order, with a pause marker before the first word that starts after each long pause."""
    unclear = {(round(u.start_s, 2), u.text): u.probability for u in analysis.clarity.unclear_words}
    words = [WordItem(w.text, w.start_s, w.end_s, w.filler, unclear.get((round(w.start_s, 2), w.text)))
             for w in analysis.words]
    pauses = sorted((PauseItem(p.start_s, p.duration_s, p.dead_air)
                     for p in analysis.pauses if p.duration_s >= PAUSE_MARK_S),
                    key=lambda p: p.start_s)
    items: list[WordItem | PauseItem] = []
    for word in words:
        middle_s = (word.start_s + word.end_s) / 2
        while pauses and pauses[0].start_s + pauses[0].duration_s / 2 <= middle_s:
            items.append(pauses.pop(0))
        items.append(word)
    return items + pauses if words else []
