"""The catalogue's frozen records: look-ups, a scenario seen as a prompt, and drill sets that can be resumed."""
import dataclasses

import pytest

from practice.catalog import DRILL_SET_SIZE, load_catalog
from practice.catalog.entries import Catalog, CallFlowRules, IntroRules, Prompt, QaRule, Scenario, Turn


def scenario(**changes) -> Scenario:
    fields = dict(key="cs-test", line="sales", title="Upgrade the plan", company="Bluepeak", brief="Sell politely.",
                  caller_name="Sam", turns=(Turn("Hi.", "calm"), Turn("Why so expensive?!", "upset")),
                  turn_target_s=25)
    return Scenario(**{**fields, **changes})


def prompt(key: str, kind: str = "read-aloud") -> Prompt:
    return Prompt(key=key, kind=kind, milestone="english-exam", text=f"Read {key}", target_s=30, skills=("pace",))


def tiny_catalog(prompts=(), scenarios=()) -> Catalog:
    return Catalog(prompts=tuple(prompts), scenarios=tuple(scenarios), intro_rules=IntroRules((), 1, 1.0),
                   call_flow_rules=CallFlowRules((QaRule("opening", "Opening", "d", 2, "h"),), 5.0, 2, 1.0))


def test_a_scenario_is_a_mock_call_prompt_of_all_its_turns():
    as_prompt = scenario().as_prompt()
    assert (as_prompt.key, as_prompt.kind, as_prompt.milestone) == ("cs-test", "mock-call", "mock-call")
    assert as_prompt.text == "Sales call: Upgrade the plan"
    assert as_prompt.target_s == 50
    assert scenario().milestone == "sales-test"


def test_an_upset_turn_says_so():
    assert [t.upset for t in scenario().turns] == [False, True]


def test_look_ups_find_prompts_and_scenarios_and_return_none_when_absent():
    catalog = tiny_catalog([prompt("read-1")], [scenario()])
    assert catalog.prompt("read-1").text == "Read read-1"
    assert catalog.prompt("cs-test") == scenario().as_prompt()
    assert catalog.prompt("nope") is None and catalog.scenario("nope") is None and catalog.guide("read-1") is None
    assert catalog.prompts_of("mock-call") == [scenario().as_prompt()]
    assert catalog.scenarios_of("sales") == [scenario()] and catalog.scenarios_of("tech-support") == []
    assert catalog.call_flow_rules.item("opening").weight == 2


def test_the_same_seed_gives_the_same_drill_set_and_another_seed_another():
    catalog = load_catalog()
    first = catalog.drill_set("read-aloud", seed=11)
    assert len(first) == DRILL_SET_SIZE == len({p.key for p in first})
    assert all(p.kind == "read-aloud" for p in first)
    assert catalog.drill_set("read-aloud", seed=11) == first
    assert catalog.drill_set("read-aloud", seed=12) != first


def test_a_drill_set_needs_eight_prompts_of_its_kind():
    catalog = tiny_catalog([prompt(f"read-{i}") for i in range(DRILL_SET_SIZE - 1)])
    with pytest.raises(ValueError, match="Only 7 prompts of kind 'read-aloud'; a drill set needs 8."):
        catalog.drill_set("read-aloud", seed=1)


def test_records_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        prompt("read-1").text = "changed"
