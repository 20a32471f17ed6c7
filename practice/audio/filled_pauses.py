"""Filled pauses heard in the sound: voiced, steady stretches (um, uh, hm) that no word accounts for.

A filled pause is a held vowel or nasal: the voice keeps going, but pitch and formants barely
move, for about 150-1000 ms (Shriberg 1994; Clark & Fox Tree 2002). Words move: their
formants glide between sounds. Breaths and hiss are unvoiced, laughter jumps in pitch and
pulses, and a drawled word carries on from the word without a break.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Sequence

import numpy as np
import parselmouth
from numpy.lib.stride_tricks import sliding_window_view
from parselmouth.praat import call

from practice.audio.activity import Activity, detect_activity, runs
from practice.audio.pcm import Pcm
from practice.audio.voicing import VOICE_STEP_S, VoiceTrack, track_voice
from practice.audio.words import Word

# Filled pauses last about 150-1000 ms in conversational English (Shriberg 1994); acted ones run longer.
MIN_FILLED_S = 0.15
MAX_FILLED_S = 1.6
# Steadiness over a 150 ms window: F0 within 1 semitone (SD) and F1/F2 within 10-12 % (coefficient of
# variation). On the shared acted clips real um/uh held F0 SD 0.2-0.6 st and F1/F2 CV under 5 %.
STEADY_WINDOW_S = 0.15
MAX_F0_SD_ST = 1.0
MAX_F1_CV = 0.12
MAX_F2_CV = 0.10
# Praat formant settings for a mixed adult voice (Praat manual "Sound: To Formant (burg)").
MAX_FORMANT_HZ = 5500.0
FORMANT_WINDOW_S = 0.025
# A filled pause is said at speaking level: not quieter than this under the median sounding frame.
MAX_BELOW_SPEECH_DB = 25.0


@dataclass(frozen=True)
class SteadyStretch:
    """A voiced stretch whose pitch and formants hold still."""

    start_s: float
    end_s: float
    f0_sd_semitones: float
    level_dbfs: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def middle_s(self) -> float:
        return (self.start_s + self.end_s) / 2


@dataclass(frozen=True)
class Acoustics:
    """The frame tracks a filled-pause search needs, measured once per recording."""

    times_s: np.ndarray
    f0_hz: np.ndarray
    f1_hz: np.ndarray
    f2_hz: np.ndarray
    level_dbfs: np.ndarray
    sounding: np.ndarray
    speech_level_dbfs: float | None

    @classmethod
    def of(cls, pcm: Pcm, activity: Activity | None = None, voice: VoiceTrack | None = None) -> Acoustics:
        activity = activity or detect_activity(pcm)
        voice = voice or track_voice(pcm)
        times_s = voice.times_s
        if times_s.size == 0:
            empty = np.zeros(0)
            return cls(empty, empty, empty, empty, empty, np.zeros(0, bool), None)
        sound = parselmouth.Sound(pcm.samples.astype(np.float64), sampling_frequency=pcm.rate_hz)
        formant = sound.to_formant_burg(time_step=VOICE_STEP_S, maximum_formant=MAX_FORMANT_HZ,
                                        window_length=FORMANT_WINDOW_S)
        f1 = _on_grid(formant, 1, times_s)
        f2 = _on_grid(formant, 2, times_s)
        if activity.times_s.size:
            level = np.interp(times_s, activity.times_s, activity.level_dbfs)
            sounding = np.interp(times_s, activity.times_s, activity.active.astype(float)) >= 0.5
        else:
            level, sounding = np.full(times_s.size, -120.0), np.zeros(times_s.size, bool)
        sounding_dbfs = activity.level_dbfs[activity.active]
        speech = float(np.median(sounding_dbfs)) if sounding_dbfs.size else None
        return cls(times_s, voice.f0_hz, np.nan_to_num(f1), np.nan_to_num(f2), level, sounding, speech)


def steady_stretches(acoustics: Acoustics) -> list[SteadyStretch]:
    """Every stretch of at least MIN_FILLED_S where voice, pitch and formants hold still."""
    a = acoustics
    n = a.times_s.size
    window = int(round(STEADY_WINDOW_S / VOICE_STEP_S))
    if n < window or a.speech_level_dbfs is None:
        return []
    voiced = (a.f0_hz > 0) & (a.f1_hz > 0) & (a.f2_hz > 0)
    semitones = 12 * np.log2(np.where(voiced, a.f0_hz, 1.0))
    windows_ok = (voiced_windows := sliding_window_view(voiced, window).all(axis=1))
    windows_ok &= sliding_window_view(semitones, window).std(axis=1) <= MAX_F0_SD_ST
    for track, limit in ((a.f1_hz, MAX_F1_CV), (a.f2_hz, MAX_F2_CV)):
        view = sliding_window_view(track, window)
        mean = view.mean(axis=1)
        windows_ok &= view.std(axis=1) <= limit * np.where(mean > 0, mean, np.inf)
    windows_ok &= voiced_windows
    steady = np.zeros(n, bool)
    for i in np.flatnonzero(windows_ok):
        steady[i:i + window] = True
    stretches = []
    for start, end in runs(steady):
        start_s = float(a.times_s[start] - VOICE_STEP_S / 2)
        end_s = float(a.times_s[end - 1] + VOICE_STEP_S / 2)
        level = float(np.median(a.level_dbfs[start:end]))
        if end_s - start_s < MIN_FILLED_S or level < a.speech_level_dbfs - MAX_BELOW_SPEECH_DB:
            continue
        f0 = a.f0_hz[start:end]
        stretches.append(SteadyStretch(start_s, min(end_s, start_s + MAX_FILLED_S),
                                       float(np.std(12 * np.log2(f0 / np.median(f0)))), level))
    return stretches


def unclaimed_share(stretch: SteadyStretch, words: Sequence[Word]) -> float:
    """How much of the stretch no non-filler word's time covers (0 to 1)."""
    covered = 0.0
    for w in words:
        if w.filler:
            continue
        covered += max(0.0, min(stretch.end_s, w.end_s) - max(stretch.start_s, w.start_s))
    return max(0.0, 1.0 - covered / stretch.duration_s)


def _on_grid(formant, number: int, times_s: np.ndarray) -> np.ndarray:
    """Formant `number` in Hz at each time (0 where Praat found none), read as one matrix, not frame by frame."""
    matrix = call(formant, "To Matrix", number)
    values = np.nan_to_num(np.asarray(matrix.values)[0])
    xs = np.asarray(matrix.xs())
    if xs.size == 0:
        return np.zeros(times_s.size)
    idx = np.clip(np.round((times_s - xs[0]) / VOICE_STEP_S).astype(int), 0, xs.size - 1)
    return values[idx]
