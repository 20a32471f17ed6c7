"""Where the recording has sound: Praat intensity frames and a speech/silence mask."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import parselmouth

from practice.audio.pcm import Pcm
from practice.audio.voicing import VoiceTrack, track_voice

FRAME_STEP_S = 0.01
# Praat's intensity window is 3.2 / minimum pitch; 100 Hz gives 32 ms, short enough to keep pause edges sharp.
INTENSITY_MIN_PITCH_HZ = 100.0
# De Jong & Wempe (2009) syllable-nuclei script: silence is 25 dB below the 99th-percentile intensity.
SILENCE_BELOW_PEAK_DB = 25.0
# In noisy rooms the noise floor rises above that line; silence is then anything within 6 dB of the floor.
SILENCE_ABOVE_FLOOR_DB = 6.0
# ...but never closer than 10 dB under the peak, so a steady sound (a held tone, a hum) counts as sounding.
MAX_THRESHOLD_BELOW_PEAK_DB = 10.0
# De Jong & Wempe: sounding stretches shorter than 50 ms (clicks) do not break a silence.
MIN_SOUNDING_S = 0.05
# Quiet speech is speech: a voiced frame this far above the floor sounds even under the peak-relative line,
# so a soft "hm" 20 dB under the speaker's words is a hesitation, not silence (dead air).
VOICED_ABOVE_FLOOR_DB = SILENCE_ABOVE_FLOOR_DB
# Praat intensity is dB re 2e-5 Pa with samples read as pascals; full scale (rms 1.0) is 93.98 dB.
PRAAT_DB_AT_FULL_SCALE = 20 * np.log10(1 / 2e-5)
# Praat writes -300 dB for frames of digital zeros.
DIGITAL_SILENCE_DB = -250.0


@dataclass(frozen=True)
class Activity:
    """Per-frame intensity (dB re full scale) and which frames hold sound rather than silence."""

    times_s: np.ndarray
    level_dbfs: np.ndarray
    active: np.ndarray
    threshold_dbfs: float | None
    duration_s: float

    @property
    def any_sound(self) -> bool:
        return bool(self.active.any())

    @property
    def first_active_s(self) -> float | None:
        idx = np.flatnonzero(self.active)
        return float(self.times_s[idx[0]] - FRAME_STEP_S / 2) if idx.size else None

    @property
    def last_active_s(self) -> float | None:
        idx = np.flatnonzero(self.active)
        return float(self.times_s[idx[-1]] + FRAME_STEP_S / 2) if idx.size else None

    def sound_s(self, start_s: float, end_s: float) -> float:
        """Seconds of sound between start_s and end_s."""
        inside = (self.times_s >= start_s) & (self.times_s < end_s)
        return float(self.active[inside].sum()) * FRAME_STEP_S

    def sound_runs(self, start_s: float, end_s: float, min_sound_s: float,
                   min_dip_s: float) -> list[tuple[float, float]]:
        """Stretches of sound at least min_sound_s long, split by dips of min_dip_s or more, inside [start_s, end_s]."""
        inside = np.flatnonzero((self.times_s >= start_s) & (self.times_s < end_s))
        if inside.size == 0:
            return []
        mask = self.active[inside].copy()
        for a, b in runs(~mask):
            if a > 0 and b < mask.size and (b - a) * FRAME_STEP_S < min_dip_s:
                mask[a:b] = True  # a dip too short to split the stretch
        times_s = self.times_s[inside]
        half_s = FRAME_STEP_S / 2
        return [(max(start_s, float(times_s[a] - half_s)), min(end_s, float(times_s[b - 1] + half_s)))
                for a, b in runs(mask) if (b - a) * FRAME_STEP_S >= min_sound_s]

    def split_at_pauses(self, max_chunk_s: float, min_pause_s: float = 0.2) -> list[tuple[float, float]]:
        """Cut points for long audio: chunks up to max_chunk_s, cut in the middle of the longest pause in each.

        Falls back to a hard cut where a stretch has no pause at all.
        """
        spans: list[tuple[float, float]] = []
        start_s = 0.0
        while self.duration_s - start_s > max_chunk_s:
            window = (self.times_s >= start_s + max_chunk_s / 2) & (self.times_s < start_s + max_chunk_s)
            quiet = [(a, b) for a, b in runs(window & ~self.active) if (b - a) * FRAME_STEP_S >= min_pause_s]
            if quiet:
                a, b = max(quiet, key=lambda r: r[1] - r[0])
                cut_s = float(self.times_s[(a + b) // 2])
            else:
                cut_s = start_s + max_chunk_s
            spans.append((start_s, cut_s))
            start_s = cut_s
        spans.append((start_s, self.duration_s))
        return [s for s in spans if s[1] - s[0] > 0.05]

    def sounding_s(self) -> list[tuple[float, float]]:
        """(start_s, end_s) of each stretch of sound, frame edges included, in order."""
        return [(float(self.times_s[a] - FRAME_STEP_S / 2), float(self.times_s[b - 1] + FRAME_STEP_S / 2))
                for a, b in runs(self.active)]


def detect_activity(pcm: Pcm, voice: VoiceTrack | None = None, *, samples_f64: np.ndarray | None = None) -> Activity:
    """Mark frames as sounding when their intensity clears a threshold set from the clip itself, or they are voiced.

    samples_f64: pcm's samples as float64 when the caller holds them already (a streamed take's tracker), so a long
    take is not copied once more for Praat (5 minutes: 38 MB of fresh memory while the last segment decodes).
    """
    empty = Activity(np.zeros(0), np.zeros(0), np.zeros(0, bool), None, pcm.duration_s)
    if pcm.duration_s < 0.1:
        return empty
    samples = pcm.samples.astype(np.float64) if samples_f64 is None else samples_f64
    sound = parselmouth.Sound(samples, sampling_frequency=pcm.rate_hz)
    intensity = sound.to_intensity(minimum_pitch=INTENSITY_MIN_PITCH_HZ, time_step=FRAME_STEP_S)
    times_s = np.asarray(intensity.xs())
    level_dbfs = np.asarray(intensity.values[0]) - PRAAT_DB_AT_FULL_SCALE
    real = level_dbfs[level_dbfs > DIGITAL_SILENCE_DB - PRAAT_DB_AT_FULL_SCALE]
    if real.size == 0:
        return Activity(times_s, level_dbfs, np.zeros(times_s.size, bool), None, pcm.duration_s)
    threshold, floor = sound_threshold_dbfs(real)
    voiced = (voice or track_voice(pcm)).voiced_at(times_s) & (level_dbfs >= floor + VOICED_ABOVE_FLOOR_DB)
    active = (level_dbfs >= threshold) | voiced
    active = _drop_short_runs(active, int(round(MIN_SOUNDING_S / FRAME_STEP_S)))
    return Activity(times_s, level_dbfs, active, threshold, pcm.duration_s)


def sound_threshold_dbfs(level_dbfs: np.ndarray) -> tuple[float, float]:
    """(threshold, floor) in dBFS from a recording's own frame levels: frames at or above the threshold sound.

    The one silence rule of the app: the analysis, the take check and the live segmenter all use it.
    """
    peak = float(np.percentile(level_dbfs, 99))
    floor = float(np.percentile(level_dbfs, 5))
    threshold = min(max(peak - SILENCE_BELOW_PEAK_DB, floor + SILENCE_ABOVE_FLOOR_DB),
                    peak - MAX_THRESHOLD_BELOW_PEAK_DB)
    return threshold, floor


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) index pairs, end exclusive, of each run of True in mask."""
    padded = np.concatenate(([False], mask.astype(bool), [False]))
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=False))


def _drop_short_runs(active: np.ndarray, min_frames: int) -> np.ndarray:
    out = active.copy()
    for start, end in runs(active):
        if end - start < min_frames:
            out[start:end] = False
    return out
