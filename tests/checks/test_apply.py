"""Kind-specific results for an answer, computed from analyses alone (the worker stores them)."""
from practice.analysis import Analysis
from practice.catalog import load_catalog
from practice.checks.apply import call_qa, kind_results, pauses_of, words_of
from tests.checks.spoken import timed
from tests.factories import make_analysis

SCENARIO = "cs-change-flight-date"


def stored(text: str) -> Analysis:
    """An analysis as the worker stores it and readers get it back."""
    return Analysis.from_dict(make_analysis(timed(text, 0.3)).to_dict())


def test_stored_words_and_pauses_come_back_as_records():
    analysis = Analysis.from_dict(make_analysis(timed("Hello", 0.3) + timed("there.", 2.5), [(1.0, 2.5)]).to_dict())
    assert [w.text for w in words_of(analysis)] == ["Hello", "there."]
    assert words_of(analysis)[0].start_s == 0.3
    assert pauses_of(analysis) == ((1.0, 2.5),)
    assert words_of(None) == () and pauses_of(None) == ()


def test_tell_me_about_yourself_gets_its_checklist_and_headline_share():
    analysis = stored("Hello, my name is Maria Santos. I studied nursing.")
    results = kind_results("intro-tell-me-about-yourself", "introduction", analysis)
    items = {i.key: i for i in results["checklist"].items}
    assert items["name"].passed and items["name"].sentence == "Hello, my name is Maria Santos."
    assert not items["why-this-job"].passed and items["why-this-job"].hint
    headline = analysis.with_kind_results(**results).headline()
    assert headline["checklist_pct"] == results["checklist"].score_pct and "qa_percent" not in headline


def test_other_kinds_add_nothing():
    for kind, key in (("phone-interview", "phone-availability"), ("read-aloud", "read-x"), ("listen-repeat", "rep-x")):
        assert kind_results(key, kind, stored("Hello.")) == {}
    assert "checklist_pct" not in stored("Hello.").headline()


def test_other_introduction_questions_are_not_judged_as_an_introduction():
    """"Why a call center?" is not "Tell me about yourself": no name or background is expected."""
    assert kind_results("intro-why-call-center", "introduction", stored("I like helping people.")) == {}


def test_the_last_mock_call_turn_judges_the_whole_call():
    turns = len(load_catalog().scenario(SCENARIO).turns)
    opening = stored("Hello, thank you for calling Islandair. My name is Anna. How can I help you?")
    closing = stored("Is there anything else? Thank you for calling.")
    analyses = [opening] + [stored("Okay.")] * (turns - 2) + [closing]
    results = kind_results(SCENARIO, "mock-call", closing, analyses)
    assert results["call_qa"].score_pct == call_qa(load_catalog().scenario(SCENARIO), analyses).score_pct
    assert results["call_qa"].item("opening").status == "pass"
    assert closing.with_kind_results(**results).headline()["qa_percent"] == results["call_qa"].score_pct


def test_a_mock_call_with_a_turn_missing_adds_nothing():
    turns = len(load_catalog().scenario(SCENARIO).turns)
    analyses = [stored("Okay.")] * (turns - 1) + [None]
    assert kind_results(SCENARIO, "mock-call", stored("Hello."), analyses) == {}
    assert kind_results(SCENARIO, "mock-call", stored("Hello.")) == {}
