"""Kind-specific results the worker adds to a stored analysis."""
from types import SimpleNamespace

from practice.catalog import load_catalog
from practice.checks.apply import call_qa, kind_metrics, kind_results, pauses_of, store_qa_percent, words_of
from tests.checks.spoken import timed


def stored(text: str, pauses=()) -> dict:
    return {"words": [w.to_dict() for w in timed(text, 0.3)],
            "pauses": [{"start_s": a, "end_s": b, "duration_s": b - a, "dead_air": b - a >= 5} for a, b in pauses]}


def test_stored_words_and_pauses_come_back_as_records():
    analysis = stored("Hello there.", [(1.0, 2.5)])
    assert [w.text for w in words_of(analysis)] == ["Hello", "there."]
    assert words_of(analysis)[0].start_s == 0.3
    assert pauses_of(analysis) == ((1.0, 2.5),)
    assert words_of(None) == () and pauses_of({}) == ()


def test_tell_me_about_yourself_gets_its_checklist_and_headline_share():
    answer = SimpleNamespace(kind="introduction", prompt_key="intro-tell-me-about-yourself", rehearsal=None)
    results = kind_results(answer, stored("Hello, my name is Maria Santos. I studied nursing."))
    items = {i["key"]: i for i in results["checklist"]["items"]}
    assert items["name"]["passed"] and items["name"]["sentence"] == "Hello, my name is Maria Santos."
    assert not items["why-this-job"]["passed"] and items["why-this-job"]["hint"]
    assert kind_metrics(results) == {"checklist_pct": results["checklist"]["score_pct"]}


def test_other_kinds_add_nothing():
    for kind, key in (("phone-interview", "phone-availability"), ("read-aloud", "read-x"), ("listen-repeat", "rep-x")):
        assert kind_results(SimpleNamespace(kind=kind, prompt_key=key, rehearsal=None), stored("Hello.")) == {}
    assert kind_metrics({}) == {}


def test_other_introduction_questions_are_not_judged_as_an_introduction():
    """"Why a call center?" is not "Tell me about yourself": no name or background is expected."""
    answer = SimpleNamespace(kind="introduction", prompt_key="intro-why-call-center", rehearsal=None)
    assert kind_results(answer, stored("I like helping people solve problems.")) == {}


def answer(id, turn_index, analysis, status="done"):
    return SimpleNamespace(id=id, kind="mock-call", prompt_key="cs-change-flight-date", turn_index=turn_index,
                           analysis=analysis, status=status, metrics={"overall": 70})


def test_the_last_mock_call_turn_judges_the_whole_call_and_shares_qa_percent():
    scenario = load_catalog().scenario("cs-change-flight-date")
    answers = [answer(i + 1, i, stored("Okay.")) for i in range(len(scenario.turns))]
    rehearsal = SimpleNamespace(answers=answers)
    for a in answers:
        a.rehearsal = rehearsal
    last = answers[-1]
    opening = stored("Hello, thank you for calling Islandair. My name is Anna. How can I help you?")
    answers[0].analysis = opening
    results = kind_results(last, stored("Is there anything else? Thank you for calling."))
    assert results["call_qa"]["score_pct"] == call_qa(scenario, [a.analysis for a in answers[:-1]] + [
        stored("Is there anything else? Thank you for calling.")]).score_pct
    pct = kind_metrics(results)["qa_percent"]
    assert all(a.metrics["qa_percent"] == pct for a in answers[:-1])


def test_a_mock_call_turn_before_the_end_adds_nothing():
    scenario = load_catalog().scenario("cs-change-flight-date")
    answers = [answer(i + 1, i, stored("Okay."), status="running" if i == 2 else "done")
               for i in range(len(scenario.turns))]
    rehearsal = SimpleNamespace(answers=answers)
    for a in answers:
        a.rehearsal = rehearsal
    assert kind_results(answers[0], stored("Hello.")) == {}


def test_store_qa_percent_replaces_the_metrics_dict():
    a = SimpleNamespace(metrics={"overall": 50})
    before = a.metrics
    store_qa_percent([a, SimpleNamespace(metrics=None)], 62.5)
    assert a.metrics == {"overall": 50, "qa_percent": 62.5} and a.metrics is not before
