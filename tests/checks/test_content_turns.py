"""Each mock-call turn: did the agent's reply answer what the caller just said?"""
import pytest

from practice.catalog import load_catalog
from practice.catalog.content import turn_guides
from practice.checks.content import check_content
from practice.speech.embeddings import get_encoder

pytestmark = pytest.mark.usefixtures("content_vectors")  # the catalogue's vectors, encoded once

BILL_REPLIES = [
    "Thank you for calling Bluepeak Telecom, this is Ana. How may I help you today?",
    "I'm so sorry about the surprise on your bill, and that you had to call again. May I have your full name "
    "and the mobile number on the account?",
    "Thank you, Ms. Santos. I can see an extra charge here. Did you travel outside the country last month?",
    "That explains it: it's a roaming charge from Singapore. May I place you on hold for two minutes while I check?",
    "I understand, that's a lot of money. Since it's your first roaming charge, I can credit it once as a courtesy.",
    "You're welcome, Ms. Santos. Thank you for calling Bluepeak Telecom, and have a great day.",
]


@pytest.mark.parametrize("turn", range(6))
def test_a_fitting_reply_answers_the_caller(turn):
    guides = turn_guides(load_catalog().scenario("cs-bill-higher-than-usual"))
    out = check_content(BILL_REPLIES[turn], guides[turn], guides, get_encoder())
    assert out.answers_the_question and out.score >= 70 and out.length["verdict"] == "good"


def test_an_interview_answer_does_not_answer_a_caller():
    guides = turn_guides(load_catalog().scenario("cs-bill-higher-than-usual"))
    out = check_content("My greatest weakness is that I get nervous in big groups, so I joined a speaking club.",
                        guides[1], guides, get_encoder())
    assert not out.answers_the_question
    assert out.tip == "Reply to what the caller just said. Start with: Apologise that the bill is higher and " \
                      "that she had to call again."


def test_a_reply_is_described_as_a_reply_to_the_caller():
    guides = turn_guides(load_catalog().scenario("cs-bill-higher-than-usual"))
    out = check_content(BILL_REPLIES[3], guides[3], guides, get_encoder())
    assert out.reason == ("It replies to the caller's \u201cYes, I went to Singapore for two days last month. But I "
                          "didn't use my phone much at all.\u201d and covers 2 of 2 things the caller needed.")
    hold_only = check_content("I see. May I put you on hold for two minutes while I check? Thank you for waiting.",
                              guides[3], guides, get_encoder())
    assert hold_only.answers_the_question and [p.covered for p in hold_only.points] == [False, True]
    missed = check_content("My greatest weakness is that I get nervous in big groups, so I joined a speaking club.",
                           guides[1], guides, get_encoder())
    assert missed.reason.startswith("It does not reply to the caller's \u201cMy bill this month is much higher")
