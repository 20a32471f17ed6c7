import pytest

from practice.audio import scoring
from practice.audio.scoring import SCORE_WEIGHTS, Measures, bands, describe_overall, not_scored, score_all

GOOD = Measures(rate_wpm=140, longest_pause_s=1.0, pause_share=0.2, fillers_per_min=1.0, filler_count=1,
                mean_probability=0.92, level_dbfs=-22, snr_db=30, clipped_ratio=0.0, pitch_sd_semitones=3.5)


def _score(name: str, **changes) -> int | None:
    return score_all(Measures(**{**GOOD.__dict__, **changes}))[name].score


def test_a_good_answer_scores_100_everywhere():
    assert {name: d.score for name, d in score_all(GOOD).items()} == dict.fromkeys(scoring.SCORE_NAMES, 100)


@pytest.mark.parametrize("rate_wpm, score", [(125, 100), (155, 100), (110, 70), (170, 70), (90, 35), (220, 0), (60, 0)])
def test_pace_is_full_marks_in_the_ideal_band_and_70_at_the_acceptable_edges(rate_wpm, score):
    assert _score("pace", rate_wpm=rate_wpm) == score


@pytest.mark.parametrize("per_min, score", [(0, 100), (2, 100), (5, 82), (12, 40), (20, 0)])
def test_fillers_score_100_at_2_per_min_falling_to_40_at_12(per_min, score):
    assert _score("fillers", fillers_per_min=per_min) == score


def test_dead_air_costs_pause_points_and_says_so():
    detail = score_all(Measures(**{**GOOD.__dict__, "longest_pause_s": 6.0, "dead_air_count": 1}))["pauses"]
    assert detail.score < 40
    assert "dead air" in detail.evidence


@pytest.mark.parametrize("sd, expected", [(0.5, 10), (1.0, 30), (2.0, 70), (3.0, 100)])
def test_flat_pitch_scores_low(sd, expected):
    assert _score("pitch", pitch_sd_semitones=sd) == expected


def test_volume_is_capped_when_clipped_and_low_when_noisy_or_quiet():
    assert _score("volume", clipped_ratio=0.01) == 40
    assert _score("volume", snr_db=10.0) == 40
    assert _score("volume", level_dbfs=-40.0) == 40


def test_clarity_averages_recogniser_confidence_and_read_accuracy():
    assert _score("clarity", mean_probability=0.92, read_accuracy=0.8) == 80


def test_overall_is_the_weighted_mean_renormalised_over_present_scores():
    details = score_all(Measures(**{**GOOD.__dict__, "rate_wpm": 220, "pitch_sd_semitones": None}))
    assert details["pitch"].score is None
    present = {n: w for n, w in SCORE_WEIGHTS.items() if n != "pitch"}
    expected = sum(w * (0 if n == "pace" else 100) for n, w in present.items()) / sum(present.values())
    assert details["overall"].score == round(expected)
    assert details["overall"].tip.startswith("Biggest gain next time, pace:")


def test_weights_sum_to_one_and_are_described():
    assert sum(SCORE_WEIGHTS.values()) == pytest.approx(1.0)
    text = describe_overall()
    assert all(name in text for name in SCORE_WEIGHTS)


def test_every_score_has_evidence_one_tip_a_label_and_its_band():
    for name, detail in score_all(GOOD).items():
        assert detail.evidence and detail.tip and detail.label, name
        assert detail.band == bands()[name]


def test_tips_point_the_right_way():
    assert "Slow down" in score_all(Measures(**{**GOOD.__dict__, "rate_wpm": 190}))["pace"].tip
    assert "pace" in score_all(Measures(**{**GOOD.__dict__, "rate_wpm": 95}))["pace"].tip.lower()
    assert "closer" in score_all(Measures(**{**GOOD.__dict__, "level_dbfs": -35}))["volume"].tip


def test_evidence_reads_naturally_at_the_extremes():
    details = score_all(Measures(**{**GOOD.__dict__, "filler_count": 0, "fillers_per_min": 0.0, "snr_db": 100.0}))
    assert details["fillers"].evidence.startswith("We heard no fillers")
    assert "almost no background noise" in details["volume"].evidence
    one = score_all(Measures(**{**GOOD.__dict__, "filler_count": 1, "fillers_per_min": 3.0}))["fillers"].evidence
    assert one.startswith("We heard 1 filler,")


def test_unmeasured_scores_are_none_not_zero():
    details = score_all(Measures())
    assert all(d.score is None for d in details.values())


def test_not_scored_explains_why_for_every_score():
    details = not_scored("The recording is silent.", "Check the microphone.")
    assert set(details) == set(scoring.SCORE_NAMES)
    assert all(d.score is None and d.evidence and d.tip for d in details.values())
