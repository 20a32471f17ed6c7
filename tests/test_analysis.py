"""The typed analysis record: stored as a dict, read back the same, headline numbers from one list."""
import json

import pytest

from practice.analysis import Analysis
from practice.audio.scoring import CONTENT_WEIGHT, OFF_TOPIC_OVERALL_CAP
from practice.audio.words import Word
from practice.catalog import load_catalog
from practice.checks.content import check_content
from practice.checks.intro import check_introduction
from practice.measures import HEADLINE, passed_quality
from practice.speech.embeddings import get_encoder
from tests.checks.spoken import timed
from tests.factories import make_analysis

pytestmark = pytest.mark.usefixtures("content_vectors")  # the catalogue's vectors, encoded once

SCRIPT = "Refunds are processed within five business days."
KIND_KEYS = {"qa_percent", "checklist_pct", "content_score", "delivery_score"}
WHY_CALL_CENTER = ("I enjoy talking with people and helping them fix their problems. I want to use my English "
                   "every day at work, and a call center gives me training and a clear path to grow.")
READ_SENTENCES = "A gold ring will please most any girl. The long journey home took a year. Wipe the grease off."


def spoken_answer(text: str, **signal) -> Analysis:
    return make_analysis(timed(text, 0.3), **{"level_dbfs": -20.0, "snr_db": 30.0, **signal})


def content_of(text: str, key: str = "intro-why-call-center"):
    catalog = load_catalog()
    return check_content(text, catalog.guide(key), list(catalog.guides.values()), get_encoder())


def read_aloud() -> Analysis:
    words = timed("Refunds are um processed within", 0.4) + timed("five business days.", 8.0)
    return make_analysis(words, [(2.2, 8.0)], script=SCRIPT, level_dbfs=-20.0, snr_db=25.0)


def test_a_stored_analysis_reads_back_to_the_same_record():
    stored = json.loads(json.dumps(read_aloud().to_dict(), allow_nan=False))
    assert stored["version"] == Analysis.VERSION == 2
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


def test_overall_is_half_content_half_delivery_and_delivery_is_kept():
    sound = spoken_answer(WHY_CALL_CENTER)
    content = content_of(WHY_CALL_CENTER)
    assert content.answers_the_question and CONTENT_WEIGHT == 0.5
    analysis = sound.with_content(content)
    assert analysis.scores["delivery"] == sound.scores["overall"]
    assert analysis.scores["overall"] == round(0.5 * content.score + 0.5 * sound.scores["overall"])
    assert analysis.headline()["content_score"] == content.score
    assert analysis.headline()["delivery_score"] == sound.scores["overall"]
    assert "50% content" in analysis.to_dict()["overall_description"]
    assert analysis.with_content(content).scores == analysis.scores  # checking again changes nothing


def test_an_off_topic_answer_is_capped_and_never_great_however_well_it_sounds():
    sound = spoken_answer(READ_SENTENCES)
    analysis = sound.with_content(content_of(READ_SENTENCES))
    assert sound.score_details["overall"].label in ("Great", "Good")
    assert analysis.content.answers_the_question is False
    assert analysis.scores["overall"] <= OFF_TOPIC_OVERALL_CAP
    assert analysis.score_details["overall"].label == "Focus here"
    assert analysis.score_details["overall"].tip.startswith("Biggest gain next time, content: Answer the question")
    assert analysis.overall_capped


def test_the_content_check_travels_with_the_stored_record():
    analysis = spoken_answer(WHY_CALL_CENTER).with_content(content_of(WHY_CALL_CENTER))
    stored = json.loads(json.dumps(analysis.to_dict(), allow_nan=False))
    assert {"score", "answers_the_question", "reason", "points", "structure", "tip"} <= set(stored["content"])
    again = Analysis.from_dict(stored)
    assert again.content == analysis.content and again.to_dict() == stored
    assert again.score_details["delivery"] == analysis.score_details["delivery"]


def test_a_take_the_quality_gate_refused_keeps_no_overall_with_content():
    refused = spoken_answer(WHY_CALL_CENTER, snr_db=3.0)
    assert not refused.quality.ok
    analysis = refused.with_content(content_of(WHY_CALL_CENTER))
    assert analysis.scores["overall"] is None and analysis.content is not None
    assert not passed_quality(analysis.headline())
    assert [p.name for p in analysis.overall_parts()][0] == "pace"  # content is not part of a refused take


def test_with_content_parts_add_up_to_the_overall_and_content_comes_first():
    analysis = spoken_answer(WHY_CALL_CENTER).with_content(content_of(WHY_CALL_CENTER))
    parts = analysis.overall_parts()
    assert parts[0].name == "content" and parts[0].weight_pct == 50 and parts[0].score == analysis.content.score
    measured = [p for p in parts if p.score is not None]
    assert sum(p.adds for p in measured) == pytest.approx(analysis.scores["overall"], abs=0.5)
    assert sum(p.weight_pct for p in measured) == pytest.approx(100, abs=len(measured))
    assert not analysis.overall_capped
