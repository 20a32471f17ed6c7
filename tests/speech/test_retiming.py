"""Words Whisper timed at one instant get the stretch of sound they were spoken in; token cap per window."""
from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.words import Word, is_filler_sound
from practice.audio.activity import detect_activity
from practice.speech.retiming import retime_short_words
from practice.speech.transcribe import max_new_tokens

RATE = 16000


def sound_at(*spans: tuple[float, float], duration_s: float = 6.0) -> Pcm:
    """Silence (faint noise) with a 200 Hz tone where speech would be."""
    rng = np.random.default_rng(0)
    x = (rng.standard_normal(int(duration_s * RATE)) * 1e-4).astype(np.float32)
    for start, end in spans:
        a, b = int(start * RATE), int(end * RATE)
        x[a:b] += 0.2 * np.sin(2 * np.pi * 200 * np.arange(b - a) / RATE)
    return Pcm(x, RATE)


def w(text: str, start: float, end: float, p: float = 0.9) -> Word:
    return Word(text, start, end, p, filler=is_filler_sound(text))

# Sound at 0.5-1.0 ("I think"), then three separate bursts, then 4.0-4.6 ("we should").
SPEECH = sound_at((0.5, 1.0), (1.4, 1.7), (2.0, 2.3), (2.8, 3.4), (4.0, 4.6))
ACTIVITY = detect_activity(SPEECH)


def spans(words) -> list[tuple[float, float]]:
    return [(x.start_s, x.end_s) for x in words]


def test_sound_runs_are_the_bursts_with_their_times():
    runs = ACTIVITY.sound_runs(1.0, 4.0, 0.05, 0.03)
    assert len(runs) == 3
    for (start, end), (want_start, want_end) in zip(runs, [(1.4, 1.7), (2.0, 2.3), (2.8, 3.4)], strict=False):
        assert start == pytest.approx(want_start, abs=0.03) and end == pytest.approx(want_end, abs=0.03)


def test_stacked_zero_length_fillers_take_the_nearest_bursts_in_order():
    words = [w("think", 0.5, 1.0), w("uh,", 1.5, 1.5), w("um,", 3.0, 3.0), w("uh,", 3.0, 3.0), w("we", 4.0, 4.6)]
    out = retime_short_words(words, ACTIVITY, SPEECH.duration_s)
    assert [x.text for x in out] == [x.text for x in words]
    assert [x.filler for x in out] == [x.filler for x in words]
    assert spans(out)[0] == (0.5, 1.0) and spans(out)[-1] == (4.0, 4.6)
    for (start, end), (want_start, want_end) in zip(spans(out)[1:4], [(1.4, 1.7), (2.0, 2.3), (2.8, 3.4)],
                                                    strict=True):
        assert start == pytest.approx(want_start, abs=0.03) and end == pytest.approx(want_end, abs=0.03)


def test_more_words_than_bursts_share_them_evenly():
    words = [w("think", 0.5, 1.0), w("a", 1.5, 1.5), w("b", 1.5, 1.5), w("c", 1.5, 1.5), w("we", 2.0, 2.3)]
    out = retime_short_words(words, ACTIVITY, SPEECH.duration_s)
    middle = spans(out)[1:4]
    assert middle[0][0] == pytest.approx(1.4, abs=0.03) and middle[-1][1] == pytest.approx(1.7, abs=0.03)
    assert all(end - start == pytest.approx(0.1, abs=0.02) for start, end in middle)
    assert all(a[1] == pytest.approx(b[0], abs=0.002) for a, b in pairwise(middle))


def test_no_room_keeps_whispers_times_and_long_words_are_untouched():
    words = [w("think", 0.5, 1.0), w("uh", 1.0, 1.0), w("we", 1.0, 1.7)]
    assert retime_short_words(words, ACTIVITY, SPEECH.duration_s) == tuple(words)


def test_silent_gap_with_room_is_split():
    quiet = sound_at((0.5, 1.0), (3.0, 3.5))
    words = [w("think", 0.5, 1.0), w("so", 2.0, 2.0), w("we", 3.0, 3.5)]
    assert spans(retime_short_words(words, detect_activity(quiet), quiet.duration_s))[1] == (1.0, 3.0)


@pytest.mark.parametrize("duration_s, tokens", [(0.5, 16), (1.0, 16), (6.916, 69), (20.0, 200), (30.0, 224),
                                                (120.0, 224)])
def test_max_new_tokens_is_ten_per_second_within_whisper_window_limits(duration_s, tokens):
    assert max_new_tokens(duration_s) == tokens
