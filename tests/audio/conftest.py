import pytest

from tests.audio.signals import load_pcm
from tests.speech_clips import require_clip

# Clean, continuous read speech (WADA-SNR of the clip itself above 35 dB, no digital-zero padding).
CLEAN_READ_CLIPS = ("15_whisper_jfk.flac", "21_speechbrain_LJ050-0131.wav", "09_mfa_english_fast.wav")


@pytest.fixture
def jfk():
    """JFK's 'ask not' passage: 11 s of clear, loud speech with natural pauses."""
    return load_pcm(require_clip("15_whisper_jfk.flac").path)


@pytest.fixture
def read_speech():
    """An LJSpeech sentence: 7.7 s of clean read speech at about -22 dBFS."""
    return load_pcm(require_clip("21_speechbrain_LJ050-0131.wav").path)
