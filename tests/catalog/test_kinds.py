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
