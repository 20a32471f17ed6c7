"""What one recording says: every measure, the quality gate and the scores, as plain data."""
from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from practice.audio import levels
from practice.audio.activity import Activity, detect_activity
from practice.audio.clarity import Clarity, ScriptDiff, compare_to_script, measure_clarity
from practice.audio.fillers import Filler, fillers_per_min, mark_fillers
from practice.audio.pace import PaceWindow, measure_pace, speech_span
from practice.audio.pauses import Pause, find_pauses, pause_stats
from practice.audio.pcm import Pcm
from practice.audio.pitch import PitchStats, measure_pitch
from practice.audio.quality import Quality, check_quality
from practice.audio.scoring import SCORE_WEIGHTS, Measures, ScoreDetail, describe_overall, not_scored, score_all
from practice.audio.words import Word

__all__ = ["AudioAnalysis", "build_analysis", "assemble_analysis", "SCORE_WEIGHTS", "describe_overall"]


@dataclass(frozen=True)
class AudioAnalysis:
    """Everything measured in one recording; practice.analysis.Analysis adds the kind's own results."""

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
        return json_safe(self._fields_dict())

    def _fields_dict(self) -> dict[str, Any]:
        return {
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

    @classmethod
    def _fields_from(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Constructor arguments from a stored dict; keys an older layout lacks read as missing."""
        read_accuracy = data.get("read_accuracy")
        script_diff = data.get("script_diff")
        return {
            "duration_s": data.get("duration_s") or 0.0,
            "words": tuple(Word.from_dict(w) for w in data.get("words") or ()),
            "rate_wpm": data.get("rate_wpm"),
            "articulation_rate_sps": data.get("articulation_rate_sps"),
            "pace_over_time": tuple(PaceWindow.from_dict(w) for w in data.get("pace_over_time") or ()),
            "pauses": tuple(Pause.from_dict(p) for p in data.get("pauses") or ()),
            "pauses_per_min": data.get("pauses_per_min"),
            "longest_pause_s": data.get("longest_pause_s"),
            "speaking_ratio": data.get("speaking_ratio"),
            "fillers": tuple(Filler.from_dict(f) for f in data.get("fillers") or ()),
            "fillers_per_min": data.get("fillers_per_min"),
            "level_dbfs": data.get("level_dbfs"),
            "peak_dbfs": data.get("peak_dbfs"),
            "clipped_ratio": data.get("clipped_ratio") or 0.0,
            "snr_db": data.get("snr_db"),
            "quality": Quality.from_dict(data.get("quality")),
            "pitch_sd_semitones": data.get("pitch_sd_semitones"),
            "pitch_median_hz": data.get("pitch_median_hz"),
            "clarity": Clarity.from_dict(data.get("clarity")),
            "read_accuracy": read_accuracy,
            "script_diff": None if script_diff is None else ScriptDiff.from_dict(script_diff, read_accuracy or 0.0),
            "score_details": {name: ScoreDetail.from_dict(d) for name, d in (data.get("score_details") or {}).items()},
            "timing": dict(data.get("timing") or {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AudioAnalysis:
        return cls(**cls._fields_from(data))



@dataclass(frozen=True)
class Signal:
    """What the samples say apart from the words: silences, stretches of sound, levels and pitch."""

    duration_s: float
    pauses: tuple[Pause, ...]
    sounding_s: tuple[tuple[float, float], ...]
    sound_span: tuple[float, float] | None
    level_dbfs: float | None
    peak_dbfs: float | None
    clipped_ratio: float
    snr_db: float | None
    pitch: PitchStats

    @classmethod
    def described(cls, *, duration_s: float, sound_span: tuple[float, float],
                  pauses: Sequence[tuple[float, float]] = (), level_dbfs: float = -22.0, snr_db: float = 30.0,
                  pitch_sd_semitones: float | None = 3.0, pitch_median_hz: float = 180.0,
                  clipped_ratio: float = 0.0) -> Signal:
        """A signal given by its numbers instead of measured from samples: for demo data and tests.

        Sound runs from sound_span's start to its end except in the pauses; half of it is voiced.
        """
        found = tuple(Pause(start_s, end_s) for start_s, end_s in sorted(pauses))
        edges = [sound_span[0], *(t for p in found for t in (p.start_s, p.end_s)), sound_span[1]]
        sounding = tuple((lo, hi) for lo, hi in zip(edges[::2], edges[1::2], strict=True) if hi > lo)
        voiced_s = sum(hi - lo for lo, hi in sounding) / 2
        return cls(duration_s=duration_s, pauses=found, sounding_s=sounding, sound_span=sound_span,
                   level_dbfs=level_dbfs, peak_dbfs=level_dbfs + 12.0, clipped_ratio=clipped_ratio, snr_db=snr_db,
                   pitch=PitchStats(pitch_sd_semitones, pitch_median_hz, voiced_s))


def measure_signal(pcm: Pcm, activity: Activity | None = None, pitch: PitchStats | None = None) -> Signal:
    activity = activity or detect_activity(pcm)
    level_dbfs = levels.active_level_dbfs(pcm, activity)
    return Signal(
        duration_s=pcm.duration_s,
        pauses=tuple(find_pauses(pcm, activity)),
        sounding_s=tuple(activity.sounding_s()),
        sound_span=(activity.first_active_s, activity.last_active_s) if activity.any_sound else None,
        level_dbfs=level_dbfs,
        peak_dbfs=levels.peak_dbfs(pcm),
        clipped_ratio=levels.clipped_ratio(pcm),
        snr_db=levels.wada_snr_db(pcm) if level_dbfs is not None else None,
        pitch=pitch if pitch is not None else measure_pitch(pcm),
    )


def build_analysis(pcm: Pcm, words: Sequence[Word], *, script: str | None = None,
                   timing: dict | None = None, signal: Signal | None = None) -> AudioAnalysis:
    """Measure, gate and score one recording from its samples and timed words (ASR already done).

    signal: what the samples say apart from the words, when the caller measured it already (a streamed
    take, at Stop, while its last segment was still decoding).
    """
    started_s = time.perf_counter()
    analysis = assemble_analysis(signal or measure_signal(pcm), words, script=script, timing=timing)
    if "analysis_s" in analysis.timing:
        return analysis
    return replace(analysis, timing={**analysis.timing, "analysis_s": round(time.perf_counter() - started_s, 4)})


def assemble_analysis(signal: Signal, words: Sequence[Word], *, script: str | None = None,
                      timing: dict | None = None) -> AudioAnalysis:
    """Fillers, pace, pauses, clarity, the quality gate and the scores from a measured signal and its words.

    The one place the analysis is put together: recordings reach it through build_analysis, demo data
    and tests through a Signal they describe.
    """
    found_pauses = list(signal.pauses)
    marked, fillers = mark_fillers(words, [(p.start_s, p.end_s) for p in found_pauses])
    span = speech_span(marked, signal.sounding_s) or signal.sound_span
    pauses = pause_stats(found_pauses, span)
    pace = measure_pace(marked, span, pauses.speaking_s)
    span_s = span[1] - span[0] if span else None
    pitch = signal.pitch
    clarity = measure_clarity(marked)
    diff = compare_to_script(script, marked) if script else None
    quality = check_quality(level_dbfs=signal.level_dbfs, speech_s=pauses.speaking_s, word_count=pace.word_count,
                            voiced_s=pitch.voiced_s, clipped_ratio=signal.clipped_ratio, snr_db=signal.snr_db)
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
            level_dbfs=signal.level_dbfs,
            snr_db=signal.snr_db,
            clipped_ratio=signal.clipped_ratio,
            pitch_sd_semitones=pitch.sd_semitones,
        ))
    else:
        first = quality.problems[0]
        details = not_scored(" ".join(p.message for p in quality.problems), first.fix)
    return AudioAnalysis(
        duration_s=signal.duration_s,
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
        level_dbfs=signal.level_dbfs,
        peak_dbfs=signal.peak_dbfs,
        clipped_ratio=signal.clipped_ratio,
        snr_db=signal.snr_db,
        quality=quality,
        pitch_sd_semitones=pitch.sd_semitones,
        pitch_median_hz=pitch.median_hz,
        clarity=clarity,
        read_accuracy=diff.read_accuracy if diff else None,
        script_diff=diff,
        score_details=details,
        timing=dict(timing or {}),
    )


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
