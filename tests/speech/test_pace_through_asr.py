"""Pace measured through the real transcriber: a time-stretched clip moves the rate by the stretch."""
import pytest

from practice.audio.report import build_analysis
from practice.speech.transcribe import get_transcriber
from tests.audio.signals import load_pcm
from tests.speech_clips import require_clip


def transcribe_words(pcm):
    return get_transcriber("tiny.en").transcribe(pcm).words


@pytest.mark.slow
@pytest.mark.parametrize("tempo", [0.8, 1.25])
def test_time_stretching_moves_asr_rate_by_the_same_ratio(tempo):
    clip = require_clip("18_pocketsphinx_librivox_0920.wav")
    normal = load_pcm(clip.path)
    stretched = load_pcm(clip.path, tempo)
    base = build_analysis(normal, transcribe_words(normal)).rate_wpm
    moved = build_analysis(stretched, transcribe_words(stretched)).rate_wpm
    assert moved / base == pytest.approx(tempo, rel=0.05)
