"""Is there an answer in this take at all? Checked from the sound alone, before anything is stored or transcribed.

A take with no voice, or with too little of it to score, is not worth keeping as an answer:
it would only fill the lists with identical "the recording is silent" cards. The check needs
no ASR, so the upload path and the streaming path can both run it as soon as Stop arrives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from practice.audio.activity import Activity, detect_activity
from practice.audio.pauses import MIN_PAUSE_S
from practice.audio.pcm import Pcm
from practice.audio.quality import MIN_SPEECH_S, SILENT_DBFS
from practice.audio.voicing import VoiceTrack, track_voice

# A sounding stretch counts as speech when at least this much of it is voiced (a vowel or a nasal);
# breaths, clicks, fans and hiss are unvoiced. Praat's shortest voiced stretch is about 2 periods.
MIN_VOICED_IN_STRETCH_S = 0.05


@dataclass(frozen=True)
class TakeCheck:
    """Whether a take holds enough speech to be kept as an answer, and if not, what to tell the speaker."""

    speech_s: float
    code: str | None
    message: str | None
    # Where the take sounds, as measured for the check: the analysis of a kept take starts from it.
    activity: Activity | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.code is None


def speech_seconds(pcm: Pcm, activity: Activity | None = None, voice: VoiceTrack | None = None) -> float:
    """Seconds of voiced stretches and the gaps under a pause between them: what a listener calls speaking."""
    voice = voice or track_voice(pcm)
    activity = activity or detect_activity(pcm, voice)
    if not activity.any_sound:
        return 0.0
    voiced = voice.voiced_at(activity.times_s)
    total_s = 0.0
    previous_end_s = None
    for start_s, end_s in activity.sounding_s():
        inside = (activity.times_s >= start_s) & (activity.times_s <= end_s)
        if voiced[inside].sum() * _step_s(activity) < MIN_VOICED_IN_STRETCH_S:
            continue
        if previous_end_s is not None and start_s - previous_end_s < MIN_PAUSE_S:
            total_s += start_s - previous_end_s  # a stop closure or a breath inside a phrase is speaking
        total_s += end_s - start_s
        previous_end_s = end_s
    return total_s


def check_take(pcm: Pcm, voice: VoiceTrack | None = None, *, samples_f64: np.ndarray | None = None) -> TakeCheck:
    """Refuse a take with no speech or under MIN_SPEECH_S of it, saying why in plain words.

    voice: the take's voicing when it is already known (a streamed take tracks it as the audio arrives), and
    samples_f64 the samples it was tracked from, as float64 (see detect_activity).
    """
    voice = voice or track_voice(pcm)  # Praat's pitch, the costly part: measured once for both questions
    activity = detect_activity(pcm, voice, samples_f64=samples_f64)
    loudest_dbfs = float(activity.level_dbfs.max()) if activity.level_dbfs.size else None
    if loudest_dbfs is None or loudest_dbfs < SILENT_DBFS or not activity.any_sound:
        return TakeCheck(0.0, "silent", "The recording is silent, so it was not saved. Check that the right "
                         "microphone is selected and not muted, then record your answer again.")
    speech_s = speech_seconds(pcm, activity, voice)
    if speech_s == 0.0:
        return TakeCheck(0.0, "no_speech", "We heard sound but no voice, so the take was not saved. Speak "
                         "close to the microphone after you press Record, then record again.")
    if speech_s < MIN_SPEECH_S:
        return TakeCheck(speech_s, "too_short", f"We heard only {speech_s:.1f} s of speech, so the take was "
                         f"not saved: at least {MIN_SPEECH_S:.0f} s are needed to score it. Answer in a few "
                         "full sentences and record again.")
    return TakeCheck(speech_s, None, None, activity)


def _step_s(activity: Activity) -> float:
    return float(activity.times_s[1] - activity.times_s[0]) if activity.times_s.size > 1 else 0.01
