"""The Analysis of one recorded answer: every measure, the quality gate and the scores, as plain data."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Sequence

import numpy as np

from practice.audio import levels
from practice.audio.activity import detect_activity
from practice.audio.clarity import Clarity, ScriptDiff, compare_to_script, measure_clarity
from practice.audio.fillers import Filler, fillers_per_min, mark_fillers
from practice.audio.pace import PaceWindow, measure_pace, speech_span
from practice.audio.pauses import Pause, find_pauses, pause_stats
from practice.audio.pcm import Pcm
from practice.audio.pitch import measure_pitch
from practice.audio.quality import Quality, check_quality
from practice.audio.scoring import (SCORE_WEIGHTS, Measures, ScoreDetail, bands, describe_overall, not_scored,
                                    score_all)
from practice.audio.words import Word

__all__ = ["Analysis", "build_analysis", "SCORE_WEIGHTS", "describe_overall"]

HEADLINE_SCORES = ("pace", "pauses", "fillers", "clarity", "volume", "pitch")


@dataclass(frozen=True)
class Analysis:
    """Everything measured about one answer; to_dict() is what the API stores and serves."""

    duration_s: float
    words: tuple[Word, ...]
    rate_wpm: float | None
    articulation_rate_sps: float | None
    pace_over_time: tuple[PaceWindow, ...]
    pauses: tuple[Pause, ...]
    pauses_per_min: float | None
    longest_pause_s: float | None
    speaking_ratio: float | None
    fillers: tuple[Filler, ...]
    fillers_per_min: float | None
    level_dbfs: float | None
    peak_dbfs: float | None
    clipped_ratio: float
    snr_db: float | None
    quality: Quality
    pitch_sd_semitones: float | None
    pitch_median_hz: float | None
    clarity: Clarity
    read_accuracy: float | None
    script_diff: ScriptDiff | None
    score_details: dict[str, ScoreDetail]
    timing: dict = field(default_factory=dict)

    @property
    def transcript(self) -> str:
        return " ".join(w.text.strip() for w in self.words).strip()

    @property
    def scores(self) -> dict[str, int | None]:
        return {name: d.score for name, d in self.score_details.items()}

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: floats rounded, no inf or nan anywhere (missing measures are None)."""
        data = {
            "duration_s": self.duration_s,
            "transcript": self.transcript,
            "words": [w.to_dict() for w in self.words],
            "rate_wpm": self.rate_wpm,
            "articulation_rate_sps": self.articulation_rate_sps,
            "pace_over_time": [w.to_dict() for w in self.pace_over_time],
            "pauses": [p.to_dict() for p in self.pauses],
            "pauses_per_min": self.pauses_per_min,
            "longest_pause_s": self.longest_pause_s,
            "speaking_ratio": self.speaking_ratio,
            "fillers": [f.to_dict() for f in self.fillers],
            "fillers_per_min": self.fillers_per_min,
            "level_dbfs": self.level_dbfs,
            "peak_dbfs": self.peak_dbfs,
            "clipped_ratio": self.clipped_ratio,
            "snr_db": self.snr_db,
            "quality": self.quality.to_dict(),
            "pitch_sd_semitones": self.pitch_sd_semitones,
            "pitch_median_hz": self.pitch_median_hz,
            "clarity": self.clarity.to_dict(),
            "read_accuracy": self.read_accuracy,
            "script_diff": None if self.script_diff is None else self.script_diff.to_dict(),
            "scores": self.scores,
            "score_details": {name: d.to_dict() for name, d in self.score_details.items()},
            "score_weights": dict(SCORE_WEIGHTS),
            "overall_description": describe_overall(),
            "timing": dict(self.timing),
        }
        return json_safe(data)

    def headline(self) -> dict[str, float | None]:
        """The flat numbers progress charts plot, one row per answer."""
        scores = self.scores
        data = {
            "rate_wpm": self.rate_wpm,
            "fillers_per_min": self.fillers_per_min,
            "pauses_per_min": self.pauses_per_min,
            "longest_pause_s": self.longest_pause_s,
            "clarity": self.clarity.mean_probability,
            "read_accuracy": self.read_accuracy,
            "level_dbfs": self.level_dbfs,
            "snr_db": self.snr_db,
            "pitch_sd_semitones": self.pitch_sd_semitones,
            "overall": scores.get("overall"),
        }
        data.update({f"{name}_score": scores.get(name) for name in HEADLINE_SCORES})
        return json_safe(data)


def build_analysis(pcm: Pcm, words: Sequence[Word], *, script: str | None = None,
                   timing: dict | None = None) -> Analysis:
    """Measure, gate and score one recording from its samples and timed words (ASR already done)."""
    started_s = time.perf_counter()
    activity = detect_activity(pcm)
    found_pauses = find_pauses(pcm, activity)
    marked, fillers = mark_fillers(words, [(p.start_s, p.end_s) for p in found_pauses])
    sound_span = (activity.first_active_s, activity.last_active_s) if activity.any_sound else None
    span = speech_span(marked, activity.sounding_s()) or sound_span
    pauses = pause_stats(found_pauses, span)
    pace = measure_pace(marked, span, pauses.speaking_s)
    span_s = span[1] - span[0] if span else None
    level_dbfs = levels.active_level_dbfs(pcm, activity)
    clipped = levels.clipped_ratio(pcm)
    snr_db = levels.wada_snr_db(pcm) if level_dbfs is not None else None
    pitch = measure_pitch(pcm)
    clarity = measure_clarity(marked)
    diff = compare_to_script(script, marked) if script else None
    quality = check_quality(level_dbfs=level_dbfs, speech_s=pauses.speaking_s, word_count=pace.word_count,
                            voiced_s=pitch.voiced_s, clipped_ratio=clipped, snr_db=snr_db)
    per_min = fillers_per_min(fillers, span_s)
    if quality.ok:
        details = score_all(Measures(
            rate_wpm=pace.rate_wpm,
            longest_pause_s=pauses.longest_pause_s if span else None,
            pause_share=None if pauses.speaking_ratio is None else 1.0 - pauses.speaking_ratio,
            dead_air_count=sum(p.dead_air for p in pauses.pauses),
            fillers_per_min=per_min,
            filler_count=len(fillers),
            mean_probability=clarity.mean_probability,
            read_accuracy=diff.read_accuracy if diff else None,
            level_dbfs=level_dbfs,
            snr_db=snr_db,
            clipped_ratio=clipped,
            pitch_sd_semitones=pitch.sd_semitones,
        ))
    else:
        first = quality.problems[0]
        details = not_scored(" ".join(p.message for p in quality.problems), first.fix)
    timing = dict(timing or {})
    timing.setdefault("analysis_s", round(time.perf_counter() - started_s, 4))
    return Analysis(
        duration_s=pcm.duration_s,
        words=tuple(marked),
        rate_wpm=pace.rate_wpm,
        articulation_rate_sps=pace.articulation_rate_sps,
        pace_over_time=pace.over_time,
        pauses=pauses.pauses,
        pauses_per_min=pauses.pauses_per_min,
        longest_pause_s=pauses.longest_pause_s if span else None,
        speaking_ratio=pauses.speaking_ratio,
        fillers=tuple(fillers),
        fillers_per_min=per_min,
        level_dbfs=level_dbfs,
        peak_dbfs=levels.peak_dbfs(pcm),
        clipped_ratio=clipped,
        snr_db=snr_db,
        quality=quality,
        pitch_sd_semitones=pitch.sd_semitones,
        pitch_median_hz=pitch.median_hz,
        clarity=clarity,
        read_accuracy=diff.read_accuracy if diff else None,
        script_diff=diff,
        score_details=details,
        timing=timing,
    )


def score_bands() -> dict:
    """The band edges behind every score, for the UI (same numbers scoring uses)."""
    return bands()


def json_safe(value: Any) -> Any:
    """Plain JSON types only: numpy scalars unwrapped, floats rounded to 4 places, inf/nan -> None."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return round(number, 4) if math.isfinite(number) else None
    return value
