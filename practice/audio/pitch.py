"""How much the voice moves in pitch; a narrow range sounds flat and bored on the phone."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import parselmouth

from practice.audio.pcm import Pcm

# Praat's recommended range for mixed adult voices (Boersma & Weenink, Praat manual "Pitch settings").
PITCH_FLOOR_HZ = 75.0
PITCH_CEILING_HZ = 500.0
# 50 frames a second is plenty for a spread statistic, and halves Praat's time (60 s: ~0.25 s, not ~0.5 s).
PITCH_STEP_S = 0.02
# Praat's path finder cost grows with candidates squared; 5 instead of 15 changed SD < 0.01 st on real speech.
PITCH_CANDIDATES = 5
# Praat's default: a frame under 3 % of the loudest peak is silent.
PITCH_SILENCE_THRESHOLD = 0.03
# Less voiced speech than this cannot give a meaningful spread.
MIN_VOICED_S = 0.3
# Frames more than an octave from the median are almost always octave errors of the tracker.
MAX_DEVIATION_ST = 12.0


@dataclass(frozen=True)
class PitchStats:
    """Spread of F0 around the speaker's own median, in semitones."""

    sd_semitones: float | None
    median_hz: float | None
    voiced_s: float


def measure_pitch(pcm: Pcm) -> PitchStats:
    """Praat autocorrelation pitch; SD of 12*log2(F0/median) over voiced frames."""
    if pcm.duration_s < 0.1 or not np.any(pcm.samples):
        return PitchStats(None, None, 0.0)
    sound = parselmouth.Sound(pcm.samples.astype(np.float64), sampling_frequency=pcm.rate_hz)
    pitch = sound.to_pitch_ac(time_step=PITCH_STEP_S, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ,
                              max_number_of_candidates=PITCH_CANDIDATES, silence_threshold=PITCH_SILENCE_THRESHOLD)
    return pitch_stats(pitch.selected_array["frequency"])


def pitch_stats(f0_hz: np.ndarray) -> PitchStats:
    """The spread of a PITCH_STEP_S track (0 where unvoiced), however it was computed."""
    f0_hz = np.asarray(f0_hz)
    f0_hz = f0_hz[f0_hz > 0]
    voiced_s = f0_hz.size * PITCH_STEP_S
    if voiced_s < MIN_VOICED_S:
        return PitchStats(None, None, voiced_s)
    median_hz = float(np.median(f0_hz))
    semitones = 12 * np.log2(f0_hz / median_hz)
    semitones = semitones[np.abs(semitones) <= MAX_DEVIATION_ST]
    return PitchStats(float(np.std(semitones)), median_hz, voiced_s)
