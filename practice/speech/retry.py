"""A one-window decode that Whisper garbles is decoded once more, by beam search again, with its repeats barred.

Whisper's own fallback re-decodes a window that loops or that it hardly believes at rising temperatures,
sampling five candidates at each. On acted laughter in a 3-minute answer of real clips, base looped
("ha, ha, ha, ..." to the token cap), and the segment then took 5-9 s of CPU instead of about 2 while a
clean one never falls back; the samples also wrote different words at every call, so the same audio streamed
and uploaded could end with different words. A second beam search that may not write the same 4 tokens twice
breaks the loop for the price of one more decode of the window (its encoder output is shared), and gives the
same words every time. Longer audio keeps Whisper's own fallback, which it runs window by window.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

# faster-whisper's defaults for when a window needs another try, and for when it is silence instead.
COMPRESSION_RATIO_THRESHOLD = 2.4
LOG_PROB_THRESHOLD = -1.0
NO_SPEECH_THRESHOLD = 0.6
# A loop repeats a word and its comma ("ha," is 2 tokens) or a phrase; 4 still lets "uh, uh, uh" through once.
NO_REPEAT_NGRAM_SIZE = 4


class DecodedSegment(Protocol):
    """What this module reads of a faster-whisper segment."""

    tokens: list[int]
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float


def loops(segments: Sequence[DecodedSegment]) -> bool:
    """Text that compresses too well is a repetition loop."""
    return any(s.compression_ratio > COMPRESSION_RATIO_THRESHOLD for s in segments)


def garbled(segments: Sequence[DecodedSegment]) -> bool:
    """Whisper's own test for a decode worth redoing: it loops, or it is hardly believed and is not silence."""
    return loops(segments) or any(s.avg_logprob < LOG_PROB_THRESHOLD and s.no_speech_prob <= NO_SPEECH_THRESHOLD
                                  for s in segments)


def mean_logprob(segments: Sequence[DecodedSegment]) -> float:
    """Log-probability per token over the whole decode (an empty decode believes nothing)."""
    tokens = sum(max(1, len(s.tokens)) for s in segments)
    return sum(s.avg_logprob * max(1, len(s.tokens)) for s in segments) / tokens if tokens else float("-inf")


def decode_with_retry(decode: Callable[[int], list]) -> list:
    """decode(no_repeat_ngram_size) once with repeats allowed; once more with them barred if that came out garbled.

    Of two garbled decodes, Whisper's rule picks: one that does not loop, else the one it believes more.
    """
    first = decode(0)
    if not garbled(first):
        return first
    retry = decode(NO_REPEAT_NGRAM_SIZE)
    if not garbled(retry) or (loops(first) and not loops(retry)):
        return retry
    if loops(retry) and not loops(first):
        return first
    return retry if mean_logprob(retry) > mean_logprob(first) else first
