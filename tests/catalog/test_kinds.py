"""Each rehearsal kind says how it behaves, so pages and sittings read fields instead of kind names."""
from practice.catalog import KINDS, MILESTONES
from practice.measures import BY_KEY
from practice.sittings import DRILL_KINDS, SITTING_KINDS


def test_every_kind_prepares_for_a_milestone_and_names_a_real_turn_result():
    for kind in KINDS.values():
        assert kind.milestone in MILESTONES and kind.min_target_s < kind.max_target_s
        assert kind.turn_result is None or (kind.turn_result in BY_KEY and kind.turn_result_label)
        assert not kind.drill or kind.sitting


def test_sittings_and_drills_follow_the_kind_fields():
    assert SITTING_KINDS == ("phone-interview", "mock-call", "read-aloud", "listen-repeat")
    assert DRILL_KINDS == ("read-aloud", "listen-repeat")
    assert KINDS["read-aloud"].turn_result == "read_accuracy" and KINDS["mock-call"].turn_noun == "Turn"


def test_the_kind_fields_that_replace_kind_names_in_pages_and_code():
    from practice.catalog import SCENARIO_KINDS

    assert sorted(SCENARIO_KINDS) == ["mock-call"]
    assert [k.key for k in KINDS.values() if k.on_the_phone] == ["phone-interview", "mock-call"]
    assert [k.key for k in KINDS.values() if k.takes_own_questions] == ["introduction", "phone-interview"]
    assert [k.key for k in KINDS.values() if not k.spoken] == ["read-aloud"]


def test_own_questions_are_single_questions_and_every_sitting_says_how_it_goes():
    for kind in KINDS.values():
        assert not (kind.takes_own_questions and (kind.drill or kind.from_scenario))
        assert not kind.from_scenario or (kind.sitting and kind.on_the_phone)
        if kind.sitting and not kind.from_scenario:
            assert "8 " in kind.sitting_intro.format(count=8), kind.key
