"""The packaged catalogue meets its minimum sizes, and its public API answers the web views."""
import pytest

from practice.catalog import KINDS, LINES, MILESTONES, drill_set, load_catalog

catalog = load_catalog()


@pytest.mark.parametrize("kind, minimum", [
    ("introduction", 16),  # "Tell me about yourself" + at least 15 common questions
    ("phone-interview", 15),
    ("mock-call", 9),
    ("read-aloud", 20),
    ("listen-repeat", 20),
])
def test_each_kind_has_at_least_the_minimum_prompts(kind, minimum):
    assert len(catalog.prompts_of(kind)) >= minimum


def test_introduction_starts_with_tell_me_about_yourself_in_60_to_90_s():
    first = catalog.prompts_of("introduction")[0]
    assert first.text == "Tell me about yourself."
    assert 60 <= first.target_s <= 90
    assert len(first.model_points) >= 4


@pytest.mark.parametrize("line", LINES)
def test_each_call_line_has_three_scenarios_of_4_to_8_turns_with_an_upset_turn(line):
    scenarios = catalog.scenarios_of(line)
    assert len(scenarios) >= 3
    for scenario in scenarios:
        assert 4 <= len(scenario.turns) <= 8
        assert any(turn.upset for turn in scenario.turns)
        assert scenario.company and scenario.brief and scenario.caller_name


@pytest.mark.parametrize("kind, low, high", [("read-aloud", 30, 80), ("listen-repeat", 8, 20)])
def test_drill_scripts_have_the_right_length(kind, low, high):
    for prompt in catalog.prompts_of(kind):
        assert low <= len(prompt.script.split()) <= high, prompt.key


def test_keys_are_unique_across_prompts_and_scenarios():
    keys = [p.key for p in catalog.prompts] + [s.key for s in catalog.scenarios]
    assert len(keys) == len(set(keys))


def test_milestones_follow_the_hiring_order_of_the_tips_notebook():
    assert [m.title for m in MILESTONES.values()] == [
        "Online application", "Phone interview", "In-person interview", "English exam", "Mock call",
        "Sales test", "Customer service test", "Tech support test", "Final interview", "Job offer"]
    assert [m.order for m in MILESTONES.values()] == list(range(10))


@pytest.mark.parametrize("kind, milestone", [
    ("introduction", "in-person-interview"), ("phone-interview", "phone-interview"), ("mock-call", "mock-call"),
    ("read-aloud", "exam"), ("listen-repeat", "exam"),
])
def test_each_kind_rehearses_one_milestone(kind, milestone):
    assert KINDS[kind].milestone == milestone
    assert KINDS[kind].milestone_title == MILESTONES[milestone].title
    assert KINDS[kind].title and KINDS[kind].description


def test_each_scenario_line_rehearses_its_own_test():
    assert {s.line: s.milestone for s in catalog.scenarios} == {
        "customer-service": "customer-service-test", "sales": "sales-test", "tech-support": "tech-support-test"}


def test_a_scenario_is_also_a_mock_call_prompt():
    scenario = catalog.scenarios_of("sales")[0]
    prompt = catalog.prompt(scenario.key)
    assert prompt.kind == "mock-call" and prompt.key == scenario.key
    assert prompt.target_s == scenario.turn_target_s * len(scenario.turns)


def test_unknown_keys_give_none():
    assert catalog.prompt("no-such-prompt") is None
    assert catalog.scenario("no-such-call") is None


def test_a_drill_set_is_eight_distinct_prompts_fixed_by_the_seed():
    first = drill_set("read-aloud", seed=7)
    assert len(first) == 8 and len({p.key for p in first}) == 8
    assert all(p.kind == "read-aloud" for p in first)
    assert drill_set("read-aloud", seed=7) == first
    assert [p.key for p in drill_set("read-aloud", seed=8)] != [p.key for p in first]


def test_a_drill_set_needs_eight_prompts_to_choose_from():
    with pytest.raises(ValueError, match="a drill set needs 8"):
        drill_set("no-such-kind", seed=1)


def test_every_scenario_opens_in_its_first_turn_and_closes_in_its_last():
    for scenario in catalog.scenarios:
        assert "opening" in scenario.turns[0].expects, scenario.key
        assert "closing" in scenario.turns[-1].expects, scenario.key


def test_the_qa_form_weights_add_up_to_100_and_each_item_explains_itself():
    rules = catalog.call_flow_rules
    assert sum(rule.weight for rule in rules.items) == 100
    assert all(rule.title and rule.description and rule.hint for rule in rules.items)
