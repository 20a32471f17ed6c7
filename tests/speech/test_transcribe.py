"""Real transcription of real clips: timed words, fillers kept, one model per process, Sphinx fallback."""
from __future__ import annotations

import logging
import threading
import time
from itertools import pairwise

import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.text import normalise_words
from practice.audio.words import Word
from practice.speech import transcribe
from practice.speech.decode import decode_file, from_audio_data, to_audio_data
from practice.speech.sphinx import SphinxTranscriber
from practice.speech.transcribe import WhisperTranscriber, get_transcriber
from practice.speech.transcript import Transcript
from practice.speech.weights import ModelIntegrityError
from tests.speech_clips import require_clip


def share_of_reference_found(reference: str, transcript: Transcript) -> float:
    said = set(normalise_words(transcript.text))
    ref = normalise_words(reference)
    return sum(word in said for word in ref) / len(ref)


def assert_well_timed(words: tuple[Word, ...], duration_s: float):
    assert all(0 <= w.start_s <= w.end_s <= duration_s + 0.05 for w in words)
    assert all(0.0 <= w.probability <= 1.0 for w in words)
    starts = [w.start_s for w in words]
    assert starts == sorted(starts) or sum(a > b + 0.5 for a, b in pairwise(starts)) == 0


@pytest.fixture(scope="module")
def whisper() -> WhisperTranscriber:
    return get_transcriber("tiny.en")


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        get_transcriber("tiny.en", engine="vosk")


def test_missing_model_falls_back_to_sphinx_with_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="practice.speech.transcribe"):
        transcriber = get_transcriber(str(tmp_path / "no-model-here"))
    assert isinstance(transcriber, SphinxTranscriber)
    assert "falling back to pocketsphinx" in caplog.text


def test_checksum_mismatch_raises_and_never_falls_back(monkeypatch):
    def tampered(spec):
        raise ModelIntegrityError("model.bin has sha256 0000, expected 1a5a")

    monkeypatch.setattr(transcribe, "resolve_model", tampered)
    monkeypatch.setattr(transcribe, "_transcribers", {})
    with pytest.raises(ModelIntegrityError):
        get_transcriber("tiny.en")


@pytest.mark.slow
def test_one_model_per_process(whisper, model_loads):
    silence = Pcm(np.zeros(16000, dtype=np.float32), 16000)
    whisper.transcribe(silence)
    assert get_transcriber("tiny.en") is whisper
    assert get_transcriber("tiny.en", "whisper") is whisper
    whisper.transcribe(silence)
    assert model_loads == []


@pytest.mark.slow
def test_a_new_transcriber_loads_its_model_once(model_loads):
    fresh = WhisperTranscriber("tiny.en")
    silence = Pcm(np.zeros(16000, dtype=np.float32), 16000)
    fresh.transcribe(silence)
    fresh.transcribe(silence)
    assert len(model_loads) == 1


@pytest.mark.slow
def test_jfk_is_transcribed_with_timed_words(whisper):
    clip = require_clip("15_whisper_jfk.flac")
    transcript = whisper.transcribe(decode_file(clip.path))
    assert transcript.engine == "whisper" and transcript.model == "tiny.en"
    assert share_of_reference_found(clip.transcript, transcript) >= 0.9
    assert_well_timed(transcript.words, clip.duration_s)
    assert transcript.filler_count == 0


@pytest.mark.slow
def test_human_reference_clip_finds_most_reference_words(whisper):
    clip = require_clip("17_pocketsphinx_librivox_0870.wav")
    transcript = whisper.transcribe(decode_file(clip.path))
    assert share_of_reference_found(clip.transcript, transcript) >= 0.9
    assert_well_timed(transcript.words, clip.duration_s)


@pytest.mark.slow
def test_the_word_and_filler_passes_of_a_segment_find_its_speech_once(whisper, monkeypatch):
    from faster_whisper.vad import SileroVADModel

    run_on, detect = [], SileroVADModel.__call__

    def counted(self, audio, *args, **kwargs):
        run_on.append(audio.tobytes())
        return detect(self, audio, *args, **kwargs)

    monkeypatch.setattr(SileroVADModel, "__call__", counted)
    pcm = decode_file(require_clip("15_whisper_jfk.flac").path)
    both = whisper.transcribe_both(pcm, recover_fillers=True)
    assert run_on and len(set(run_on)) == len(run_on)
    assert "country" in both[0].text


@pytest.mark.slow
def test_speech_recognition_audio_data_is_accepted(whisper):
    clip = require_clip("20_deepspeech_new_home_in_the_stars.wav")
    transcript = whisper.transcribe(from_audio_data(to_audio_data(decode_file(clip.path))))
    assert share_of_reference_found(clip.transcript, transcript) >= 0.8


@pytest.mark.slow
@pytest.mark.parametrize("samples", [np.zeros(3 * 16000), np.zeros(100), np.zeros(0),
                                     np.random.default_rng(1).standard_normal(3 * 16000) * 1e-4])
def test_silence_gives_no_words_not_a_crash(whisper, samples):
    transcript = whisper.transcribe(Pcm(samples.astype(np.float32), 16000))
    assert transcript.words == ()
    assert transcript.text == ""


@pytest.mark.slow
def test_filler_recovery_finds_the_acted_fillers(whisper):
    """Pooled over 04 and 05 and three analyses: these loops send Whisper to its fallback decode.

    05's six creaky "uh" in a row are the hardest case (Whisper writes "for" over most of them).
    """
    found = expected = 0
    for name in ("04_mfa_uhum.flac", "05_mfa_uhuh.flac"):
        clip = require_clip(name)
        pcm = decode_file(clip.path)
        transcripts = [whisper.transcribe(pcm) for _ in range(3)]
        found += sum(min(t.filler_count, clip.filler_count) for t in transcripts)
        expected += 3 * clip.filler_count
        assert all(t.filler_count <= clip.filler_count + 2 for t in transcripts)
        # Whisper times some of these at one instant; they get the sound they were said in.
        assert all(w.end_s - w.start_s > 0 for t in transcripts for w in t.words)
    assert found >= 0.8 * expected


@pytest.mark.slow
@pytest.mark.parametrize("name", ["04_mfa_uhum.flac", "05_mfa_uhuh.flac"])
def test_a_recording_that_makes_whisper_loop_gives_the_same_words_every_time(whisper, name):
    """Its fallback decode samples no more: one recording streamed and uploaded ends with the same words."""
    pcm = decode_file(require_clip(name).path)
    first, *others = [whisper.transcribe(pcm) for _ in range(3)]
    assert first.words and all(t.words == first.words for t in others)


@pytest.mark.slow
def test_a_recording_that_makes_whisper_loop_still_gives_its_words_and_fillers(whisper):
    """6.9 s of repeated 'uh' loops Whisper; the token cap ends the loop (its speed is in scripts/bench asr)."""
    clip = require_clip("05_mfa_uhuh.flac")
    pcm = decode_file(clip.path)
    for transcript in (whisper.transcribe(pcm) for _ in range(3)):
        assert "montreal" in normalise_words(transcript.text)
        assert transcript.filler_count <= clip.filler_count + 2  # not a window full of "uh"


@pytest.mark.slow
def test_filler_recovery_brings_back_fillers_the_plain_pass_drops(whisper):
    clip = require_clip("06_mfa_crossword.flac")
    pcm = decode_file(clip.path)
    assert whisper.transcribe(pcm, recover_fillers=False).filler_count == 0
    assert whisper.transcribe(pcm).filler_count == clip.filler_count


@pytest.mark.slow
@pytest.mark.parametrize("name", ["09_mfa_english_fast.wav", "19_pocketsphinx_goforward.wav"])
def test_filler_recovery_adds_nothing_on_a_clean_clip(whisper, name):
    """09 has a drawled 'but' the plain pass calls 'um'; 19 makes the prompt invent a sign-off."""
    clip = require_clip(name)
    pcm = decode_file(clip.path)
    with_recovery = whisper.transcribe(pcm)
    plain = whisper.transcribe(pcm, recover_fillers=False)
    assert with_recovery.filler_count == 0
    # Same words at the same starts; only an end may differ, where a word squeezed beside a dropped
    # 'um' is retimed into the time that 'um' held (09's drawled 'but').
    assert ([(w.text, w.start_s, w.probability) for w in with_recovery.words if not w.filler]
            == [(w.text, w.start_s, w.probability) for w in plain.words if not w.filler])


@pytest.mark.slow
def test_thread_count_setting_reaches_the_model():
    one_thread = get_transcriber("tiny.en", cpu_threads=1)
    assert one_thread.cpu_threads == 1
    assert get_transcriber("tiny.en", cpu_threads=1) is one_thread
    assert get_transcriber("tiny.en") is not one_thread


@pytest.mark.slow
def test_the_engine_loads_with_idle_threads_asleep_unless_the_user_chose_otherwise():
    """A model built in one thread and used in another cost 2-4x the CPU while the first's threads spun."""
    import os
    import subprocess
    import sys

    probe = ("from practice.speech.transcribe import get_transcriber; get_transcriber('tiny.en'); "
             "import os; print(os.environ['OMP_WAIT_POLICY'])")
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    chosen = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=extra, timeout=120)
              .stdout.strip() for extra in (env, {**env, "OMP_WAIT_POLICY": "ACTIVE"})]
    assert chosen == ["PASSIVE", "ACTIVE"]


class PassLog:
    """Stands in for the engine's passes: each takes a while, reaches the encoder after a moment (as VAD and the
    features come first) unless it hears no speech, and says when it started, encoded and ended."""

    def __init__(self, words: list[Word] | None = None) -> None:
        self.events: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.words = [Word("hello", 0.2, 0.6, 0.9), Word("there", 0.7, 1.1, 0.9)] if words is None else words

    def log(self, event: str, kind: str) -> None:
        with self.lock:
            self.events.append((event, kind))

    def __call__(self, model, pcm, *, prompt, vad, beam_size=None, fallback=True):
        kind = "filler" if prompt == transcribe.FILLER_PROMPT else "words"
        self.log("start", kind)
        time.sleep(0.1)
        if self.words:
            self.log("encoding", kind)
            model.encode(np.zeros((80, 3000), np.float32))
        time.sleep(0.2)
        self.log("end", kind)
        return list(self.words)


class Encoder:
    """The engine's encoder, routed through shared_encoder as the real model's is."""

    def encode(self, features: np.ndarray) -> float:
        return 0.0


def whisper_with_passes(monkeypatch, passes: PassLog | None = None) -> tuple[WhisperTranscriber, PassLog]:
    from practice.speech import shared_encoder

    whisper = WhisperTranscriber("tiny.en")
    whisper.model_name = "tiny.en"
    passes = passes or PassLog()
    model = Encoder()
    shared_encoder.install(model)
    monkeypatch.setattr(whisper, "load", lambda: model)
    monkeypatch.setattr(whisper, "_pass", passes)
    return whisper, passes


def test_a_one_window_recordings_filler_pass_and_sound_measures_run_beside_its_word_pass(monkeypatch):
    from tests.audio.signals import vowel_train

    whisper, passes = whisper_with_passes(monkeypatch)
    track_voice = transcribe.track_voice

    def logged_track_voice(pcm):
        with passes.lock:
            passes.events.append(("measured", "voice"))
        return track_voice(pcm)

    monkeypatch.setattr(transcribe, "track_voice", logged_track_voice)
    whisper.transcribe_both(vowel_train(seconds=12.0))
    first_words_end = passes.events.index(("end", "words"))
    assert passes.events.index(("start", "filler")) < first_words_end
    first_encoding = min(i for i, event in enumerate(passes.events) if event[0] == "encoding")
    # Praat holds the GIL: the measures wait until a pass is in the encoder, which runs without it.
    assert first_encoding < passes.events.index(("measured", "voice")) < first_words_end
    passes.events.clear()
    whisper.transcribe_both(vowel_train(seconds=12.0), recover_fillers=False)
    assert passes.events and ("start", "filler") not in passes.events


def test_a_segment_without_speech_is_not_kept_waiting_by_its_sound_measures(monkeypatch):
    from tests.audio.signals import vowel_train

    whisper, passes = whisper_with_passes(monkeypatch, PassLog(words=[]))
    words, plain = whisper.transcribe_both(vowel_train(seconds=12.0))
    assert words.words == plain.words == () and ("encoding", "words") not in passes.events
    whisper._beside.shutdown(wait=True)  # the measures started once the word pass ended, and finished


def test_a_longer_recording_waits_for_its_words_to_choose_the_filler_pass_pieces(monkeypatch):
    from tests.audio.signals import vowel_train

    whisper, passes = whisper_with_passes(monkeypatch)
    whisper.transcribe_both(vowel_train(seconds=transcribe.WINDOW_S + 5))
    assert ("start", "filler") not in passes.events[:passes.events.index(("end", "words"))]
