"""A word Whisper pulled back into a hesitation starts after the pause that follows the hesitation."""
from __future__ import annotations

import numpy as np
import pytest

from practice.audio.filled_pauses import Acoustics
from practice.audio.words import Word
from practice.speech.word_onsets import start_as_said


def _acoustics(sounding_s: list[tuple[float, float]], duration_s: float = 3.0) -> Acoustics:
    """Frame tracks by hand: a 120 Hz voice where sounding_s say, silence elsewhere."""
    times_s = np.arange(0.005, duration_s, 0.01)
    sounding = np.zeros(times_s.size, bool)
    for start_s, end_s in sounding_s:
        sounding |= (times_s >= start_s) & (times_s < end_s)
    f0 = np.where(sounding, 120.0, 0.0)
    return Acoustics(times_s, f0, f0 * 5, f0 * 12, np.where(sounding, -25.0, -80.0), sounding, -25.0)


# A hesitation's voiced run from 1.0 to 1.6 s, silence, then the next word's sound from 2.0 s.
RUN_S = (1.0, 1.6)


def test_a_word_starting_partway_into_the_run_and_running_over_a_pause_starts_after_the_pause():
    acoustics = _acoustics([RUN_S, (2.0, 2.6)])
    assert start_as_said(Word("The", 1.45, 2.15, 0.9), *RUN_S, acoustics) == pytest.approx(2.0, abs=0.011)


def test_a_word_starting_at_the_runs_onset_is_that_run():
    acoustics = _acoustics([RUN_S, (2.0, 2.6)])
    assert start_as_said(Word("called", 1.02, 2.15, 0.9), *RUN_S, acoustics) == 1.02


@pytest.mark.parametrize("sounding_s, word_end_s", [
    ([RUN_S, (1.75, 2.6)], 2.15),  # 0.15 s of silence: a stop's closure inside a word, not a pause
    ([RUN_S, (2.0, 2.6)], 1.95),   # no sound of its own after the silence: the word is in the run
    ([(1.0, 2.6)], 2.15),          # no silence at all: a drawl running on into the word
])
def test_without_a_pause_and_sound_after_it_whispers_start_stands(sounding_s, word_end_s):
    acoustics = _acoustics(sounding_s)
    assert start_as_said(Word("The", 1.45, word_end_s, 0.9), *RUN_S, acoustics) == 1.45
