"""Silent pauses measured from the audio itself, since ASR word gaps smear and skip silences."""
from __future__ import annotations

from dataclasses import dataclass

from practice.audio.activity import FRAME_STEP_S, Activity, detect_activity, runs
from practice.audio.pcm import Pcm

# Goldman-Eisler (1968); De Jong & Bosker (2013): 250 ms is the usual silent-pause threshold.
MIN_PAUSE_S = 0.25
# Call-center QA flags "dead air" at 5-10 s of silence; we warn at the low end.
DEAD_AIR_S = 5.0


@dataclass(frozen=True)
class Pause:
    """A silence between stretches of speech."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def dead_air(self) -> bool:
        return self.duration_s >= DEAD_AIR_S

    def to_dict(self) -> dict:
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
                "duration_s": round(self.duration_s, 3), "dead_air": self.dead_air}

    @classmethod
    def from_dict(cls, data: dict) -> Pause:
        return cls(data["start_s"], data["end_s"])


@dataclass(frozen=True)
class PauseStats:
    """Pauses inside the speech span, and how much of that span was speaking."""

    pauses: tuple[Pause, ...]
    span_start_s: float | None
    span_end_s: float | None
    pauses_per_min: float | None
    longest_pause_s: float
    speaking_s: float
    speaking_ratio: float | None


def find_pauses(pcm: Pcm, activity: Activity | None = None) -> list[Pause]:
    """Silences of at least MIN_PAUSE_S between the first and last sounding frame."""
    activity = activity or detect_activity(pcm)
    if not activity.any_sound:
        return []
    silent = ~activity.active
    pauses = []
    for start, end in runs(silent):
        if start == 0 or end == silent.size:
            continue  # lead-in and trailing silence are not pauses in speech
        start_s = float(activity.times_s[start] - FRAME_STEP_S / 2)
        end_s = float(activity.times_s[end - 1] + FRAME_STEP_S / 2)
        if end_s - start_s >= MIN_PAUSE_S:
            pauses.append(Pause(start_s, end_s))
    return pauses


def pause_stats(pauses: list[Pause], span: tuple[float, float] | None) -> PauseStats:
    """Rates over the speech span (first to last word or sound), so lead-in silence does not count."""
    if span is None or span[1] <= span[0]:
        return PauseStats(tuple(pauses), None, None, None, max((p.duration_s for p in pauses), default=0.0), 0.0, None)
    start_s, end_s = span
    inside = tuple(p for p in pauses if p.start_s < end_s and p.end_s > start_s)
    paused_s = sum(min(p.end_s, end_s) - max(p.start_s, start_s) for p in inside)
    span_s = end_s - start_s
    speaking_s = max(0.0, span_s - paused_s)
    return PauseStats(
        pauses=inside,
        span_start_s=start_s,
        span_end_s=end_s,
        pauses_per_min=len(inside) / (span_s / 60),
        longest_pause_s=max((p.duration_s for p in inside), default=0.0),
        speaking_s=speaking_s,
        speaking_ratio=speaking_s / span_s,
    )
