"""Sub-scores 0-100 with evidence and one tip each; the single home of every band edge the UI shows."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from practice.audio.pauses import DEAD_AIR_S
from practice.audio.quality import MAX_CLIPPED_RATIO, MIN_SNR_DB

# Pace (starting points: call-center guidance 120-150 wpm comfortable, <100 slow, >160 rushed;
# conversational English ~150 wpm).
PACE_IDEAL_WPM = (125.0, 155.0)
PACE_ACCEPTABLE_WPM = (110.0, 170.0)
PACE_POINTS = ((70.0, 0.0), (110.0, 70.0), (125.0, 100.0), (155.0, 100.0), (170.0, 70.0), (220.0, 0.0))
# Pauses: dead air is flagged at 5-10 s in call-center QA; a pause under 2 s reads as thinking time
# (provisional). Share of the speech span spent silent: provisional, from fluent read speech ~20-30 %.
PAUSE_LONGEST_POINTS = ((2.0, 100.0), (DEAD_AIR_S, 40.0), (10.0, 0.0))
PAUSE_SHARE_POINTS = ((0.35, 100.0), (0.55, 40.0), (0.8, 0.0))
# Fillers: Laske & DiGennaro Reed (2024): 12/min hurt perceived effectiveness, 5/min did not.
# 100 at <= 2/min falling linearly to 40 at 12/min, same slope to 0.
FILLERS_POINTS = ((2.0, 100.0), (12.0, 40.0), (12.0 + 40.0 / 6.0, 0.0))
# Clarity: provisional, calibrated on tiny.en word probabilities for clean read speech in shared/speech.
CLARITY_PROBABILITY_POINTS = ((0.5, 0.0), (0.7, 60.0), (0.85, 100.0))
# Read accuracy (1 - WER after normalising): provisional; tiny.en alone has ~3.5 % WER on clean speech.
READ_ACCURACY_POINTS = ((0.5, 0.0), (0.8, 60.0), (0.95, 100.0))
# Volume: speech around -22 dBFS +-6 (broadcast speech levels); WADA-SNR >= 20 dB good, below
# quality.MIN_SNR_DB re-record.
LEVEL_TARGET_DBFS = (-28.0, -16.0)
LEVEL_POINTS = ((-50.0, 0.0), (-40.0, 40.0), (-28.0, 100.0), (-16.0, 100.0), (-8.0, 60.0), (-2.0, 20.0))
GOOD_SNR_DB = 20.0
SNR_POINTS = ((0.0, 0.0), (MIN_SNR_DB, 40.0), (GOOD_SNR_DB, 100.0))
QUIET_ROOM_SNR_DB = 45.0  # above this WADA-SNR is at its ceiling; just say the room was quiet
CLIPPED_CAP = 40.0
# Pitch variety: SD of F0 in semitones vs the speaker's median; below ~2 st sounds flat (unvalidated rule).
PITCH_FLAT_ST = 2.0
PITCH_POINTS = ((0.5, 10.0), (1.0, 30.0), (2.0, 70.0), (3.0, 100.0))

# Overall = weighted mean of the sub-scores that exist, weights renormalised over those present.
SCORE_WEIGHTS = {"pace": 0.20, "pauses": 0.15, "fillers": 0.20, "clarity": 0.20, "volume": 0.10, "pitch": 0.15}
SCORE_NAMES = tuple(SCORE_WEIGHTS) + ("overall",)
# What each sub-score is called on its card.
SCORE_TITLES = {"pace": "Pace", "pauses": "Pauses", "fillers": "Fillers", "clarity": "Clarity", "volume": "Volume",
                "pitch": "Pitch variety"}
LABELS = ((85, "Great"), (70, "Good"), (50, "Getting there"), (0, "Focus here"))
# Where the question has a content check, overall is this share content (what was said) and the rest
# delivery (the weighted sound scores above): an interviewer judges both (provisional even split).
CONTENT_WEIGHT = 0.5
# An answer that does not answer the question stays in "Focus here", however well it was spoken.
OFF_TOPIC_OVERALL_CAP = 49


@dataclass(frozen=True)
class ScoreDetail:
    score: int | None
    label: str
    evidence: str
    tip: str
    band: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"score": self.score, "label": self.label, "evidence": self.evidence, "tip": self.tip,
                "band": self.band}

    @classmethod
    def from_dict(cls, data: dict) -> ScoreDetail:
        return cls(data.get("score"), data.get("label", ""), data.get("evidence", ""), data.get("tip", ""),
                   dict(data.get("band") or {}))


@dataclass(frozen=True)
class Measures:
    """The numbers scoring reads; None where a measure does not exist for this recording."""

    rate_wpm: float | None = None
    longest_pause_s: float | None = None
    pause_share: float | None = None
    dead_air_count: int = 0
    fillers_per_min: float | None = None
    filler_count: int = 0
    mean_probability: float | None = None
    read_accuracy: float | None = None
    level_dbfs: float | None = None
    snr_db: float | None = None
    clipped_ratio: float = 0.0
    pitch_sd_semitones: float | None = None


def describe_overall(with_content: bool = False) -> str:
    """How the overall score is made, in words the review page can show."""
    parts = ", ".join(f"{name} {weight:.0%}" for name, weight in SCORE_WEIGHTS.items())
    if not with_content:
        return (f"Overall is the weighted average of the other scores ({parts}). "
                "If a score could not be measured, the others share its weight.")
    return (f"Overall is {CONTENT_WEIGHT:.0%} content (what you said: talking points, relevance, structure, "
            f"length) and {1 - CONTENT_WEIGHT:.0%} delivery, the weighted average of the sound scores ({parts}). "
            "If a sound score could not be measured, the others share its weight. "
            f"An answer that does not answer the question is capped at {OFF_TOPIC_OVERALL_CAP}.")


def overall_with_content(delivery: ScoreDetail, content_score: int, answers_the_question: bool,
                         content_tip: str) -> ScoreDetail:
    """Overall from delivery (the sound-only overall) and the content score; a take the quality gate
    refused stays unscored, so its stored overall is still None."""
    if delivery.score is None:
        return delivery
    score = int(round(CONTENT_WEIGHT * content_score + (1 - CONTENT_WEIGHT) * delivery.score))
    if not answers_the_question:
        score = min(score, OFF_TOPIC_OVERALL_CAP)
    tip = (f"Biggest gain next time, content: {content_tip}"
           if not answers_the_question or content_score < delivery.score else delivery.tip)
    band = {**delivery.band, "content_weight": CONTENT_WEIGHT, "off_topic_cap": OFF_TOPIC_OVERALL_CAP}
    return _detail(score, describe_overall(with_content=True), tip, band)


def bands() -> dict:
    """Every band edge, for the UI to draw targets from the same numbers scoring uses."""
    return {
        "pace": {"ideal_wpm": list(PACE_IDEAL_WPM), "acceptable_wpm": list(PACE_ACCEPTABLE_WPM),
                 "points": _pts(PACE_POINTS)},
        "pauses": {"dead_air_s": DEAD_AIR_S, "longest_points": _pts(PAUSE_LONGEST_POINTS),
                   "share_points": _pts(PAUSE_SHARE_POINTS)},
        "fillers": {"full_marks_per_min": 2.0, "hurts_per_min": 12.0, "points": _pts(FILLERS_POINTS)},
        "clarity": {"probability_points": _pts(CLARITY_PROBABILITY_POINTS),
                    "read_accuracy_points": _pts(READ_ACCURACY_POINTS)},
        "volume": {"target_dbfs": list(LEVEL_TARGET_DBFS), "good_snr_db": GOOD_SNR_DB, "rerecord_snr_db": MIN_SNR_DB,
                   "clipped_warn_ratio": MAX_CLIPPED_RATIO, "level_points": _pts(LEVEL_POINTS),
                   "snr_points": _pts(SNR_POINTS)},
        "pitch": {"flat_below_st": PITCH_FLAT_ST, "points": _pts(PITCH_POINTS)},
        "overall": {"weights": dict(SCORE_WEIGHTS)},
    }


def score_all(m: Measures) -> dict[str, ScoreDetail]:
    """One ScoreDetail per sub-score plus overall."""
    b = bands()
    details = {
        "pace": _pace(m, b["pace"]),
        "pauses": _pauses(m, b["pauses"]),
        "fillers": _fillers(m, b["fillers"]),
        "clarity": _clarity(m, b["clarity"]),
        "volume": _volume(m, b["volume"]),
        "pitch": _pitch(m, b["pitch"]),
    }
    details["overall"] = _overall(details, b["overall"])
    return details


def not_scored(reason: str, fix: str) -> dict[str, ScoreDetail]:
    """Details for a recording the quality gate refused: no numbers, the reason, and how to fix it."""
    b = bands()
    return {name: ScoreDetail(None, "Not scored", reason, fix, b[name]) for name in SCORE_NAMES}


def label_for(score: int | None) -> str:
    if score is None:
        return "Not measured"
    return next(label for floor, label in LABELS if score >= floor)


def _pts(points) -> list[list[float]]:
    return [[x, y] for x, y in points]


def _interp(value: float, points) -> int:
    xs, ys = zip(*points, strict=True)
    return int(round(float(np.interp(value, xs, ys))))


def _detail(score: int | None, evidence: str, tip: str, band: dict) -> ScoreDetail:
    return ScoreDetail(score, label_for(score), evidence, tip, band)


def _missing(what: str, band: dict) -> ScoreDetail:
    return _detail(None, f"We could not measure {what} in this recording.", "Record a longer answer next time.", band)


def _pace(m: Measures, band: dict) -> ScoreDetail:
    if m.rate_wpm is None:
        return _missing("your pace", band)
    rate = m.rate_wpm
    evidence = (f"You spoke at {rate:.0f} words per minute; "
                f"callers follow {PACE_IDEAL_WPM[0]:.0f}-{PACE_IDEAL_WPM[1]:.0f} best.")
    if rate > PACE_IDEAL_WPM[1]:
        tip = "Slow down: after each sentence, take one breath before you start the next."
    elif rate < PACE_IDEAL_WPM[0]:
        tip = "Pick up the pace a little: practise the answer twice so the words come more readily."
    else:
        tip = "Keep this pace, and slow down a touch when you give a caller numbers or names."
    return _detail(_interp(rate, PACE_POINTS), evidence, tip, band)


def _pauses(m: Measures, band: dict) -> ScoreDetail:
    if m.longest_pause_s is None or m.pause_share is None:
        return _missing("your pauses", band)
    score = min(_interp(m.longest_pause_s, PAUSE_LONGEST_POINTS), _interp(m.pause_share, PAUSE_SHARE_POINTS))
    evidence = f"Your longest pause was {m.longest_pause_s:.1f} s and {m.pause_share:.0%} of your answer was silence."
    if m.dead_air_count:
        evidence += f" {m.dead_air_count} pause(s) lasted {DEAD_AIR_S:.0f} s or more, which a caller hears as dead air."
        tip = "If you need time to think, say so: \"Let me check that for you\" fills the silence for the caller."
    elif score < 70:
        tip = "Plan your first sentence before you start, so you pause between ideas rather than within them."
    else:
        tip = "Your pauses are well placed; keep pausing briefly after key points so they land."
    return _detail(score, evidence, tip, band)


def _fillers(m: Measures, band: dict) -> ScoreDetail:
    if m.fillers_per_min is None:
        return _missing("filler words", band)
    if m.filler_count:
        evidence = (f"We heard {m.filler_count} filler{'s' if m.filler_count != 1 else ''}, "
                    f"about {m.fillers_per_min:.1f} per minute.")
    else:
        evidence = "We heard no fillers such as \"um\" or \"uh\"."
    if m.fillers_per_min > 5:
        tip = ("When you feel an \"um\" coming, close your lips and pause silently instead; "
               "a short pause sounds confident.")
    elif m.filler_count:
        tip = "Fillers are low; listen back for where they cluster, usually at the start of an answer."
    else:
        tip = "No fillers heard. Keep starting your answers with a clear first sentence."
    return _detail(_interp(m.fillers_per_min, FILLERS_POINTS), evidence, tip, band)


def _clarity(m: Measures, band: dict) -> ScoreDetail:
    if m.mean_probability is None:
        return _missing("clarity", band)
    parts = [_interp(m.mean_probability, CLARITY_PROBABILITY_POINTS)]
    evidence = f"The recogniser was on average {m.mean_probability:.0%} sure of your words."
    if m.read_accuracy is not None:
        parts.append(_interp(m.read_accuracy, READ_ACCURACY_POINTS))
        evidence += f" You read {m.read_accuracy:.0%} of the script as written."
    score = int(round(sum(parts) / len(parts)))
    if score < 70:
        tip = ("Open your mouth a little wider and finish the ends of words; "
               "the highlighted words were hardest to catch.")
    else:
        tip = "You were easy to understand; keep finishing each word clearly, especially at the ends of sentences."
    return _detail(score, evidence, tip, band)


def _volume(m: Measures, band: dict) -> ScoreDetail:
    if m.level_dbfs is None:
        return _missing("your volume", band)
    level_score = _interp(m.level_dbfs, LEVEL_POINTS)
    snr_score = _interp(m.snr_db, SNR_POINTS) if m.snr_db is not None else 100
    clipped = m.clipped_ratio > MAX_CLIPPED_RATIO
    score = min(level_score, snr_score, int(CLIPPED_CAP) if clipped else 100)
    evidence = (f"Your speech level was {m.level_dbfs:.0f} dBFS "
                f"(target {LEVEL_TARGET_DBFS[0]:.0f} to {LEVEL_TARGET_DBFS[1]:.0f})")
    if m.snr_db is None or m.snr_db >= QUIET_ROOM_SNR_DB:
        evidence += ", with almost no background noise."
    else:
        evidence += f", with background noise {m.snr_db:.0f} dB below your voice."
    if clipped:
        tip = "Your loudest moments distorted: sit a hand's width further from the microphone."
    elif m.level_dbfs < LEVEL_TARGET_DBFS[0]:
        tip = "Speak up or move closer to the microphone, about a hand's width away."
    elif m.level_dbfs > LEVEL_TARGET_DBFS[1]:
        tip = "You are a little loud for a headset; ease back from the microphone."
    elif snr_score < level_score:
        tip = "Your voice is fine but the room is noisy: record somewhere quieter, away from fans and traffic."
    else:
        tip = "Your volume is right; keep the same microphone position next time."
    return _detail(score, evidence, tip, band)


def _pitch(m: Measures, band: dict) -> ScoreDetail:
    if m.pitch_sd_semitones is None:
        return _missing("pitch variety", band)
    sd = m.pitch_sd_semitones
    evidence = f"Your pitch varied by {sd:.1f} semitones around your usual note; under {PITCH_FLAT_ST:.0f} sounds flat."
    if sd < PITCH_FLAT_ST:
        tip = "Smile while you talk and lift your voice on the words that matter, like the caller's name."
    else:
        tip = "Your voice sounds lively; keep letting it rise and fall with what you mean."
    return _detail(_interp(sd, PITCH_POINTS), evidence, tip, band)


def _overall(details: dict[str, ScoreDetail], band: dict) -> ScoreDetail:
    present = {name: d.score for name, d in details.items() if d.score is not None}
    if not present:
        return _detail(None, "Nothing could be scored.", "Record a longer answer next time.", band)
    total = sum(SCORE_WEIGHTS[n] for n in present)
    score = int(round(sum(SCORE_WEIGHTS[n] * s for n, s in present.items()) / total))
    weakest = min(present, key=present.get)
    evidence = describe_overall()
    return _detail(score, evidence, f"Biggest gain next time, {weakest}: {details[weakest].tip}", band)
