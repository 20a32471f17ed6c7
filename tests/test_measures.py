"""The one list of headline measures: where each value comes from and which way is better."""
from types import SimpleNamespace

from practice.measures import BY_KEY, CHECKLIST, HEADLINE, OVERALL, PACE, QA, SUB_SCORES


def test_every_key_is_listed_once_and_sub_scores_follow_the_score_names():
    keys = [m.key for m in HEADLINE]
    assert len(keys) == len(set(keys)) == len(BY_KEY)
    assert [m.key for m in SUB_SCORES] == ["pace_score", "pauses_score", "fillers_score", "clarity_score",
                                           "volume_score", "pitch_score"]


def test_values_are_read_by_their_source_path():
    analysis = SimpleNamespace(rate_wpm=140.0, scores={"overall": 72}, call_qa=None,
                               checklist=SimpleNamespace(score_pct=80.0))
    assert PACE.value_of(analysis) == 140.0
    assert OVERALL.value_of(analysis) == 72
    assert QA.value_of(analysis) is None and CHECKLIST.value_of(analysis) == 80.0


def test_better_and_worse_follow_each_measures_direction():
    assert PACE.verdict(190, 150) == "better" and PACE.verdict(140, 150) == "same"
    assert OVERALL.verdict(60, 50) == "worse" and BY_KEY["fillers_per_min"].verdict(5.0, 2.0) == "better"
