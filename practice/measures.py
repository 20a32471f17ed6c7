"""The headline measures: one list says each number's name, unit, label, which way is better and where it comes from.

Answer.metrics, the CSV export, progress, compare, sitting averages, the score cards and the sitting page's
JavaScript all read this list, so a new measure is added here once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from practice.audio.scoring import LEVEL_TARGET_DBFS, PACE_IDEAL_WPM, PITCH_FLAT_ST, SCORE_TITLES


@dataclass(frozen=True)
class Measure:
    """One key of Answer.metrics; `band` is the target range when neither more nor less is better."""

    key: str
    title: str
    unit: str
    better: str  # "higher", "lower" or "band"
    band: tuple[float, float] | None = None
    percent: bool = False  # stored 0..1, shown 0..100 %
    same_within: float = 0.0  # changes this small are noise, not better or worse
    digits: int = 0
    source: str = ""  # dotted path into the Analysis; defaults to the key
    kind_only: bool = False  # only some kinds have it: left out of metrics when missing
    judged_by: str = ""  # the key of the sub-score that weighs all of this measure: it says better or worse

    def value_of(self, analysis: Any) -> float | None:
        """This measure read from an Analysis (attributes, or keys of a dict such as scores)."""
        value = analysis
        for part in (self.source or self.key).split("."):
            if value is None:
                return None
            value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        return value

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


PACE = Measure("rate_wpm", "Pace", "wpm", "band", PACE_IDEAL_WPM, same_within=2, judged_by="pace_score")
FILLERS = Measure("fillers_per_min", "Fillers", "per min", "lower", same_within=0.2, digits=1,
                  judged_by="fillers_score")
PAUSES = Measure("pauses_per_min", "Pauses", "per min", "lower", same_within=0.3, digits=1,
                 judged_by="pauses_score")
LONGEST_PAUSE = Measure("longest_pause_s", "Longest pause", "s", "lower", same_within=0.1, digits=1,
                        judged_by="pauses_score")
CLARITY = Measure("clarity", "Clarity", "", "higher", percent=True, same_within=1, source="clarity.mean_probability",
                  judged_by="clarity_score")
READ_ACCURACY = Measure("read_accuracy", "Read accuracy", "", "higher", percent=True, same_within=1)
QA = Measure("qa_percent", "Call checklist", "%", "higher", same_within=1, source="call_qa.score_pct",
             kind_only=True)
LEVEL = Measure("level_dbfs", "Speech level", "dBFS", "band", LEVEL_TARGET_DBFS, same_within=1,
                judged_by="volume_score")
SNR = Measure("snr_db", "Voice above noise", "dB", "higher", same_within=1)
PITCH = Measure("pitch_sd_semitones", "Pitch variety", "semitones", "higher", (PITCH_FLAT_ST, 99.0),
                same_within=0.1, digits=1, judged_by="pitch_score")
OVERALL = Measure("overall", "Overall score", "/ 100", "higher", same_within=1, source="scores.overall")
CONTENT = Measure("content_score", "Content score", "/ 100", "higher", same_within=1, source="content.score",
                  kind_only=True)
DELIVERY = Measure("delivery_score", "Delivery score", "/ 100", "higher", same_within=1, source="scores.delivery",
                   kind_only=True)
SUB_SCORES = tuple(Measure(f"{name}_score", f"{name.capitalize()} score", "/ 100", "higher", same_within=1,
                           source=f"scores.{name}") for name in SCORE_TITLES)
CHECKLIST = Measure("checklist_pct", "Introduction checklist", "%", "higher", same_within=1,
                    source="checklist.score_pct", kind_only=True)

# Every headline number, in the order of the CSV export's columns.
HEADLINE = (PACE, FILLERS, PAUSES, LONGEST_PAUSE, CLARITY, READ_ACCURACY, QA, LEVEL, SNR, PITCH, OVERALL,
            *SUB_SCORES, CHECKLIST, CONTENT, DELIVERY)
BY_KEY = {m.key: m for m in HEADLINE}
# The numbers the progress page charts.
PROGRESS_METRICS = (PACE, FILLERS, PAUSES, CLARITY, READ_ACCURACY, QA, CONTENT, OVERALL)
# Compare shows everything measured, then the sub-scores.
COMPARE_METRICS = (OVERALL, CONTENT, DELIVERY, PACE, FILLERS, PAUSES, LONGEST_PAUSE, CLARITY, READ_ACCURACY, QA,
                   LEVEL, SNR, PITCH)
# A sitting's summary averages these over its finished answers.
SITTING_AVERAGES = (OVERALL, PACE, FILLERS, LONGEST_PAUSE, READ_ACCURACY)


def headline(analysis: Any) -> dict[str, float | None]:
    """The flat numbers stored as Answer.metrics, one row per answer."""
    values = {m.key: m.value_of(analysis) for m in HEADLINE}
    return {key: value for key, value in values.items() if value is not None or not BY_KEY[key].kind_only}


def passed_quality(metrics: dict | None) -> bool:
    """Whether a stored answer passed the quality gate: one that failed it has no overall score."""
    metrics = metrics or {}
    return "overall" not in metrics or metrics["overall"] is not None
