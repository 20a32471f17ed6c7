"""The mock-call QA form, rule by rule: calls that should pass it and calls that should not."""
import pytest

from practice.audio.pauses import Pause
from practice.checks.call_flow import CallTurn, check_call
from tests.checks.spoken import end_of, timed

COMPANY = "Bluepeak Telecom"
GOOD_CALL = (
    ("Good morning, thank you for calling Bluepeak Telecom. My name is Ana. How may I help you today?", "calm"),
    ("I'm so sorry about the trouble. May I have your full name and mobile number, please?", "upset"),
    ("Thank you. When did you travel?", "calm"),
    ("May I put you on hold for two minutes while I check? Thank you for waiting.", "calm"),
    ("I understand how frustrating this is. I have credited the roaming charge, and you will see it on "
     "your next bill.", "upset"),
    ("Is there anything else I can help you with? Thank you for calling Bluepeak Telecom, have a great day.",
     "calm"),
)


def call(changes=None, moods=None, starts=None, pauses=None):
    """The good call with some answers, moods, start times or pauses changed (by turn index)."""
    changes, moods, starts, pauses = changes or {}, moods or {}, starts or {}, pauses or {}
    return [CallTurn(timed(changes.get(i, text), starts.get(i, 0.3)), moods.get(i, mood), tuple(pauses.get(i, ())))
            for i, (text, mood) in enumerate(GOOD_CALL)]


def judge(item, turns):
    return check_call(turns, company=COMPANY).item(item)


def test_a_good_call_passes_every_item_and_scores_100():
    result = check_call(call(), company=COMPANY)
    assert {i.key: i.status for i in result.items} == {
        "opening": "pass", "verification": "pass", "empathy": "pass", "probing": "pass",
        "resolution": "pass", "hold": "pass", "closing": "pass", "dead_air": "pass"}
    assert result.score_pct == 100.0
    assert sum(i.weight for i in result.items) == 100


def test_each_item_keeps_the_quote_and_time_that_decided_it():
    turns = call(starts={2: 1.2})
    probing = judge("probing", turns)
    assert probing.quote == "When did you travel?"
    assert probing.turn_index == 2 and probing.at_s == turns[2].words[2].start_s


def test_items_that_do_not_apply_drop_out_of_the_score():
    no_hold = {3: "Let me check that for you. Okay, I found it."}
    no_empathy = {1: "May I have your full name and mobile number, please?",
                  4: "I have credited the roaming charge, and you will see it on your next bill."}
    result = check_call(call({**no_hold, **no_empathy}), company=COMPANY)
    assert result.item("hold").status == "n/a" and result.item("empathy").status == "fail"
    assert result.score_pct == pytest.approx(100 * 75 / 90, abs=0.05)


def test_an_empty_call_fails_without_crashing():
    result = check_call([CallTurn([], "calm")], company=COMPANY)
    assert result.item("opening").status == "fail" and result.score_pct < 10


@pytest.mark.parametrize("changes, starts, status", [
    ({}, {}, "pass"),
    ({0: "Hi, thanks for calling Blue Peak, this is Jun, how can I assist you?"}, {}, "pass"),
    ({}, {0: 4.5}, "pass"),
    ({0: "Good morning, my name is Ana. How may I help you?"}, {}, "fail"),                      # no company
    ({0: "Good morning, thank you for calling Bluepeak Telecom. How may I help you?"}, {}, "fail"),  # no name
    ({0: "Bluepeak Telecom, my name is Ana, how may I help you?"}, {}, "fail"),                # no greeting
    ({0: "Good morning, thank you for calling Bluepeak Telecom. My name is Ana."}, {}, "fail"),  # no offer
    ({0: "Hello?", 1: GOOD_CALL[0][0]}, {}, "fail"),                                          # not in turn 1
    ({}, {0: 6.0}, "fail"),                                                                   # started late
])
def test_opening_spiel(changes, starts, status):
    assert judge("opening", call(changes, starts=starts)).status == status


def test_opening_hint_names_what_was_missing_and_shows_an_example():
    item = judge("opening", call({0: "Good morning, my name is Ana."}))
    assert "the company name and an offer to help" in item.hint
    assert "thank you for calling Bluepeak Telecom" in item.hint


def test_late_opening_hint_says_how_late():
    assert "You started 6.0 s after the call connected" in judge("opening", call(starts={0: 6.0})).hint


@pytest.mark.parametrize("changes, status", [
    ({}, "pass"),
    ({1: "I'm so sorry. Could you confirm your date of birth?"}, "pass"),
    ({1: "I'm so sorry. For security, what is the account number?"}, "pass"),
    ({1: "I'm so sorry about the trouble."}, "fail"),
])
def test_verification(changes, status):
    assert judge("verification", call(changes)).status == status


@pytest.mark.parametrize("changes, moods, status", [
    ({}, {}, "pass"),
    ({}, {1: "calm", 4: "calm"}, "n/a"),                                                  # never upset
    ({1: "My apologies. May I have your full name, please?"}, {}, "pass"),
    ({1: "May I have your full name and mobile number, please?"}, {}, "fail"),            # missed turn 2
    ({4: "I have credited the roaming charge."}, {}, "fail"),                             # missed turn 5
    ({1: "May I have your full name, please?"}, {1: "calm", 2: "upset"}, "fail"),        # sorry came late
])
def test_empathy_comes_in_the_answer_to_each_upset_turn(changes, moods, status):
    assert judge("empathy", call(changes, moods)).status == status


def test_empathy_hint_points_at_the_upset_turn_it_missed():
    item = judge("empathy", call({1: "May I have your full name and mobile number, please?"}))
    assert item.turn_index == 1
    assert "upset in turn 2" in item.hint and "You did in turn 5" in item.hint


@pytest.mark.parametrize("changes, status", [
    ({}, "pass"),
    ({2: "Thank you. can you tell me what happened"}, "pass"),                # no question mark
    ({2: "Thank you. Have you used your phone abroad?"}, "pass"),
    ({2: "Thank you."}, "fail"),                     # only the scripted questions of other items remain
    ({2: "Thank you. What I will do is check your bill."}, "fail"),           # a statement, not a question
])
def test_probing_question(changes, status):
    assert judge("probing", call(changes)).status == status


@pytest.mark.parametrize("changes, status", [
    ({}, "pass"),
    ({4: "I'm sorry. You'll receive a text with the reference number."}, "pass"),
    ({4: "I'm sorry. A technician will call you within 24 hours."}, "pass"),
    ({4: "I understand how frustrating this is. Let me look into it."}, "fail"),
])
def test_resolution_or_next_step(changes, status):
    assert judge("resolution", call(changes)).status == status


@pytest.mark.parametrize("changes, status", [
    ({}, "pass"),
    ({3: "Would you mind if I put you on hold for a minute? Thanks for holding."}, "pass"),
    ({3: "Let me check that for you. Okay, I found it."}, "n/a"),                       # never on hold
    ({3: "Please hold. Thank you for waiting."}, "fail"),                                 # did not ask
    ({3: "May I put you on hold for two minutes while I check? Okay, I found it."}, "fail"),  # no thanks
    ({3: "Thank you for your patience. May I put you on hold?"}, "fail"),                 # thanks came first
])
def test_hold_etiquette(changes, status):
    assert judge("hold", call(changes)).status == status


@pytest.mark.parametrize("changes, status", [
    ({}, "pass"),
    ({4: "I'm sorry. I have credited it. Is there anything else I can help you with?",
      5: "Thank you for calling Bluepeak, goodbye."}, "pass"),                           # spread over the end
    ({5: "Thank you for calling Bluepeak Telecom."}, "fail"),                             # no "anything else"
    ({5: "Is there anything else I can help you with? Goodbye."}, "fail"),                # no thanks
    ({1: "I'm so sorry. May I have your name? Anything else?",
      5: "Thank you for calling Bluepeak Telecom."}, "fail"),                             # asked too early
])
def test_closing(changes, status):
    assert judge("closing", call(changes)).status == status


@pytest.mark.parametrize("starts, pauses, status", [
    ({}, {}, "pass"),
    ({}, {2: [(1.0, 5.9)]}, "pass"),                   # 4.9 s is a long pause, not dead air
    ({}, {2: [(1.0, 6.0)]}, "fail"),                   # 5 s is dead air
    ({}, {2: [Pause(1.0, 7.5)]}, "fail"),              # Pause objects from audio.pauses work too
    ({3: 6.0}, {}, "fail"),                            # a long wait before answering
])
def test_no_dead_air(starts, pauses, status):
    assert judge("dead_air", call(starts=starts, pauses=pauses)).status == status


def test_dead_air_says_where_the_silence_was():
    item = judge("dead_air", call(pauses={2: [(1.0, 7.5)]}))
    assert item.turn_index == 2 and item.at_s == 1.0
    assert item.quote == "6.5 s of silence in the middle of your answer"


def test_silence_during_an_asked_for_hold_is_not_dead_air():
    asked = timed("May I put you on hold for two minutes while I check?", 0.3)
    back = timed("Thank you for waiting.", end_of(asked) + 40)
    turns = call()
    turns[3] = CallTurn(asked + back, "calm", ((end_of(asked), back[0].start_s),))
    result = check_call(turns, company=COMPANY)
    assert result.item("dead_air").status == "pass" and result.item("hold").status == "pass"


def test_plain_text_answers_can_be_checked_too():
    turns = [CallTurn(text, mood) for text, mood in GOOD_CALL]
    assert check_call(turns, company=COMPANY).score_pct == 100.0


def test_the_result_serialises_for_the_api():
    data = check_call(call(), company=COMPANY).to_dict()
    assert data["score_pct"] == 100.0
    assert data["items"][0]["key"] == "opening" and data["items"][0]["turn_index"] == 0
