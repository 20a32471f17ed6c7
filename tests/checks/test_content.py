"""The content check on written answers: relevance against the other questions, paraphrased points, STAR, score, tip."""
import pytest

from practice.catalog import load_catalog
from practice.checks.content import OFF_TOPIC_MAX_SCORE, check_content
from practice.speech.embeddings import get_encoder
from tests.content_labels import judge_all, load_labelled, off_topic_recall_precision, weak_gaps

pytestmark = pytest.mark.usefixtures("content_vectors")  # the catalogue's vectors, encoded once

GOOD_WEAKNESS_ANSWER = ("My biggest weakness is that I get nervous speaking to large groups. I joined a public "
                        "speaking club to work on it, and last month I gave a talk to forty people without notes.")


def check(key, text, **kwargs):
    catalog = load_catalog()
    return check_content(text, catalog.guide(key), list(catalog.guides.values()), get_encoder(), **kwargs)


def test_a_good_weakness_answer_does_not_answer_why_a_call_center():
    out = check("intro-why-call-center", GOOD_WEAKNESS_ANSWER)
    assert out.answers_the_question is False
    assert out.score <= OFF_TOPIC_MAX_SCORE
    assert "does not answer \u201cWhy do you want to work in a call center?\u201d" in out.reason
    assert "What is your greatest weakness?" in out.reason
    assert out.tip.startswith("Answer the question that was asked.")


def test_the_same_answer_answers_the_weakness_question():
    out = check("intro-weakness", GOOD_WEAKNESS_ANSWER)
    assert out.answers_the_question is True
    assert out.points[0].covered and "biggest weakness" in out.points[0].evidence
    assert out.score >= 3 * OFF_TOPIC_MAX_SCORE


def test_read_sentences_answer_nothing():
    out = check("intro-why-call-center", "A gold ring will please most any girl. The long journey home took a year. "
                                         "She saw a cat in the neighbor's house. A pink shell was found on the beach.")
    assert out.answers_the_question is False and out.score <= OFF_TOPIC_MAX_SCORE


def test_a_paraphrase_covers_a_point_and_is_quoted_as_evidence():
    sentence = "I really like sorting out people's problems over the phone."
    out = check("intro-why-call-center", sentence + " Also the pay is steady, which my family needs.")
    first = out.points[0]
    assert first.point == "You enjoy talking with people and solving their problems"
    assert first.covered and sentence in first.evidence
    assert out.points[3].covered  # "the pay is steady" ~ stable work and benefits


def test_the_tip_names_the_most_important_missing_point():
    out = check("intro-why-call-center", "I enjoy helping people with their problems on the phone, it makes my day. "
                                         "I also like that the pay is stable and there are health benefits.")
    assert out.answers_the_question
    missing = [p.point for p in out.points if not p.covered]
    assert missing and out.tip == f"Add the most important missing point: {missing[0]}."


def test_a_behavioural_answer_gets_its_star_parts_quoted():
    out = check("intro-difficult-coworker",
                "At my last job a colleague kept leaving the cash count to me at closing time. "
                "I asked her to talk privately after our shift and listened to her side. "
                "In the end we split the closing tasks and we have worked well together since then.")
    assert out.answers_the_question
    assert out.structure["situation"].startswith("At my last job")
    assert "privately" in out.structure["action"]
    assert "In the end" in out.structure["result"]


def test_a_story_without_a_result_is_told_to_finish_with_one():
    out = check("intro-pressure", "I stay calm and take one task at a time when it gets busy. "
                                  "Last December at the shop the card machine broke during a long queue. "
                                  "So I asked a colleague to call the bank and told customers they could pay in cash.")
    assert out.structure["result"] is None or out.points[2].covered is False
    assert "result" in out.tip.lower()


def test_length_is_judged_against_the_target():
    assert check("intro-salary", "Twenty thousand.", duration_s=2.0).length == \
        {"seconds": 2.0, "target_s": 60, "verdict": "short"}
    assert check("intro-salary", "About twenty thousand a month.", duration_s=130.0).length["verdict"] == "long"


def test_nothing_said_scores_zero_and_says_so():
    out = check("intro-weakness", "   ")
    assert out.score == 0 and not out.answers_the_question
    assert "Nothing was said" in out.reason
    assert out.tip == "Start with this point: A real weakness that is not a core skill for the job."


def test_to_dict_has_the_api_shape():
    data = check("phone-salary-expectation", "I'm hoping for about twenty thousand per month.").to_dict()
    assert set(data) >= {"score", "answers_the_question", "reason", "points", "structure", "tip", "length"}
    assert isinstance(data["score"], int) and data["structure"] is None
    assert set(data["points"][0]) == {"point", "covered", "evidence"}


@pytest.mark.slow
def test_the_labelled_answers_meet_the_targets():
    items = load_labelled()
    assert len(items) >= 60 and len({i.prompt for i in items}) >= 15
    judged = judge_all(items, check)
    recall, precision = off_topic_recall_precision(judged)
    assert recall >= 0.9 and precision >= 0.9
    assert min(j.score for j in judged if j.item.label == "strong") >= 70
    assert all(gap >= 25 for _, gap in weak_gaps(judged))
