"""pocketsphinx, the fallback engine: real timed words on a real clip, none in silence."""
import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.speech.decode import decode_file
from practice.speech.sphinx import SphinxTranscriber
from tests.speech.test_transcribe import assert_well_timed, share_of_reference_found
from tests.speech_clips import require_clip


@pytest.mark.slow
def test_sphinx_gives_sensible_timed_words_on_a_real_clip():
    clip = require_clip("17_pocketsphinx_librivox_0870.wav")
    transcript = SphinxTranscriber().transcribe(decode_file(clip.path))
    assert transcript.engine == "sphinx"
    assert share_of_reference_found(clip.transcript, transcript) >= 0.5
    assert_well_timed(transcript.words, clip.duration_s)
    assert not any(w.text.startswith(("<", "[")) or "(" in w.text for w in transcript.words)


def test_sphinx_on_silence_gives_no_words():
    assert SphinxTranscriber().transcribe(Pcm(np.zeros(16000, dtype=np.float32), 16000)).words == ()
