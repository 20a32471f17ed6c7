"""The filler guard, on hand-made passes over synthetic sound: what it keeps and what it refuses."""
from __future__ import annotations

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.words import Word, is_filler_sound
from practice.speech.energy import Energy, split_at_pauses
from practice.speech.filler_recovery import merge_fillers

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


def texts(words) -> list[str]:
    return [x.text for x in words]


# "I think | um | we should" spoken as three bursts.
SPEECH = sound_at((0.5, 1.0), (1.4, 1.8), (2.2, 3.0))
PLAIN = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("we", 2.2, 2.5), w("should", 2.5, 3.0)]


def test_prompted_filler_between_agreed_words_with_sound_is_kept():
    prompted = [w("I", 0.5, 0.7), w("think,", 0.7, 1.0), w("um,", 1.4, 1.8), w("we", 2.2, 2.5), w("should", 2.5, 3.0)]
    assert texts(merge_fillers(PLAIN, prompted, SPEECH)) == ["I", "think", "um,", "we", "should"]


def test_filler_in_silence_is_refused():
    prompted = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("we", 2.2, 2.5), w("should", 2.5, 3.0), w("uh", 4.0, 4.5)]
    assert texts(merge_fillers(PLAIN, prompted, SPEECH)) == texts(PLAIN)


def test_near_zero_duration_prompted_filler_is_refused():
    prompted = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("um", 1.6, 1.6), w("we", 2.2, 2.5), w("should", 2.5, 3.0)]
    assert texts(merge_fillers(PLAIN, prompted, SPEECH)) == texts(PLAIN)


def test_filler_beside_invented_words_is_refused():
    """The prompt invented 'thanks for watching'; a filler anchored to it is not trusted."""
    speech = sound_at((0.5, 1.0), (1.4, 1.8), (2.2, 3.0), (3.3, 3.8))
    prompted = PLAIN + [w("thanks", 3.0, 3.2), w("uh", 3.3, 3.8), w("watching", 3.8, 4.0)]
    assert texts(merge_fillers(PLAIN, prompted, speech)) == texts(PLAIN)


def test_invented_words_of_the_prompted_pass_never_appear():
    prompted = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("so", 1.4, 1.8), w("we", 2.2, 2.5), w("should", 2.5, 3.0)]
    assert texts(merge_fillers(PLAIN, prompted, SPEECH)) == texts(PLAIN)


def test_filler_far_from_its_gap_in_time_is_refused():
    speech = sound_at((0.5, 1.0), (2.2, 3.0), (4.5, 5.0))
    prompted = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("um", 4.5, 5.0), w("we", 2.2, 2.5), w("should", 2.5, 3.0)]
    assert texts(merge_fillers(PLAIN, prompted, speech)) == texts(PLAIN)


def test_a_filler_both_passes_heard_is_counted_once():
    plain = PLAIN[:2] + [w("um", 1.4, 1.8)] + PLAIN[2:]
    prompted = PLAIN[:2] + [w("um", 1.45, 1.8)] + PLAIN[2:]
    merged = merge_fillers(plain, prompted, SPEECH)
    assert sum(x.filler for x in merged) == 1


def test_a_gap_keeps_no_more_fillers_than_bursts_of_sound():
    """Whisper's repetition loop stacks 'uh uh uh uh' on one instant: one burst, one filler."""
    plain = PLAIN[:2] + [w("uh", 1.5, 1.5), w("uh", 1.5, 1.5), w("uh", 1.52, 1.52), w("uh", 1.55, 1.55)] + PLAIN[2:]
    merged = merge_fillers(plain, PLAIN, SPEECH)
    assert sum(x.filler for x in merged) == 1


def test_filler_holding_a_squeezed_words_time_is_a_drawl_not_a_filler():
    """'but[2.84-2.84] um[2.84-3.36]': the word was drawled and Whisper gave its time to 'um'."""
    speech = sound_at((0.5, 1.0), (1.4, 2.0), (2.2, 3.0))
    plain = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("but", 1.4, 1.4), w("um", 1.4, 2.0), w("we", 2.2, 2.5)]
    prompted = [w("I", 0.5, 0.7), w("think", 0.7, 1.0), w("but", 1.3, 1.5), w("um", 1.5, 2.0), w("we", 2.2, 2.5)]
    assert texts(merge_fillers(plain, prompted, speech)) == ["I", "think", "but", "we"]


def test_leading_filler_before_the_first_word_is_kept_when_it_sounds():
    speech = sound_at((0.2, 0.6), (1.0, 1.5))
    plain = [w("well", 1.0, 1.5)]
    prompted = [w("Um,", 0.2, 0.6), w("well", 1.0, 1.5)]
    assert texts(merge_fillers(plain, prompted, speech)) == ["Um,", "well"]


def test_no_words_means_nothing_to_anchor_and_no_fillers():
    assert merge_fillers([], [w("um", 0.5, 1.0)], SPEECH) == ()


def test_energy_finds_the_sounding_stretches():
    energy = Energy.of(SPEECH)
    assert energy.sound_s(0.5, 1.0) > 0.45
    assert energy.sound_s(3.2, 6.0) == 0
    assert energy.bursts(0.0, 6.0, 0.05, 0.03) == 3


def test_long_audio_is_cut_in_pauses():
    pcm = sound_at(*[(t, t + 1.5) for t in np.arange(0.2, 19.0, 2.0)], duration_s=20.0)
    spans = split_at_pauses(pcm, max_chunk_s=8.0)
    assert spans[0][0] == 0 and spans[-1][1] == 20.0
    assert all(b - a <= 8.0 for a, b in spans)
    energy = Energy.of(pcm)
    assert all(energy.sound_s(b - 0.05, b + 0.05) == 0 for _, b in spans[:-1])
