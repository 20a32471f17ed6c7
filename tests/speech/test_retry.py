"""A garbled one-window decode is tried once more with repeats barred; a clean one is decoded once."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from practice.speech.retry import NO_REPEAT_NGRAM_SIZE, decode_with_retry, garbled, loops, mean_logprob


def segment(*, ratio: float = 1.5, logprob: float = -0.3, no_speech: float = 0.01, tokens: int = 10):
    return SimpleNamespace(compression_ratio=ratio, avg_logprob=logprob, no_speech_prob=no_speech,
                           tokens=list(range(tokens)))


class Decoder:
    """Gives one decode with repeats allowed and another with them barred, and notes which were asked for."""

    def __init__(self, allowed: list, barred: list) -> None:
        self.results = {0: allowed, NO_REPEAT_NGRAM_SIZE: barred}
        self.asked: list[int] = []

    def __call__(self, no_repeat_ngram_size: int) -> list:
        self.asked.append(no_repeat_ngram_size)
        return self.results[no_repeat_ngram_size]


def test_a_clean_decode_is_kept_and_decoded_only_once():
    clean = [segment(), segment(logprob=-0.6)]
    decoder = Decoder(clean, [segment()])
    assert decode_with_retry(decoder) is clean
    assert decoder.asked == [0]


@pytest.mark.parametrize("bad", [segment(ratio=4.1), segment(logprob=-1.4)], ids=["loop", "hardly believed"])
def test_a_garbled_decode_is_decoded_again_with_repeats_barred_and_the_clean_retry_kept(bad):
    retry = [segment(logprob=-0.8)]
    decoder = Decoder([segment(), bad], retry)
    assert decode_with_retry(decoder) is retry
    assert decoder.asked == [0, NO_REPEAT_NGRAM_SIZE]


def test_silence_whisper_hardly_believes_is_not_garbled():
    assert not garbled([segment(logprob=-1.6, no_speech=0.9)])
    assert garbled([segment(logprob=-1.6, no_speech=0.3)])


def test_of_two_garbled_decodes_one_that_does_not_loop_wins_over_one_that_loops():
    looping, unsure = [segment(ratio=3.0, logprob=-0.2)], [segment(logprob=-1.3)]
    assert decode_with_retry(Decoder(looping, unsure)) is unsure
    assert decode_with_retry(Decoder(unsure, looping)) is unsure


def test_of_two_garbled_decodes_that_both_loop_or_neither_the_one_believed_more_wins():
    first, retry = [segment(ratio=3.0, logprob=-0.9)], [segment(ratio=2.8, logprob=-0.5)]
    assert decode_with_retry(Decoder(first, retry)) is retry
    first, retry = [segment(logprob=-1.1)], [segment(logprob=-1.9)]
    assert decode_with_retry(Decoder(first, retry)) is first


def test_belief_is_weighed_by_tokens_and_a_loop_is_any_segment_that_compresses_too_well():
    assert mean_logprob([segment(logprob=-0.2, tokens=30), segment(logprob=-1.0, tokens=10)]) == pytest.approx(-0.4)
    assert mean_logprob([]) == float("-inf")
    assert loops([segment(), segment(ratio=2.5)]) and not loops([segment(ratio=2.4)])
