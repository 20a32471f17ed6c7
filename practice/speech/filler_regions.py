"""Only the stretches that could hold a filler go through the prompted decoder pass, joined into one short clip.

The prompted pass exists to bring back fillers where the sound shows one may be. Decoding the
whole recording a second time paid for silence and for every clear word again. So the places
the sound flags (with some words either side, which the decoder needs to hear a hesitation as
one) are cut out, joined with short silences, decoded once, and the times mapped back.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.words import Word

# Words either side of a flagged stretch: Whisper writes "um" far more readily inside a phrase than alone.
CONTEXT_S = 1.0
# Silence between joined pieces, long enough that the decoder ends one phrase before the next.
JOIN_SILENCE_S = 0.5
# When the pieces add up to most of the recording anyway, decode the recording as it is.
MAX_SHARE_OF_RECORDING = 0.7


@dataclass(frozen=True)
class Piece:
    """A stretch of the recording [start_s, end_s) placed at offset_s in the joined clip."""

    start_s: float
    end_s: float
    offset_s: float


def pieces_for(spans: Sequence[tuple[float, float]], duration_s: float) -> list[Piece] | None:
    """The pieces to decode; None when they would cover most of the recording (decode all of it instead)."""
    merged: list[list[float]] = []
    for start_s, end_s in sorted(spans):
        lo, hi = max(0.0, start_s - CONTEXT_S), min(duration_s, end_s + CONTEXT_S)
        if merged and lo <= merged[-1][1] + JOIN_SILENCE_S:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    if sum(hi - lo for lo, hi in merged) > MAX_SHARE_OF_RECORDING * duration_s:
        return None
    pieces, offset_s = [], 0.0
    for lo, hi in merged:
        pieces.append(Piece(lo, hi, offset_s))
        offset_s += hi - lo + JOIN_SILENCE_S
    return pieces


def decode_pieces(pcm: Pcm, pieces: Sequence[Piece], decode: Callable[[Pcm], list[Word]]) -> list[Word]:
    """decode() run once on the pieces joined by silence; each word returned at its time in the recording."""
    if not pieces:
        return []
    gap = np.zeros(int(round(JOIN_SILENCE_S * pcm.rate_hz)), dtype=np.float32)
    parts = []
    for piece in pieces:
        parts += [pcm.slice_s(piece.start_s, piece.end_s).samples, gap]
    joined = Pcm(np.concatenate(parts[:-1]).astype(np.float32), pcm.rate_hz)
    words = []
    for word in decode(joined):
        middle_s = (word.start_s + word.end_s) / 2
        piece = next((p for p in pieces if p.offset_s <= middle_s <= p.offset_s + p.end_s - p.start_s), None)
        if piece is None:
            continue  # written into a joining silence: no sound of the recording holds it
        shift_s = piece.start_s - piece.offset_s
        start_s = min(max(word.start_s + shift_s, piece.start_s), piece.end_s)
        end_s = min(max(word.end_s + shift_s, start_s), piece.end_s)
        words.append(replace(word, start_s=round(start_s, 3), end_s=round(end_s, 3)))
    return words
