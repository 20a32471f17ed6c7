"""Whether a recording is good enough to score; a bad mic check should not read as a bad answer."""
from __future__ import annotations

from dataclasses import dataclass

# Less speech than this cannot show pace, pauses or pitch variety.
MIN_SPEECH_S = 2.0
# Below this the recording is effectively silent (a muted or disconnected mic).
SILENT_DBFS = -60.0
# 20 dB under the -22 dBFS speech target: ASR and scores degrade, so ask for a louder take.
TOO_QUIET_DBFS = -42.0
# Warn when more than 0.1 % of samples are clipped: distortion is audible from there.
MAX_CLIPPED_RATIO = 0.001
# WADA-SNR under 10 dB means re-record (20 dB or more is good).
MIN_SNR_DB = 10.0
# Less voiced sound than this (vowels) means what was heard was not a voice.
MIN_VOICED_S = 0.3


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    fix: str

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "fix": self.fix}

    @classmethod
    def from_dict(cls, data: dict) -> Problem:
        return cls(data["code"], data["message"], data["fix"])


@dataclass(frozen=True)
class Quality:
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"ok": self.ok, "problems": [p.to_dict() for p in self.problems]}

    @classmethod
    def from_dict(cls, data: dict | None) -> Quality:
        return cls(tuple(Problem.from_dict(p) for p in (data or {}).get("problems") or ()))


def check_quality(*, level_dbfs: float | None, speech_s: float, word_count: int, voiced_s: float,
                  clipped_ratio: float, snr_db: float | None) -> Quality:
    """Every reason this recording should be re-recorded rather than scored; empty when it is fine."""
    problems: list[Problem] = []
    if level_dbfs is None or level_dbfs < SILENT_DBFS:
        problems.append(Problem("silent", "The recording is silent.",
                                "Check that the right microphone is selected and not muted, then record again."))
    elif word_count == 0 or voiced_s < MIN_VOICED_S:
        problems.append(Problem("no_speech", "We could not hear any words in this recording.",
                                "Speak close to the microphone and start talking after you press Record."))
    elif speech_s < MIN_SPEECH_S:
        problems.append(Problem("too_short", f"There is only {speech_s:.1f} s of speech; we need at least "
                                f"{MIN_SPEECH_S:.0f} s to score it.", "Answer in a few full sentences."))
    if level_dbfs is not None and SILENT_DBFS <= level_dbfs < TOO_QUIET_DBFS:
        problems.append(Problem("too_quiet", f"Your voice is very quiet ({level_dbfs:.0f} dBFS).",
                                "Move closer to the microphone or turn up its input level."))
    if clipped_ratio > MAX_CLIPPED_RATIO:
        problems.append(Problem("clipped", f"The sound is distorted: {clipped_ratio:.1%} of it hit the maximum.",
                                "Move back from the microphone a little or turn its input level down."))
    if level_dbfs is not None and snr_db is not None and snr_db < MIN_SNR_DB:
        problems.append(Problem("too_noisy", f"There is a lot of background noise (signal-to-noise {snr_db:.0f} dB).",
                                "Find a quieter room, close windows, and turn off fans or the TV."))
    return Quality(tuple(problems))
