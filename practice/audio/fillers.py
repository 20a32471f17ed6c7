"""Which words are fillers: hesitation sounds always, discourse markers only when set off from the sentence."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from practice.audio.words import Word, is_filler_sound, normalise_token

# Discourse markers that are fillers only when set off ("I was, like, nervous"), never in "I like it".
MARKERS = (("you", "know"), ("i", "mean"), ("like",), ("basically",), ("actually",), ("literally",))
# A silence this long (the silent-pause threshold) sets a marker off as well as a comma does.
SET_OFF_GAP_S = 0.25
# Whisper stretches word edges over silences, so an audio pause this close to a marker's edge also counts.
PAUSE_SNAP_S = 0.15
_BOUNDARY_PUNCTUATION = (",", ".", "?", "!", ";", ":", "…", "-")
# Sounds are unambiguous; a set-off marker is judged from punctuation the ASR guessed, so it counts half.
FILLER_WEIGHTS = {"sound": 1.0, "marker": 0.5}


@dataclass(frozen=True)
class Filler:
    text: str
    start_s: float
    end_s: float
    kind: str  # "sound" | "marker"

    def to_dict(self) -> dict:
        return {"text": self.text, "start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3), "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict) -> Filler:
        return cls(data["text"], data["start_s"], data["end_s"], data["kind"])


def mark_fillers(words: Sequence[Word], pauses: Sequence[tuple[float, float]] = ()) -> tuple[list[Word], list[Filler]]:
    """Words with filler flags set, and the fillers found, in order; pauses are (start_s, end_s) from the audio."""
    marked = list(words)
    fillers: list[Filler] = []
    i = 0
    while i < len(marked):
        word = marked[i]
        if is_filler_sound(word.text) or word.filler:
            marked[i] = dataclasses.replace(word, filler=True)
            text = normalise_token(word.text)
            kind = "marker" if (text,) in MARKERS and not is_filler_sound(text) else "sound"
            fillers.append(Filler(text, word.start_s, word.end_s, kind))
            i += 1
            continue
        length = _marker_length(marked, i, pauses)
        if length:
            for j in range(i, i + length):
                marked[j] = dataclasses.replace(marked[j], filler=True)
            text = " ".join(normalise_token(w.text) for w in marked[i:i + length])
            fillers.append(Filler(text, marked[i].start_s, marked[i + length - 1].end_s, "marker"))
            i += length
            continue
        i += 1
    return marked, fillers


def fillers_per_min(fillers: Sequence[Filler], span_s: float | None) -> float | None:
    """Weighted fillers per minute of the speech span."""
    if not span_s or span_s <= 0:
        return None
    return sum(FILLER_WEIGHTS[f.kind] for f in fillers) / (span_s / 60)


def _marker_length(words: Sequence[Word], i: int, pauses: Sequence[tuple[float, float]]) -> int:
    for marker in MARKERS:
        n = len(marker)
        if i + n > len(words):
            continue
        if tuple(normalise_token(w.text) for w in words[i:i + n]) != marker:
            continue
        if any(w.text.rstrip().endswith(_BOUNDARY_PUNCTUATION) for w in words[i:i + n - 1]):
            continue  # "you, know" is not the marker "you know"
        before = _set_off_before(words, i) or any(abs(end - words[i].start_s) <= PAUSE_SNAP_S for _, end in pauses)
        after = _set_off_after(words, i + n - 1) or any(
            abs(start - words[i + n - 1].end_s) <= PAUSE_SNAP_S for start, _ in pauses)
        if before and after:
            return n
    return 0


def _set_off_before(words: Sequence[Word], i: int) -> bool:
    if i == 0:
        return True
    previous = words[i - 1]
    return (previous.text.rstrip().endswith(_BOUNDARY_PUNCTUATION) or previous.filler
            or is_filler_sound(previous.text) or words[i].start_s - previous.end_s >= SET_OFF_GAP_S)


def _set_off_after(words: Sequence[Word], last: int) -> bool:
    if words[last].text.rstrip().endswith(_BOUNDARY_PUNCTUATION) or last == len(words) - 1:
        return True
    following = words[last + 1]
    return following.start_s - words[last].end_s >= SET_OFF_GAP_S or is_filler_sound(following.text)
