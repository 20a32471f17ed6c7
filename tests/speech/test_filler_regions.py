"""The prompted pass hears only the flagged stretches, joined; its words come back at their times in the recording."""
from __future__ import annotations

import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.words import Word
from practice.speech.filler_regions import CONTEXT_S, JOIN_SILENCE_S, Piece, decode_pieces, pieces_for

RATE = 16000


def test_each_flagged_stretch_gets_context_either_side_and_close_ones_join():
    pieces = pieces_for([(10.0, 10.5), (12.0, 12.4), (40.0, 40.6)], duration_s=60.0)
    assert [(p.start_s, p.end_s) for p in pieces] == [(10.0 - CONTEXT_S, 12.4 + CONTEXT_S),
                                                      (40.0 - CONTEXT_S, 40.6 + CONTEXT_S)]
    first = pieces[0].end_s - pieces[0].start_s
    assert [p.offset_s for p in pieces] == [0.0, pytest.approx(first + JOIN_SILENCE_S)]


def test_pieces_stop_at_the_recording_edges():
    [piece] = pieces_for([(0.2, 0.6)], duration_s=30.0)
    assert piece.start_s == 0.0 and piece.end_s == pytest.approx(0.6 + CONTEXT_S)


def test_stretches_covering_most_of_the_recording_mean_decode_all_of_it():
    assert pieces_for([(1.0, 2.0), (4.0, 5.0)], duration_s=6.0) is None


def test_no_stretch_no_piece():
    assert pieces_for([], duration_s=20.0) == []


def test_decoded_words_map_back_and_words_in_the_joining_silence_are_dropped():
    samples = np.arange(30 * RATE, dtype=np.float32) / (30 * RATE)  # each sample says where it came from
    pcm = Pcm(samples, RATE)
    pieces = [Piece(5.0, 7.0, 0.0), Piece(20.0, 21.0, 2.0 + JOIN_SILENCE_S)]
    heard = {}

    def decode(joined: Pcm) -> list[Word]:
        heard["joined"] = joined
        second_s = 2.0 + JOIN_SILENCE_S
        return [Word("um", 0.5, 0.9, 0.8, filler=True), Word("hi", 2.1, 2.3, 0.5),
                Word("uh", second_s + 0.2, second_s + 0.6, 0.7, filler=True)]

    words = decode_pieces(pcm, pieces, decode)
    assert [(w.text, w.start_s, w.end_s) for w in words] == [("um", 5.5, 5.9), ("uh", 20.2, 20.6)]
    joined = heard["joined"]
    assert joined.duration_s == pytest.approx(3.0 + JOIN_SILENCE_S)
    assert joined.samples[0] == pytest.approx(5.0 / 30, abs=1e-6)
    assert not joined.samples[int(2.1 * RATE):int(2.4 * RATE)].any()
    assert joined.samples[int((2.0 + JOIN_SILENCE_S) * RATE)] == pytest.approx(20.0 / 30, abs=1e-6)


def test_nothing_to_decode_calls_no_decoder():
    assert decode_pieces(Pcm(np.zeros(RATE, np.float32), RATE), [], lambda joined: pytest.fail("decoded")) == []
