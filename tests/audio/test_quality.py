import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.quality import check_quality
from practice.audio.report import build_analysis
from practice.audio.words import Word
from tests.audio.signals import RATE_HZ, silence, with_gain_db, with_white_noise

GOOD = dict(level_dbfs=-22.0, speech_s=8.0, word_count=20, voiced_s=4.0, clipped_ratio=0.0, snr_db=30.0)


def _codes(**changes) -> list[str]:
    return [p.code for p in check_quality(**{**GOOD, **changes}).problems]


@pytest.mark.parametrize("changes, codes", [
    ({}, []),
    ({"level_dbfs": None, "word_count": 0, "voiced_s": 0.0, "snr_db": None}, ["silent"]),
    ({"word_count": 0}, ["no_speech"]),
    ({"voiced_s": 0.1}, ["no_speech"]),
    ({"speech_s": 1.5}, ["too_short"]),
    ({"level_dbfs": -50.0}, ["too_quiet"]),
    ({"clipped_ratio": 0.002}, ["clipped"]),
    ({"clipped_ratio": 0.0009}, []),
    ({"snr_db": 8.0}, ["too_noisy"]),
])
def test_quality_gate_names_each_problem(changes, codes):
    assert _codes(**changes) == codes


def test_every_problem_says_what_to_do():
    quality = check_quality(**{**GOOD, "level_dbfs": -50.0, "clipped_ratio": 0.01, "snr_db": 5.0})
    assert quality.ok is False
    assert all(p.message and p.fix for p in quality.problems)
    assert quality.to_dict()["problems"][0].keys() == {"code", "message", "fix"}


def _words_over(pcm: Pcm) -> list[Word]:
    n = int(pcm.duration_s * 2)
    return [Word("word", i * 0.5, i * 0.5 + 0.4, 0.9) for i in range(n)]


def _gate(pcm: Pcm, words: list[Word] | None = None) -> list[str]:
    analysis = build_analysis(pcm, _words_over(pcm) if words is None else words)
    if not analysis.quality.ok:
        assert all(score is None for score in analysis.scores.values())  # a failing recording is not scored
    return [p["code"] for p in analysis.to_dict()["quality"]["problems"]]


def test_real_speech_passes_the_gate(read_speech):
    assert _gate(read_speech) == []


def test_speech_attenuated_30_db_is_too_quiet(read_speech):
    assert _gate(with_gain_db(read_speech, -30)) == ["too_quiet"]


def test_speech_amplified_into_clipping_is_clipped(read_speech):
    assert "clipped" in _gate(with_gain_db(read_speech, 24))


def test_speech_in_noise_at_5_db_is_too_noisy(read_speech):
    assert _gate(with_white_noise(read_speech, 5)) == ["too_noisy"]


def test_digital_silence_is_silent_with_no_level():
    analysis = build_analysis(Pcm(silence(5), RATE_HZ), [])
    assert [p.code for p in analysis.quality.problems] == ["silent"]
    assert analysis.level_dbfs is None and analysis.snr_db is None


def test_noise_alone_is_no_speech_even_if_the_recogniser_hallucinates():
    noise = Pcm(np.random.default_rng(3).normal(0, 0.03, 5 * RATE_HZ).astype(np.float32), RATE_HZ)
    assert _gate(noise, [])[0] == "no_speech"
    assert _gate(noise, [Word("you", 1.0, 1.4, 0.3)])[0] == "no_speech"


def test_a_one_second_answer_is_too_short(read_speech):
    assert _gate(read_speech.slice_s(0.0, 1.2)) == ["too_short"]
