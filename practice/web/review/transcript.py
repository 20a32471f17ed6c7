"""The timed transcript as words and pause markers in order, so templates never do timing arithmetic."""
from __future__ import annotations

from dataclasses import dataclass

from practice.analysis import Analysis
from practice.checks.content import covered_spans

# A visible marker for every pause of a second or more; dead air comes flagged by audio/pauses.py.
PAUSE_MARK_S = 1.0


@dataclass(frozen=True)
class WordItem:
    text: str
    start_s: float
    end_s: float
    filler: bool
    unclear_probability: float | None  # set when clarity listed it among the least certain words
    covers: str | None = None  # the talking point whose quote this word is part of

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
    covers = points_by_word(analysis)
    words = [WordItem(w.text, w.start_s, w.end_s, w.filler, unclear.get((round(w.start_s, 2), w.text)), point)
             for w, point in zip(analysis.words, covers, strict=True)]
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


def points_by_word(analysis: Analysis) -> list[str | None]:
    """For each word, the talking point its sentence covered (the content check quotes the transcript)."""
    texts = [w.text.strip() for w in analysis.words]
    joined = " ".join(texts)
    lead = len(joined) - len(joined.lstrip())
    spans = covered_spans(analysis.transcript, analysis.content)
    covers, offset = [], -lead
    for text in texts:
        middle = offset + len(text) / 2
        covers.append(next((point for start, end, point in spans if start <= middle < end), None) if text else None)
        offset += len(text) + 1
    return covers
