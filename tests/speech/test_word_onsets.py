"""A word Whisper pulled back into a hesitation starts after the pause that follows the hesitation."""
from __future__ import annotations

import pytest

from practice.audio.words import Word
from practice.speech.word_onsets import start_as_said
from tests.acoustics_by_hand import acoustics_by_hand


def steady_voice(sounding_s: list[tuple[float, float]]):
    """A steady voice wherever sounding_s say, silence elsewhere."""
    return acoustics_by_hand(sounding_s, steady_s=sounding_s)


# A hesitation's voiced run from 1.0 to 1.6 s, silence, then the next word's sound from 2.0 s.
RUN_S = (1.0, 1.6)


def test_a_word_starting_partway_into_the_run_and_running_over_a_pause_starts_after_the_pause():
    acoustics = steady_voice([RUN_S, (2.0, 2.6)])
    assert start_as_said(Word("The", 1.45, 2.15, 0.9), *RUN_S, acoustics) == pytest.approx(2.0, abs=0.011)


def test_a_word_starting_at_the_runs_onset_is_that_run():
    acoustics = steady_voice([RUN_S, (2.0, 2.6)])
    assert start_as_said(Word("called", 1.02, 2.15, 0.9), *RUN_S, acoustics) == 1.02


@pytest.mark.parametrize("sounding_s, word_end_s", [
    ([RUN_S, (1.75, 2.6)], 2.15),  # 0.15 s of silence: a stop's closure inside a word, not a pause
    ([RUN_S, (2.0, 2.6)], 1.95),   # no sound of its own after the silence: the word is in the run
    ([(1.0, 2.6)], 2.15),          # no silence at all: a drawl running on into the word
])
def test_without_a_pause_and_sound_after_it_whispers_start_stands(sounding_s, word_end_s):
    acoustics = steady_voice(sounding_s)
    assert start_as_said(Word("The", 1.45, word_end_s, 0.9), *RUN_S, acoustics) == 1.45
