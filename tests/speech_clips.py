"""Access to the real clips in ../shared/speech, which a user's clone does not have."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from tests.audio.signals import RATE_HZ, load_pcm, silence

SPEECH_DIR = Path(os.environ.get("PRACTICE_SPEECH_DIR", Path(__file__).resolve().parents[2] / "shared" / "speech"))
MISSING_REASON = f"real speech clips not found at {SPEECH_DIR} (they live in ../shared/speech beside the project)"


@dataclass(frozen=True)
class Clip:
    path: Path
    transcript: str
    duration_s: float
    has_fillers: bool
    filler_count: int
    origin: str
    sample_rate_hz: int = 16000

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def human_reference(self) -> bool:
        """True when the transcript was written by a person, not predicted by an ASR model."""
        return "human" in self.origin or "read prompt" in self.origin


def load_clips() -> list[Clip]:
    manifest = SPEECH_DIR / "manifest.json"
    if not manifest.exists():
        return []
    return [
        Clip(
            path=SPEECH_DIR / entry["file"],
            transcript=entry["transcript"],
            duration_s=float(entry["duration_s"]),
            has_fillers=bool(entry.get("has_fillers")),
            filler_count=int(entry.get("filler_count") or 0),
            origin=entry.get("transcript_origin", ""),
            sample_rate_hz=int(entry.get("sample_rate") or 16000),
        )
        for entry in json.loads(manifest.read_text())
    ]


def require_clip(name: str) -> Clip:
    """The named clip, or skip the calling test with a clear reason."""
    for clip in load_clips():
        if clip.name == name:
            return clip
    pytest.skip(MISSING_REASON)


def clean_human_clips() -> list[Clip]:
    """Clips with a person's transcript and no acted fillers, or skip the calling test with a clear reason."""
    clips = [c for c in load_clips() if c.human_reference and not c.has_fillers]
    if not clips:
        pytest.skip(MISSING_REASON)
    return clips


def joined_clean_speech(seconds: float) -> np.ndarray:
    """The clean human clips back to back with 0.4 s gaps, cut to `seconds`: a long answer of real speech."""
    parts = []
    for clip in clean_human_clips():
        parts += [load_pcm(clip.path).samples, silence(0.4)]
    return np.concatenate(parts)[: int(seconds * RATE_HZ)]
