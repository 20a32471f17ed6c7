"""pocketsphinx through SpeechRecognition: the engine used when Whisper or its model is missing."""
from __future__ import annotations

import re

from practice.audio.activity import detect_activity
from practice.audio.pcm import Pcm
from practice.audio.words import Word
from practice.speech.decode import to_audio_data
from practice.speech.transcript import MIN_AUDIO_S, Transcript, as_16k, make_word

# pocketsphinx accuracy collapses on long audio (AUDIO_STACK.md): decode it in pause-cut chunks.
SPHINX_MAX_CHUNK_S = 8.0
SPHINX_MARKERS = {"<s>", "</s>", "<sil>", "[speech]", "[noise]", "<unk>"}

class SphinxTranscriber:
    """pocketsphinx through SpeechRecognition: weaker, but needs nothing beyond the wheels."""

    engine = "sphinx"
    model_name = "pocketsphinx en-US"

    def transcribe(self, pcm: Pcm, *, prompt: str | None = None) -> Transcript:
        """Timed words; Sphinx has no use for a prompt."""
        pcm = as_16k(pcm)
        words: list[Word] = []
        if pcm.duration_s >= MIN_AUDIO_S:
            activity = detect_activity(pcm)
            for start_s, end_s in activity.split_at_pauses(SPHINX_MAX_CHUNK_S):
                if activity.sound_s(start_s, end_s) >= MIN_AUDIO_S:  # Sphinx "hears" words in silence
                    words.extend(self._chunk(pcm.slice_s(start_s, end_s), start_s))
            words = [w for w in words if activity.sound_s(w.start_s, w.end_s) > 0]
        return Transcript(tuple(words), self.engine, self.model_name)

    def _chunk(self, pcm: Pcm, offset_s: float) -> list[Word]:
        import speech_recognition as sr

        decoder = sr.Recognizer().recognize_sphinx(to_audio_data(pcm), show_all=True)
        if decoder is None or decoder.hyp() is None:
            return []
        frame_rate = float(decoder.config["frate"]) if "frate" in decoder.config else 100.0
        words: list[Word] = []
        for seg in decoder.seg():
            text = re.sub(r"\(\d+\)$", "", seg.word)
            if text.lower() in SPHINX_MARKERS or text.startswith("++"):
                continue
            word = make_word(text, offset_s + seg.start_frame / frame_rate,
                             offset_s + (seg.end_frame + 1) / frame_rate, min(1.0, max(0.0, seg.prob)))
            if word is not None:
                words.append(word)
        return words
