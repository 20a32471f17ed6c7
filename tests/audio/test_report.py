import json

import numpy as np
import pytest

from practice.audio import report
from practice.audio.pcm import Pcm
from practice.audio.report import SCORE_WEIGHTS, AudioAnalysis, build_analysis, describe_overall
from practice.audio.words import Word
from tests.audio.signals import RATE_HZ, silence

REQUIRED_KEYS = {
    "duration_s", "transcript", "words", "rate_wpm", "articulation_rate_sps", "pace_over_time", "pauses",
    "pauses_per_min", "longest_pause_s", "speaking_ratio", "fillers", "fillers_per_min", "level_dbfs",
    "clipped_ratio", "snr_db", "quality", "pitch_sd_semitones", "clarity", "read_accuracy", "script_diff",
    "scores", "score_details", "timing",
}
JFK_TEXT = ("And so, my fellow Americans, ask not what your country can do for you, "
            "ask what you can do for your country.")


def _jfk_words() -> list[Word]:
    """JFK's words with hand-set timings close to the real ones, plus an um the speaker never said."""
    tokens = JFK_TEXT.split()
    starts = np.linspace(0.3, 10.4, len(tokens))
    words = [Word(t, float(s), float(s) + 0.35, 0.9) for t, s in zip(tokens, starts, strict=False)]
    return words[:3] + [Word("um,", 1.5, 1.7, 0.6)] + words[3:]


def _strict_json(data) -> dict:
    return json.loads(json.dumps(data, allow_nan=False))


def test_to_dict_has_every_key_other_code_depends_on(jfk):
    analysis = build_analysis(jfk, _jfk_words(), script=JFK_TEXT, timing={"asr_s": 1.2, "total_s": 2.0})
    data = _strict_json(analysis.to_dict())
    assert data.keys() >= REQUIRED_KEYS
    assert data["words"][0].keys() == {"text", "start_s", "end_s", "probability", "filler"}
    assert data["pauses"][0].keys() == {"start_s", "end_s", "duration_s", "dead_air"}
    assert data["fillers"] == [{"text": "um", "start_s": 1.5, "end_s": 1.7, "kind": "sound"}]
    assert data["pace_over_time"][0].keys() == {"start_s", "end_s", "rate_wpm"}
    assert data["clarity"].keys() == {"mean_probability", "unclear_words"}
    assert data["script_diff"].keys() == {"misread", "skipped", "added", "ops"}
    assert data["read_accuracy"] == 1.0
    assert data["scores"].keys() == {"pace", "pauses", "fillers", "clarity", "volume", "pitch", "overall"}
    assert data["score_details"]["pace"].keys() == {"score", "label", "evidence", "tip", "band"}
    assert data["timing"]["asr_s"] == 1.2 and data["timing"]["total_s"] == 2.0 and "analysis_s" in data["timing"]
    assert data["transcript"].startswith("And so, my um, fellow")
    assert data["score_weights"] == SCORE_WEIGHTS and data["overall_description"] == describe_overall()


def test_real_answer_is_scored_with_plausible_numbers(jfk):
    analysis = build_analysis(jfk, _jfk_words())
    assert analysis.quality.ok
    assert 100 < analysis.rate_wpm < 150
    assert analysis.fillers_per_min == pytest.approx(1 / (analysis.duration_s - 0.6) * 60, rel=0.1)
    assert all(0 <= s <= 100 for s in analysis.scores.values())
    assert analysis.read_accuracy is None and analysis.to_dict()["script_diff"] is None


def test_silent_audio_is_valid_json_with_level_none():
    analysis = build_analysis(Pcm(silence(3), RATE_HZ), [])
    data = _strict_json(analysis.to_dict())
    assert data["level_dbfs"] is None and data["snr_db"] is None and data["rate_wpm"] is None
    assert data["quality"]["ok"] is False
    assert all(v is None for v in data["scores"].values())
    assert data["transcript"] == "" and data["words"] == []


def test_empty_audio_does_not_crash():
    data = _strict_json(build_analysis(Pcm(np.zeros(0, np.float32), RATE_HZ), []).to_dict())
    assert data["duration_s"] == 0.0 and data["quality"]["ok"] is False


def test_json_safe_turns_inf_and_nan_into_none():
    assert report.json_safe({"a": float("-inf"), "b": [np.float32("nan"), np.int64(3), np.bool_(True)]}) == \
        {"a": None, "b": [None, 3, True]}


def test_timing_can_be_replaced_by_the_caller(jfk):
    import dataclasses

    analysis = dataclasses.replace(build_analysis(jfk, []), timing={"asr_s": 0.5})
    assert isinstance(analysis, AudioAnalysis) and analysis.to_dict()["timing"] == {"asr_s": 0.5}
