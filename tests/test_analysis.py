"""The typed analysis record: stored as a dict, read back the same, headline numbers from one list."""
import json

import pytest

from practice.analysis import Analysis
from practice.audio.words import Word
from practice.checks.intro import check_introduction
from practice.measures import HEADLINE
from tests.checks.spoken import timed
from tests.factories import make_analysis

SCRIPT = "Refunds are processed within five business days."
KIND_KEYS = {"qa_percent", "checklist_pct"}


def read_aloud() -> Analysis:
    words = timed("Refunds are um processed within", 0.4) + timed("five business days.", 8.0)
    return make_analysis(words, [(2.2, 8.0)], script=SCRIPT, level_dbfs=-20.0, snr_db=25.0)


def test_a_stored_analysis_reads_back_to_the_same_record():
    stored = json.loads(json.dumps(read_aloud().to_dict(), allow_nan=False))
    assert stored["version"] == Analysis.VERSION == 1
    again = Analysis.from_dict(stored)
    assert again.to_dict() == stored
    assert [w.text for w in again.words] == ["Refunds", "are", "um", "processed", "within", "five", "business",
                                             "days."]
    assert again.words[2].filler and again.fillers[0].text == "um"
    assert again.pauses[0].dead_air and again.pauses[0].duration_s == pytest.approx(5.8)
    assert again.script_diff.skipped == () and again.read_accuracy == 1.0


def test_the_first_stored_layout_reads_with_missing_measures_as_none():
    current = make_analysis([Word("Hi", 0.1, 0.4, 0.9)] + timed("there, how are you?", 0.5)).to_dict()
    first = {key: current[key] for key in ("duration_s", "words", "pauses", "rate_wpm")}  # no version, no scores
    first["words"] = [{k: v for k, v in w.items() if k != "probability"} for w in first["words"]]
    old = Analysis.from_dict(first)
    assert old.words[0] == Word("Hi", 0.1, 0.4, 1.0) and old.rate_wpm == current["rate_wpm"]
    assert old.pitch_sd_semitones is None and old.score_details == {} and old.checklist is None
    assert Analysis.from_dict(None).words == ()


def test_headline_has_every_measure_of_the_one_list_and_kind_measures_only_when_present():
    analysis = read_aloud()
    headline = analysis.headline()
    assert headline.keys() == {m.key for m in HEADLINE} - KIND_KEYS
    assert headline["read_accuracy"] == 1.0 and headline["clarity"] == pytest.approx(0.9)
    assert headline["overall"] == analysis.scores["overall"] and headline["pace_score"] == analysis.scores["pace"]
    assert all(v is None or isinstance(v, (int, float)) for v in headline.values())


def test_kind_results_travel_with_the_record():
    words = timed("Hello, my name is Maria Santos. I studied nursing.", 0.3)
    analysis = make_analysis(words).with_kind_results(checklist=check_introduction(words))
    again = Analysis.from_dict(analysis.to_dict())
    assert again.checklist.item("name").passed and not again.checklist.item("why-this-job").passed
    assert again.headline()["checklist_pct"] == analysis.checklist.score_pct


def test_overall_parts_add_up_to_the_overall_score():
    analysis = read_aloud()
    parts = analysis.overall_parts()
    assert [p.name for p in parts] == ["pace", "pauses", "fillers", "clarity", "volume", "pitch"]
    measured = [p for p in parts if p.score is not None]
    assert sum(p.adds for p in measured) == pytest.approx(analysis.scores["overall"], abs=0.5)
    assert sum(p.weight_pct for p in measured) == pytest.approx(100, abs=len(measured))
