"""The segmenter cuts growing audio at pauses into 12-20 s segments (from 10 s when the speaker stops)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.speech.segmenter import (BROWSER_CHUNK_S, MAX_SEGMENT_S, MIN_END_CUT_S, MIN_SEGMENT_S, Segment,
                                       Segmenter, cut_as_streamed, find_cut_s, frame_levels_dbfs)
from tests.audio.signals import RATE_HZ, insert_silences, silence, vowel_train
from tests.speech_clips import joined_clean_speech


def feed(pcm: Pcm, chunk_s: float) -> list[Segment]:
    """Push pcm in chunks the way the browser posts them, then finish."""
    segmenter = Segmenter(pcm.rate_hz)
    step = int(chunk_s * pcm.rate_hz)
    segments = []
    for start in range(0, len(pcm.samples), step):
        segments += segmenter.push(pcm.samples[start:start + step])
    last = segmenter.finish()
    return segments + ([last] if last else [])


def test_short_answer_stays_one_segment_until_stop():
    speech = vowel_train(seconds=8.0)
    segmenter = Segmenter(RATE_HZ)
    assert segmenter.push(speech.samples) == []
    assert segmenter.finish() == Segment(0.0, 8.0)
    assert segmenter.finish() is None


def test_cuts_in_the_middle_of_the_first_pause_after_twelve_seconds():
    speech, placed = insert_silences(vowel_train(seconds=35.0), [6.0, 12.0, 25.0], [0.6, 0.6, 0.6])
    assert placed[1] == pytest.approx((12.6, 13.2)) and placed[2] == pytest.approx((26.2, 26.8))
    segments = feed(speech, chunk_s=60.0)  # all at once: every pause is heard whole
    assert [s.end_s for s in segments[:2]] == [pytest.approx(12.9, abs=0.03), pytest.approx(26.5, abs=0.03)]
    assert segments[2].end_s == pytest.approx(speech.duration_s)
    assert [s.start_s for s in segments[1:]] == [s.end_s for s in segments[:-1]]


def test_a_pause_before_twelve_seconds_does_not_cut():
    speech, _ = insert_silences(vowel_train(seconds=15.0), [4.0], [1.0])
    assert feed(speech, chunk_s=1.0) == [Segment(0.0, 16.0)]


def test_a_silence_going_on_at_the_end_closes_what_was_said_after_ten_seconds():
    speech = vowel_train(seconds=11.0)
    segmenter = Segmenter(RATE_HZ)
    assert segmenter.push(np.concatenate([speech.samples, silence(0.4)])) == []  # a gap between words, maybe
    closed = segmenter.push(silence(0.2))
    assert len(closed) == 1 and 11.0 < closed[0].end_s < 11.6
    assert segmenter.finish().start_s == closed[0].end_s


def test_a_silence_at_the_end_before_ten_seconds_waits():
    segmenter = Segmenter(RATE_HZ)
    assert segmenter.push(np.concatenate([vowel_train(seconds=9.0).samples, silence(0.8)])) == []
    assert segmenter.finish() == Segment(0.0, 9.8)


def test_a_short_gap_is_not_a_pause():
    speech, _ = insert_silences(vowel_train(seconds=16.0), [11.0], [0.2])
    assert len(feed(speech, chunk_s=1.0)) == 1


def test_cuts_arrive_while_streaming_and_fall_inside_the_pauses():
    speech, placed = insert_silences(vowel_train(seconds=50.0), [13.0, 27.0, 41.0], [0.5, 0.8, 0.5])
    segments = feed(speech, chunk_s=1.5)
    cuts = [s.end_s for s in segments[:-1]]
    assert len(cuts) == 3
    for cut, (start, end) in zip(cuts, placed, strict=True):
        assert start < cut < end


def test_forced_cut_at_the_quietest_moment_after_twenty_seconds_without_a_pause():
    speech = vowel_train(seconds=45.0, syllable_s=0.2, gap_s=0.02)
    samples = speech.samples.copy()
    dip = slice(int(16.0 * RATE_HZ), int(16.15 * RATE_HZ))  # 150 ms: quieter, but too short to be a pause
    samples[dip] *= 0.001
    segmenter = Segmenter(RATE_HZ)
    assert segmenter.push(samples[: int(19.5 * RATE_HZ)]) == []  # no pause yet: wait for more
    first = segmenter.push(samples[int(19.5 * RATE_HZ): int(21 * RATE_HZ)])
    assert len(first) == 1 and first[0].end_s == pytest.approx(16.07, abs=0.06)
    rest = segmenter.push(samples[int(21 * RATE_HZ):])
    assert all(MIN_SEGMENT_S <= s.duration_s <= MAX_SEGMENT_S for s in first + rest)


def test_leading_silence_then_speech():
    speech = Pcm(np.concatenate([silence(12.0), vowel_train(seconds=5.0).samples]), RATE_HZ)
    segments = feed(speech, chunk_s=1.0)
    assert segments[0].start_s == 0.0 and segments[-1].end_s == pytest.approx(17.0)
    assert all(s.duration_s >= MIN_SEGMENT_S for s in segments[:-1])


def test_find_cut_waits_for_ten_seconds():
    assert find_cut_s(vowel_train(seconds=9.9).samples, RATE_HZ) is None


def test_frame_levels_of_a_full_scale_square_wave_are_zero_dbfs():
    levels = frame_levels_dbfs(np.where(np.sin(np.arange(16000) * 0.3) >= 0, 1.0, -1.0), RATE_HZ)
    assert len(levels) == 99 and np.allclose(levels, 0.0, atol=0.01)


def test_real_clips_joined_into_a_minute_are_cut_in_quiet_places():
    speech = Pcm(joined_clean_speech(90), RATE_HZ)
    segments = feed(speech, chunk_s=1.0)
    assert segments[-1].end_s == pytest.approx(speech.duration_s)
    assert all(MIN_END_CUT_S <= s.duration_s <= MAX_SEGMENT_S for s in segments[:-1])
    levels = frame_levels_dbfs(speech.samples, RATE_HZ)
    loud_dbfs = np.percentile(levels, 95)
    for segment in segments[:-1]:
        at_cut = levels[int(segment.end_s / 0.01) - 1]
        assert at_cut < loud_dbfs - 25, f"cut at {segment.end_s} s is inside sound ({at_cut:.0f} dBFS)"


def test_a_whole_file_is_cut_where_the_browsers_chunks_of_it_are_cut():
    speech, placed = insert_silences(vowel_train(seconds=50.0), [13.0, 27.0, 41.0], [0.5, 0.8, 0.5])
    segments = cut_as_streamed(speech.samples, RATE_HZ)
    assert segments == feed(speech, chunk_s=BROWSER_CHUNK_S)
    assert [s.start_s for s in segments] == [0.0] + [s.end_s for s in segments[:-1]]
    assert segments[-1].end_s == pytest.approx(51.8)
    for segment, (start, end) in zip(segments, placed, strict=False):
        assert start < segment.end_s < end


def test_a_whole_file_shorter_than_a_segment_is_one_segment():
    assert cut_as_streamed(vowel_train(seconds=8.0).samples, RATE_HZ) == [Segment(0.0, 8.0)]
    assert cut_as_streamed(np.zeros(0, np.float32), RATE_HZ) == []


def test_the_chunk_length_is_what_the_browser_posts():
    uploader = (Path(__file__).resolve().parents[2] / "static" / "js" / "stream-uploader.js").read_text()
    rate_hz, chunk_s = re.search(r"const CHUNK_SAMPLES = (\d+) \* ([\d.]+);", uploader).groups()
    assert (int(rate_hz), float(chunk_s)) == (RATE_HZ, BROWSER_CHUNK_S)
