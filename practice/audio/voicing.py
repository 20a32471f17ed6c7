"""Where the vocal folds vibrate (Praat pitch): a soft "hm" is voice, a loud fan is not."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import parselmouth

from practice.audio.pcm import Pcm
from practice.audio.pitch import PITCH_CANDIDATES, PITCH_CEILING_HZ, PITCH_FLOOR_HZ

# 100 frames a second, the same grid as the intensity frames in activity.py.
VOICE_STEP_S = 0.01
# Praat calls a frame silent below 0.03 of the loudest peak (-30 dB), which mutes a soft "hm" 20-25 dB under
# loud words; 0.01 (-40 dB) keeps those voiced while room noise stays unvoiced (it has no period).
VOICE_SILENCE_THRESHOLD = 0.01


@dataclass(frozen=True)
class VoiceTrack:
    """F0 per frame (0 where unvoiced) on a regular time grid."""

    times_s: np.ndarray
    f0_hz: np.ndarray

    def voiced_at(self, times_s: np.ndarray) -> np.ndarray:
        """Voicing of the nearest track frame for each time (False outside the track)."""
        if self.times_s.size == 0:
            return np.zeros(len(times_s), bool)
        idx = np.clip(np.round((np.asarray(times_s) - self.times_s[0]) / VOICE_STEP_S).astype(int),
                      0, self.times_s.size - 1)
        near = np.abs(self.times_s[idx] - times_s) <= VOICE_STEP_S
        return (self.f0_hz[idx] > 0) & near


def track_voice(pcm: Pcm) -> VoiceTrack:
    """Praat's autocorrelation pitch with the settings pitch.py uses, at 10 ms steps."""
    if pcm.duration_s < 0.1 or not np.any(pcm.samples):
        return VoiceTrack(np.zeros(0), np.zeros(0))
    sound = parselmouth.Sound(pcm.samples.astype(np.float64), sampling_frequency=pcm.rate_hz)
    pitch = sound.to_pitch_ac(time_step=VOICE_STEP_S, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ,
                              max_number_of_candidates=PITCH_CANDIDATES, silence_threshold=VOICE_SILENCE_THRESHOLD)
    return VoiceTrack(np.asarray(pitch.xs()), np.asarray(pitch.selected_array["frequency"]))


def voiced_mask(pcm: Pcm, times_s: np.ndarray) -> np.ndarray:
    """True for each time where Praat hears a voice."""
    return track_voice(pcm).voiced_at(times_s)
