"""Drill scoring: read accuracy is 1 - WER against the script; the set score is the mean x 100."""
import pytest

from practice.catalog import Prompt
from practice.checks.drills import score_drill_item, score_drills
from tests.checks.spoken import timed


def drill(key, script):
    return Prompt(key=key, kind="listen-repeat", milestone="exam", text="Repeat", target_s=8,
                  skills=("clarity",), script=script)


@pytest.mark.parametrize("script, said, accuracy", [
    ("Please hold the line.", "please hold the line", 1.0),
    ("Please hold the line.", "Please, hold the line!", 1.0),              # punctuation and case ignored
    ("Wait 30 seconds.", "wait thirty seconds", 1.0),                       # numbers spelled out
    ("Please hold the line.", "please um hold uh the line", 1.0),          # hesitations scored elsewhere
    ("one two three four", "one two three", 0.75),                         # one deletion
    ("one two three four", "one two tree four", 0.75),                     # one substitution
    ("one two three four", "one two three four five", 0.75),               # one insertion
    ("one two", "five six seven eight nine", 0.0),                         # WER above 1 floors at 0
    ("one two three four", "", 0.0),
])
def test_read_accuracy_is_one_minus_wer(script, said, accuracy):
    assert score_drill_item(script, said).read_accuracy == pytest.approx(accuracy)


def test_an_item_reports_its_error_counts():
    item = score_drill_item("one two three four", "one two tree four five", key="x")
    assert (item.hits, item.substitutions, item.deletions, item.insertions) == (3, 1, 0, 1)
    assert item.wer == pytest.approx(0.5) and item.key == "x"


def test_timed_words_are_scored_like_their_text():
    assert score_drill_item("May I place you on hold?", timed("May I place you on hold?")).read_accuracy == 1.0


def test_a_skipped_item_scores_zero():
    item = score_drill_item("one two three", None)
    assert item.read_accuracy == 0.0 and item.said is None and item.deletions == 3


def test_an_empty_script_is_an_error():
    with pytest.raises(ValueError, match="empty script"):
        score_drill_item("  ", "hello")


def test_the_set_score_is_the_mean_accuracy_times_100():
    result = score_drills([
        (drill("a", "one two three four"), "one two three four"),    # 1.0
        (drill("b", "one two three four"), "one two three"),         # 0.75
        (drill("c", "one two three four"), "one two"),               # 0.5
        (drill("d", "one two three four"), None),                    # 0.0, skipped
    ])
    assert [i.key for i in result.items] == ["a", "b", "c", "d"]
    assert result.score == pytest.approx(56.25, abs=0.05)  # (1 + 0.75 + 0.5 + 0) / 4 x 100, one decimal


def test_an_empty_set_scores_zero():
    assert score_drills([]).score == 0.0
