"""Praat's pitch track of audio that is still arriving, computed a piece at a time so Stop only adds the tail.

A whole-file track of a 5-minute answer costs about 0.85 s of CPU (10 ms steps) plus 0.4 s (20 ms steps),
all of it after Stop. Praat's frames look only 40 ms around themselves, except in two ways this keeps:
the path finder links neighbouring frames (so each piece is computed with CONTEXT_S of audio either side
and only its middle is kept), and the silence threshold is a share of the loudest peak of the whole
sound (so each piece's threshold is rescaled to the loudest peak heard so far, and the pieces are
computed again whenever a louder peak makes that more than PEAK_TOLERANCE out).
"""
from __future__ import annotations

import numpy as np
import parselmouth

from practice.audio.pitch import (PITCH_CANDIDATES, PITCH_CEILING_HZ, PITCH_FLOOR_HZ, PITCH_SILENCE_THRESHOLD,
                                  PITCH_STEP_S, PitchStats, pitch_stats)
from practice.audio.voicing import VOICE_SILENCE_THRESHOLD, VOICE_STEP_S, VoiceTrack

# Praat's autocorrelation window is 3 periods of the pitch floor: 40 ms at 75 Hz.
WINDOW_S = 3 / PITCH_FLOOR_HZ
# Audio either side of a piece that is computed and then dropped: the path finder's choices at a
# piece's edges settle within a few frames of a silence (measured on real clips: no kept frame differs).
CONTEXT_S = 0.5
# Compute once this much new audio is ready, so each piece's context stays a small share of its cost.
MIN_STEP_S = 3.0
# A louder peak than the one a piece was computed with, by more than this share, makes it stale
# (0.4 dB: only frames within 0.4 dB of the silence threshold could change).
PEAK_TOLERANCE = 0.05
# While recording, everything is computed again at most once per this much new audio, so a level that keeps
# rising costs a bounded number of whole tracks; what is still stale at the end is computed again then.
MIN_REDO_GAP_S = 30.0


class GrowingPitch:
    """F0 per frame (0 where unvoiced) on Praat's grid for the whole answer, as its audio arrives."""

    def __init__(self, rate_hz: int, *, time_step_s: float, silence_threshold: float) -> None:
        self.rate_hz = rate_hz
        self.time_step_s = time_step_s
        self.silence_threshold = silence_threshold
        self._hop = int(round(time_step_s * rate_hz))
        self._window = int(round(WINDOW_S * rate_hz))
        self._context = int(round(CONTEXT_S / time_step_s))
        self._buffer = np.zeros(0, dtype=np.float64)
        self._length = 0
        self._sum = 0.0
        self._max = 0.0
        self._min = 0.0
        self._f0_hz = np.zeros(0)  # frames computed so far, each with a peak at least _peak_used
        self._peak_used = 0.0
        self._redone_at = 0  # samples pushed when every frame was last computed again
        self.frames_computed = 0  # the work done, context included

    def push(self, samples: np.ndarray) -> None:
        """Add newly arrived samples, and compute the frames whose context has arrived (often none)."""
        self._append(np.asarray(samples, dtype=np.float64))
        ready = self._frames_in(self._length) - self._context
        if ready - len(self._f0_hz) >= MIN_STEP_S / self.time_step_s:
            self._compute_until(ready, may_redo=self._length - self._redone_at >= MIN_REDO_GAP_S * self.rate_hz)

    @property
    def samples_f64(self) -> np.ndarray:
        """Every sample pushed so far, as float64 (a view of the buffer the pieces are cut from)."""
        return self._buffer[:self._length]

    def finish(self) -> tuple[np.ndarray, np.ndarray]:
        """(times_s, f0_hz) of every frame of the audio pushed so far, as one track of it all would give."""
        self._compute_until(self._frames_in(self._length), may_redo=True)
        times_s = WINDOW_S / 2 + np.arange(len(self._f0_hz)) * self.time_step_s
        return times_s, self._f0_hz.copy()

    def _append(self, samples: np.ndarray) -> None:
        if samples.size == 0:
            return
        needed = self._length + samples.size
        if needed > self._buffer.size:
            grown = np.zeros(max(needed, 2 * self._buffer.size), dtype=np.float64)
            grown[: self._length] = self._buffer[: self._length]
            self._buffer = grown
        self._buffer[self._length:needed] = samples
        self._length = needed
        self._sum += float(samples.sum())
        self._max = max(self._max, float(samples.max()))
        self._min = min(self._min, float(samples.min()))

    def _frames_in(self, samples: int) -> int:
        return 0 if samples < self._window + 1 else (samples - self._window - 1) // self._hop + 1

    def _peak(self) -> float:
        """Praat's global peak: the largest distance from the mean."""
        mean = self._sum / self._length if self._length else 0.0
        return max(self._max - mean, mean - self._min)

    def _compute_until(self, frames: int, *, may_redo: bool) -> None:
        peak = self._peak()
        if may_redo and len(self._f0_hz) and peak > self._peak_used * (1 + PEAK_TOLERANCE):
            self._f0_hz = np.zeros(0)  # a louder peak: every frame so far again, with the new threshold
            self._redone_at = self._length
        first = len(self._f0_hz)
        if frames <= first:
            return
        self._peak_used = peak if first == 0 else min(self._peak_used, peak)
        self._f0_hz = np.concatenate([self._f0_hz, self._piece(first, frames, peak)])

    def _piece(self, first: int, end: int, peak: float) -> np.ndarray:
        """Frames [first, end), computed with up to CONTEXT_S of audio either side."""
        lo = max(0, first - self._context)
        hi = min(self._frames_in(self._length), end + self._context)
        start = lo * self._hop
        # One sample past the last frame's window, so Praat's floor() of the frame count is never one short.
        samples = self._buffer[start:start + (hi - 1 - lo) * self._hop + self._window + 1]
        self.frames_computed += hi - lo
        piece_peak = float(np.max(np.abs(samples - samples.mean()))) if samples.size else 0.0
        if piece_peak == 0.0 or peak == 0.0:
            return np.zeros(end - first)
        sound = parselmouth.Sound(samples, sampling_frequency=self.rate_hz, start_time=start / self.rate_hz)
        pitch = sound.to_pitch_ac(time_step=self.time_step_s, pitch_floor=PITCH_FLOOR_HZ,
                                  pitch_ceiling=PITCH_CEILING_HZ, max_number_of_candidates=PITCH_CANDIDATES,
                                  silence_threshold=self.silence_threshold * peak / piece_peak)
        f0_hz = np.asarray(pitch.selected_array["frequency"])
        return f0_hz[first - lo:end - lo]


class GrowingTracks:
    """Both tracks the analysis reads (voicing for the silence detector, pitch for its spread), as audio arrives."""

    def __init__(self, rate_hz: int) -> None:
        self.samples = 0
        self._voice = GrowingPitch(rate_hz, time_step_s=VOICE_STEP_S, silence_threshold=VOICE_SILENCE_THRESHOLD)
        self._pitch = GrowingPitch(rate_hz, time_step_s=PITCH_STEP_S, silence_threshold=PITCH_SILENCE_THRESHOLD)

    def push(self, samples: np.ndarray) -> None:
        self.samples += len(samples)
        self._voice.push(samples)
        self._pitch.push(samples)

    @property
    def samples_f64(self) -> np.ndarray:
        """Every sample pushed so far, as float64: the take Praat reads at Stop, without another copy of it."""
        return self._voice.samples_f64

    def finish(self) -> tuple[VoiceTrack, PitchStats]:
        """What track_voice() and measure_pitch() would say of all the audio pushed."""
        times_s, f0_hz = self._voice.finish()
        return VoiceTrack(times_s, f0_hz), pitch_stats(self._pitch.finish()[1])
