"""Incremental transcription: each closed segment decoded once; a whole file decoded in the same segments."""
from __future__ import annotations

import jiwer
import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.text import normalise_words
from practice.audio.words import Word
from practice.speech.incremental import PROMPT_WORDS, IncrementalTranscript, transcribe_as_streamed
from practice.speech.segmenter import Segmenter
from practice.speech.transcribe import get_transcriber
from tests.audio.signals import RATE_HZ, insert_silences, vowel_train
from tests.fakes import FakeTranscriber
from tests.speech_clips import joined_clean_speech


def test_words_are_moved_to_answer_time_and_each_segment_is_prompted_with_the_text_before():
    fake = FakeTranscriber(words=(Word("one", 0.5, 0.8, 0.9), Word("um", 1.0, 1.3, 0.8, filler=True)))
    incremental = IncrementalTranscript(fake, prompted=True)
    segment = Pcm(np.zeros(10 * RATE_HZ, np.float32), RATE_HZ)
    incremental.add(segment, 0.0)
    incremental.add(segment, 10.0)
    assert fake.prompts == [None, "one um"]
    assert [(w.text, w.start_s, w.end_s) for w in incremental.words] == [
        ("one", 0.5, 0.8), ("um", 1.0, 1.3), ("one", 10.5, 10.8), ("um", 11.0, 11.3)]
    assert incremental.transcribed_until_s == 20.0 and incremental.segments == 2
    transcript = incremental.transcript()
    assert transcript.filler_count == 2 and transcript.model == "fixed-words"


def test_segments_are_decoded_unprompted_by_default():
    fake = FakeTranscriber()
    incremental = IncrementalTranscript(fake)
    segment = Pcm(np.zeros(RATE_HZ, np.float32), RATE_HZ)
    incremental.add(segment, 0.0)
    incremental.add(segment, 1.0)
    assert fake.prompts == [None, None] and len(incremental.words) == 10


def test_the_prompt_keeps_only_the_last_words():
    fake = FakeTranscriber(words=tuple(Word(f"w{i}", i * 0.2, i * 0.2 + 0.1, 0.9) for i in range(30)))
    incremental = IncrementalTranscript(fake, prompted=True)
    segment = Pcm(np.zeros(RATE_HZ, np.float32), RATE_HZ)
    for n in range(3):
        incremental.add(segment, float(n))
    assert len(fake.prompts[2].split()) == PROMPT_WORDS
    assert fake.prompts[2].split()[-1] == "w29"


class SegmentLengths(FakeTranscriber):
    """The fixed words for every call, noting how long each decoded piece of audio was."""

    def __init__(self) -> None:
        super().__init__(words=(Word("so", 0.5, 0.8, 0.9),))
        self.durations_s: list[float] = []

    def transcribe(self, pcm, *, prompt=None):
        self.durations_s.append(round(pcm.duration_s, 2))
        return super().transcribe(pcm, prompt=prompt)


def test_a_whole_file_is_decoded_in_its_segments_in_order_with_words_in_answer_time():
    speech, _ = insert_silences(vowel_train(seconds=35.0), [13.0, 27.0], [0.6, 0.6])
    fake = SegmentLengths()
    transcript = transcribe_as_streamed(fake, speech)
    # The pauses sit at 13.0-13.6 and 27.6-28.2 s. The first is cut in the middle of the part heard when the
    # chunk ending at 13.5 s arrived, as in a stream; the second was heard whole by the chunk ending at 28.5 s.
    assert fake.durations_s == [13.23, 14.65, 8.32] and fake.prompts == [None, None, None]
    assert [(w.start_s, w.end_s) for w in transcript.words] == [(0.5, 0.8), (13.73, 14.03), (28.38, 28.68)]
    assert transcript.model == "fixed-words"


def test_a_whole_file_shorter_than_a_segment_is_decoded_in_one_call():
    fake = SegmentLengths()
    transcript = transcribe_as_streamed(fake, vowel_train(seconds=9.0))
    assert fake.durations_s == [9.0] and [w.start_s for w in transcript.words] == [0.5]


def test_a_whole_file_without_samples_is_one_decode_that_names_the_model():
    fake = SegmentLengths()
    transcript = transcribe_as_streamed(fake, Pcm(np.zeros(0, np.float32), RATE_HZ))
    assert fake.durations_s == [0.0] and transcript.model == "fixed-words"


@pytest.mark.slow
def test_segments_of_real_speech_agree_with_one_whole_file_pass():
    speech = Pcm(joined_clean_speech(40), RATE_HZ)
    segmenter = Segmenter(RATE_HZ)
    segments = segmenter.push(speech.samples) + [segmenter.finish()]
    assert len(segments) >= 2
    transcriber = get_transcriber("tiny.en")
    incremental = IncrementalTranscript(transcriber)
    for segment in segments:
        words = incremental.add(speech.slice_s(segment.start_s, segment.end_s), segment.start_s)
        assert words or segment.duration_s < 1.0  # the rest of a pause after a cut may hold nothing
        assert all(segment.start_s <= w.start_s <= segment.end_s for w in words)
    whole = transcriber.transcribe(speech)
    reference = " ".join(normalise_words(whole.text))
    streamed = " ".join(normalise_words(incremental.transcript().text))
    assert jiwer.wer(reference, streamed) <= 0.06
