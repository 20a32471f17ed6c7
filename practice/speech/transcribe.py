"""Timed words from PCM: Whisper (faster-whisper, one model kept per process) or Sphinx as the fallback."""
from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.voicing import track_voice
from practice.audio.words import Word
from practice.speech.decode import TARGET_RATE_HZ
from practice.audio.activity import Activity, detect_activity
from practice.audio.filled_pauses import Acoustics
from practice.speech import shared_encoder
from practice.speech.filler_recovery import FILLER_PROMPT, filler_evidence_spans, merge_fillers
from practice.speech.filler_regions import decode_pieces, pieces_for
from practice.speech.omissions import insert_found, missed_stretches, shift_words
from practice.speech.retiming import retime_short_words
from practice.speech.retry import decode_with_retry
from practice.speech.sphinx import SphinxTranscriber
from practice.speech.transcript import MIN_AUDIO_S, Transcriber, Transcript, as_16k, make_word
from practice.speech.weights import DEFAULT_SPEC, ModelIntegrityError, ModelNotFoundError, resolve_model

log = logging.getLogger(__name__)

DEFAULT_CPU_THREADS = 2
# Whisper's repetition loops ("uh, uh, uh, ..." until the window's 224-token limit, then again for
# every temperature fallback) made 6.9 s of "uh" take 4-6 s. Bound the tokens a decode may write by
# the audio's length: fast English is about 4.5 words/s, ~1.3 BPE tokens per word plus punctuation
# and timestamp tokens, so about 7 tokens/s; 10 leaves headroom (6/s already cut words on real clips).
MAX_TOKENS_PER_S = 10.0
MIN_MAX_TOKENS = 16
# Whisper's own per-window default (max_length // 2); the cap never raises it.
WINDOW_MAX_TOKENS = 224
WINDOW_S = 30.0
# Whisper's temperature fallback, which audio longer than one window still gets (retry.py for the rest), samples
# when a decode loops. Seeding the sampler makes a process's results repeat run to run; a later call in the same
# process still draws fresh numbers, so one long recording analysed twice may differ on such audio.
SAMPLING_SEED = 20260301
WHISPER_TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
# CTranslate2's bundled libgomp keeps idle threads spinning. The server builds the model in its start-up
# thread and decodes in another; the spinning team of the first then ate the second's cores: one pass over
# clip 15 with base took 4.5-9.0 s of CPU instead of 2.0, and 2.0-2.1 s with idle threads asleep.
OPENMP_WAIT_POLICY = "PASSIVE"
# The engine's workers: a segment's filler-prompted decode runs on the second beside its word pass instead of
# after it, so the last segment's words are ready sooner after Stop (same CPU: 2.2-2.6 s either way on 8 s of
# a 3-minute answer). CTranslate2's workers share the model's weights.
DECODE_WORKERS = 2


def max_new_tokens(duration_s: float) -> int:
    """Tokens one decode of a window may write: ~10 per second of audio, within [16, 224].

    Whisper decodes 30 s windows, so a longer recording gets the per-window cap of a full window.
    """
    wanted = round(MAX_TOKENS_PER_S * min(duration_s, WINDOW_S))
    return max(MIN_MAX_TOKENS, min(WINDOW_MAX_TOKENS, wanted))


class WhisperTranscriber:
    """faster-whisper, int8 on CPU; the model loads once, on first use, behind a lock."""

    engine = "whisper"

    def __init__(self, spec: str = DEFAULT_SPEC, *, cpu_threads: int = DEFAULT_CPU_THREADS,
                 recover_fillers: bool = True, beam_size: int = 5, vad: bool = True) -> None:
        self.spec = spec
        self.cpu_threads = cpu_threads
        self.recover_fillers = recover_fillers
        self.beam_size = beam_size
        self.vad = vad
        self._model = None
        self._lock = threading.Lock()
        self._beside = ThreadPoolExecutor(max_workers=2 * DECODE_WORKERS, thread_name_prefix="filler-pass")
        self.load_seconds: float | None = None

    def load(self):
        """Resolve, verify and load the model (once); raises ModelIntegrityError on a bad checksum."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("OMP_WAIT_POLICY", OPENMP_WAIT_POLICY)  # read once, at the import below
                    import ctranslate2
                    import faster_whisper.transcribe as faster_whisper_transcribe
                    from faster_whisper import WhisperModel

                    started = time.perf_counter()
                    ctranslate2.set_random_seed(SAMPLING_SEED)  # read when the model's worker first samples
                    source = resolve_model(self.spec)
                    model = WhisperModel(str(source.path), device="cpu", compute_type="int8",
                                         cpu_threads=self.cpu_threads, num_workers=DECODE_WORKERS)
                    shared_encoder.install(model)
                    shared_encoder.share_speech_timestamps(faster_whisper_transcribe)
                    self.load_seconds = time.perf_counter() - started
                    self.model_name = source.name
                    self._model = model
        return self._model

    def warm_up(self) -> None:
        """A second of silence decoded, then put through VAD: the first calls set the engine and the VAD model up.

        Without VAD the silence reaches the decoder; with it, the VAD model (onnxruntime) loads, which the
        first answer paid for otherwise (about 0.1 s CPU).
        """
        silence = Pcm(np.zeros(TARGET_RATE_HZ, dtype=np.float32), TARGET_RATE_HZ)
        for vad in (False, True):
            self._pass(self.load(), silence, prompt=None, vad=vad, fallback=False)

    def transcribe(self, pcm: Pcm, *, recover_fillers: bool | None = None, prompt: str | None = None) -> Transcript:
        """Timed words; recover_fillers overrides the constructor's choice for this call.

        prompt is the text said just before this audio (a streamed answer's earlier segments), so a
        piece decoded on its own keeps the spelling and style of what came before.
        """
        recover = self.recover_fillers if recover_fillers is None else recover_fillers
        return self.transcribe_both(pcm, recover_fillers=recover, prompt=prompt)[0]

    def transcribe_both(self, pcm: Pcm, *, recover_fillers: bool = True,
                        prompt: str | None = None) -> tuple[Transcript, Transcript]:
        """(with filler recovery, without it) from one word pass, so the two differ only by recovery."""
        model = self.load()
        pcm = as_16k(pcm)
        if pcm.duration_s < MIN_AUDIO_S:
            empty = Transcript((), self.engine, self.model_name)
            return empty, empty
        # The filler pass often decodes the same windows (a short segment, or fillers all over): encode them once.
        with shared_encoder.sharing() as outputs:
            # One window: the filler pass starts now, beside the word pass, on the same encoder output. It needs
            # the word pass only to know whether its words are wanted, and a segment's user may be waiting (Stop).
            beside = (self._beside.submit(self._filler_decode_sharing, outputs, model, pcm)
                      if recover_fillers and pcm.duration_s <= WINDOW_S else None)
            sound = self._beside.submit(_sound_once_encoding, outputs, pcm, recover_fillers)
            try:
                plain = self._pass(model, pcm, prompt=prompt, vad=self.vad)
            finally:
                outputs.encoding.set()  # a pass that found no speech never encodes: the measures must not wait
            if not plain:
                empty = Transcript((), self.engine, self.model_name)
                return empty, empty
            activity, acoustics = sound.result()
            for start_s, end_s in missed_stretches(plain, activity, pcm.duration_s):
                found = self._pass(model, pcm.slice_s(start_s, end_s), prompt=prompt, vad=self.vad)
                plain = insert_found(plain, shift_words(found, start_s))
            words = plain
            if recover_fillers:
                prompted = self._prompted_pass(model, pcm, plain, acoustics, beside)
                words = list(merge_fillers(plain, prompted, pcm, acoustics))
        return self._retimed(words, activity, pcm), self._retimed(plain, activity, pcm)

    def _prompted_pass(self, model, pcm: Pcm, plain: list[Word], acoustics: Acoustics,
                       beside: Future | None) -> list[Word]:
        """The filler-prompted decode, only over the stretches where the sound could hold a filler.

        beside: that decode of the whole of a one-window recording, already started beside the word pass. Its
        encoder output is the word pass's (shared_encoder), while a clip of joined pieces would pay for a window
        of its own: a streamed segment of 10 s cost 1.05 s CPU more so.
        """
        spans = filler_evidence_spans(plain, acoustics)
        if not spans:
            return plain  # no sound outside the words: no filler could be confirmed, so none is looked for
        if beside is not None:
            return beside.result()
        pieces = pieces_for(spans, pcm.duration_s)
        if pieces is None:
            return self._filler_decode(model, pcm)
        return decode_pieces(pcm, pieces, lambda audio: self._filler_decode(model, audio))

    def _filler_decode(self, model, audio: Pcm) -> list[Word]:
        """VAD: it skips silence, where a prompt invents the most text. Greedy and without temperature fallback:
        it only has to find fillers, and fallback re-decodes are where it invents text."""
        return self._pass(model, audio, prompt=FILLER_PROMPT, vad=True, beam_size=1, fallback=False)

    def _filler_decode_sharing(self, outputs: shared_encoder.EncoderOutputs, model, audio: Pcm) -> list[Word]:
        with shared_encoder.sharing(outputs):
            return self._filler_decode(model, audio)

    def _retimed(self, words: list[Word], activity: Activity, pcm: Pcm) -> Transcript:
        """Zero-length words (stacked by Whisper's alignment) get the sound they were said in."""
        return Transcript(retime_short_words(words, activity, pcm.duration_s), self.engine, self.model_name)

    def _pass(self, model, pcm: Pcm, *, prompt: str | None, vad: bool, beam_size: int | None = None,
              fallback: bool = True) -> list[Word]:
        """Timed words of one decode; fallback: a garbled decode is tried again (retry.py; Whisper's own over 30 s)."""
        def decode(temperature: float | tuple[float, ...], no_repeat_ngram_size: int = 0) -> list:
            segments, _info = model.transcribe(
                np.asarray(pcm.samples, dtype=np.float32), language="en", word_timestamps=True,
                initial_prompt=prompt, beam_size=beam_size or self.beam_size, temperature=temperature,
                condition_on_previous_text=False, max_new_tokens=max_new_tokens(pcm.duration_s),
                no_repeat_ngram_size=no_repeat_ngram_size,
                vad_filter=vad, vad_parameters={"min_silence_duration_ms": 500, "speech_pad_ms": 300},
            )
            return list(segments)

        if not fallback:
            segments = decode(0.0)
        elif pcm.duration_s > WINDOW_S:
            segments = decode(WHISPER_TEMPERATURES)
        else:
            segments = decode_with_retry(lambda no_repeat_ngram_size: decode(0.0, no_repeat_ngram_size))
        words: list[Word] = []
        for segment in segments:
            for w in segment.words or ():
                word = make_word(w.word, w.start, w.end, w.probability)
                if word is not None:
                    words.append(word)
        return words


def _sound_once_encoding(outputs: shared_encoder.EncoderOutputs, pcm: Pcm,
                         for_fillers: bool) -> tuple[Activity, Acoustics | None]:
    """The sound measures, which need no words, beside the word pass once it is in the encoder: Praat holds the
    GIL while it measures, and started at once it held the word pass's VAD and features back (the encoder began
    0.15-0.44 s after the call instead of 0.04-0.11 s on a loaded machine), while the encoder runs without it."""
    outputs.encoding.wait()
    return _sound_of(pcm, for_fillers)


def _sound_of(pcm: Pcm, for_fillers: bool) -> tuple[Activity, Acoustics | None]:
    """Where the recording sounds, and (for filler recovery) its acoustics: both from the samples alone."""
    voice = track_voice(pcm)
    activity = detect_activity(pcm, voice)
    return activity, Acoustics.of(pcm, activity, voice) if for_fillers else None


_transcribers: dict[tuple[str, str, int], Transcriber] = {}  # (model spec, engine, cpu threads)
_transcribers_lock = threading.Lock()


def get_transcriber(spec: str = DEFAULT_SPEC, engine: str = "whisper",
                    cpu_threads: int = DEFAULT_CPU_THREADS) -> Transcriber:
    """The process-wide transcriber (one loaded model per process).

    Falls back to Sphinx, with a warning, when Whisper or its model is not installed;
    a checksum mismatch is never papered over: ModelIntegrityError propagates.
    """
    key = (engine, spec, cpu_threads)
    with _transcribers_lock:
        if key in _transcribers:
            return _transcribers[key]
        if engine == "sphinx":
            transcriber: Transcriber = SphinxTranscriber()
        elif engine == "whisper":
            whisper = WhisperTranscriber(spec, cpu_threads=cpu_threads)
            try:
                whisper.load()
                transcriber = whisper
            except ModelIntegrityError:
                raise
            except (ImportError, ModelNotFoundError, OSError, RuntimeError) as error:
                log.warning("Whisper model %r unavailable (%s); falling back to pocketsphinx", spec, error)
                transcriber = SphinxTranscriber()
        else:
            raise ValueError(f"unknown speech engine {engine!r}: use 'whisper' or 'sphinx'")
        _transcribers[key] = transcriber
        return transcriber
