"""A live session's audio: a segment's samples come from the parts it spans, the whole take from all of them."""
from __future__ import annotations

import numpy as np
import pytest

from practice import chunks
from practice.audio.pcm import Pcm
from practice.speech.segmenter import Segment
from practice.streaming import StreamSession
from tests.fakes import FakeTranscriber


def stored_take(directory, seconds: float, chunk_s: float = 1.5) -> bytes:
    chunks.create(directory)
    rng = np.random.default_rng(7)
    data = rng.integers(-20000, 20000, int(seconds * chunks.RATE_HZ), dtype="<i2").tobytes()
    step = int(chunk_s * chunks.RATE_HZ) * chunks.SAMPLE_BYTES
    for seq, start in enumerate(range(0, len(data), step)):
        chunks.save_chunk(directory, seq, data[start:start + step])
    return data


@pytest.mark.parametrize("start_s, end_s", [(0.0, 1.5), (0.0, 7.2), (1.4999, 1.5001), (1.5, 3.0), (2.2, 5.61),
                                            (6.0, 7.2), (6.9, 9.0), (3.3, 3.3), (8.0, 9.0)])
def test_a_segments_samples_are_the_same_slice_of_the_take_whichever_parts_it_spans(tmp_path, start_s, end_s):
    data = stored_take(tmp_path / "take.wav.chunks", 7.2)
    session = StreamSession(1, tmp_path / "take.wav.chunks", FakeTranscriber())
    session.feed_stored()
    whole = Pcm.from_int16_bytes(data, chunks.RATE_HZ)
    got = session.audio(Segment(start_s, end_s))
    assert got.rate_hz == chunks.RATE_HZ
    np.testing.assert_array_equal(got.samples, whole.slice_s(start_s, end_s).samples)


def test_the_whole_take_is_every_sample_fed_and_only_when_that_is_all_that_was_stored(tmp_path):
    directory = tmp_path / "take.wav.chunks"
    data = stored_take(directory, 6.0)
    session = StreamSession(1, directory, FakeTranscriber())
    assert session.whole(0) is None
    session.feed_stored()
    samples = len(data) // chunks.SAMPLE_BYTES
    np.testing.assert_array_equal(session.whole(samples).samples, Pcm.from_int16_bytes(data, chunks.RATE_HZ).samples)
    assert session.whole(samples + 10) is None
