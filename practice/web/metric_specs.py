"""What each headline number means to a person: title, unit, and which way is better."""
from __future__ import annotations

from dataclasses import dataclass

from practice.audio.scoring import LEVEL_TARGET_DBFS, PACE_IDEAL_WPM, PITCH_FLAT_ST


@dataclass(frozen=True)
class MetricSpec:
    """One key of Answer.metrics; `band` is the target range when neither more nor less is better."""

    key: str
    title: str
    unit: str
    better: str  # "higher", "lower" or "band"
    band: tuple[float, float] | None = None
    percent: bool = False  # stored 0..1, shown 0..100 %
    same_within: float = 0.0  # changes this small are noise, not better or worse
    digits: int = 0

    def display(self, value: float | None) -> float | None:
        if value is None:
            return None
        return value * 100 if self.percent else value

    def format(self, value: float | None) -> str:
        shown = self.display(value)
        if shown is None:
            return "—"
        return f"{shown:.{self.digits}f}{self.unit_suffix}"

    @property
    def unit_suffix(self) -> str:
        if self.percent or self.unit == "%":
            return "%"
        return f" {self.unit}" if self.unit else ""

    @property
    def bounds(self) -> tuple[float, float] | None:
        """Axis limits for numbers that cannot leave 0-100."""
        return (0.0, 100.0) if self.percent or self.unit in ("%", "/ 100") else None

    def verdict(self, before: float | None, after: float | None) -> str:
        """'better', 'worse' or 'same' for a change from `before` to `after`."""
        if before is None or after is None:
            return "same"
        if self.better == "band":
            before, after = -self._outside_band(before), -self._outside_band(after)
        elif self.better == "lower":
            before, after = -before, -after
        if abs(self.display(after) - self.display(before)) <= self.same_within:
            return "same"
        return "better" if after > before else "worse"

    def change_label(self, before: float | None, after: float | None) -> str:
        """The words for a change: better/worse, or why it counts as no change."""
        verdict = self.verdict(before, after)
        if verdict != "same":
            return "▲ better" if verdict == "better" else "▼ worse"
        if self.better == "band" and before is not None and after is not None \
                and self._outside_band(before) == 0 == self._outside_band(after):
            return "both on target"
        return "no change"

    def score(self, value: float) -> float:
        """Bigger is better, for picking personal bests."""
        if self.better == "band":
            return -self._outside_band(value)
        return value if self.better == "higher" else -value

    def _outside_band(self, value: float) -> float:
        low, high = self.band or (value, value)
        return max(low - value, 0.0, value - high)


PACE = MetricSpec("rate_wpm", "Pace", "wpm", "band", PACE_IDEAL_WPM, same_within=2)
FILLERS = MetricSpec("fillers_per_min", "Fillers", "per min", "lower", same_within=0.2, digits=1)
PAUSES = MetricSpec("pauses_per_min", "Pauses", "per min", "lower", same_within=0.3, digits=1)
LONGEST_PAUSE = MetricSpec("longest_pause_s", "Longest pause", "s", "lower", same_within=0.1, digits=1)
CLARITY = MetricSpec("clarity", "Clarity", "", "higher", percent=True, same_within=1)
READ_ACCURACY = MetricSpec("read_accuracy", "Read accuracy", "", "higher", percent=True, same_within=1)
QA = MetricSpec("qa_percent", "Call checklist", "%", "higher", same_within=1)
OVERALL = MetricSpec("overall", "Overall score", "/ 100", "higher", same_within=1)
LEVEL = MetricSpec("level_dbfs", "Speech level", "dBFS", "band", LEVEL_TARGET_DBFS, same_within=1)
SNR = MetricSpec("snr_db", "Voice above noise", "dB", "higher", same_within=1)
PITCH = MetricSpec("pitch_sd_semitones", "Pitch variety", "semitones", "higher", (PITCH_FLAT_ST, 99.0),
                   same_within=0.1, digits=1)

# The numbers the progress page charts, in the order the issue lists them.
PROGRESS_METRICS = (PACE, FILLERS, PAUSES, CLARITY, READ_ACCURACY, QA, OVERALL)
# Compare shows everything measured, then the sub-scores.
COMPARE_METRICS = (OVERALL, PACE, FILLERS, PAUSES, LONGEST_PAUSE, CLARITY, READ_ACCURACY, QA, LEVEL, SNR, PITCH)
SUB_SCORES = tuple(MetricSpec(f"{name}_score", f"{name.capitalize()} score", "/ 100", "higher", same_within=1)
                   for name in ("pace", "pauses", "fillers", "clarity", "volume", "pitch"))
