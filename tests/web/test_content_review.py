"""An answer's stored analysis carries the content check; overall counts it; the review and the API show it."""
import re

from practice.audio.scoring import OFF_TOPIC_OVERALL_CAP
from tests.audio_files import speech_like_wav
from tests.fakes import FakeTranscriber, spoken
from tests.web.helpers import upload, wait_until_finished

READ_SENTENCES = ("A gold ring will please most any girl. The long journey home took a year. "
                  "She saw a cat in the neighbor's house.")
ON_TOPIC = ("I really enjoy talking with people and solving their problems. A call center lets me use my English "
            "every day, and I like that there is training and a way to grow into a team lead.")


def answered(app, client, tmp_path, text: str, prompt_id: str = "intro-why-call-center") -> dict:
    """Upload speech-like sound as long as the words, heard as `text`, and wait for the worker's analysis."""
    app.config["TRANSCRIBER"] = FakeTranscriber(spoken(text))
    wav = speech_like_wav(tmp_path / "a.wav", text)
    return wait_until_finished(client, upload(client, wav, filename="a.wav", prompt_id=prompt_id).get_json()["url"])


def test_an_off_topic_answer_is_stored_with_its_content_check_and_never_great(app, client, tmp_path):
    body = answered(app, client, tmp_path, READ_SENTENCES)
    analysis = body["analysis"]
    content = analysis["content"]
    assert content["answers_the_question"] is False and isinstance(content["score"], int)
    assert {"score", "answers_the_question", "reason", "points", "structure", "tip"} <= set(content)
    assert analysis["scores"]["overall"] <= OFF_TOPIC_OVERALL_CAP < analysis["scores"]["delivery"]
    assert analysis["score_details"]["overall"]["label"] == "Focus here"

    page = client.get(body["review_url"]).get_data(as_text=True)
    assert "Does not answer the question" in page and 'id="content-check"' in page
    assert "It does not answer \u201cWhy do you want to work in a call center?\u201d" in page
    assert re.search(r'id="verdict-title">Overall · Focus here<', page)
    assert 'id="overall-capped"' in page and "Content (what you said)" in page
    assert "A model answer" in page and "covers-point" not in page


def test_an_on_topic_answer_marks_its_covered_points_beside_the_model_answer(app, client, tmp_path):
    body = answered(app, client, tmp_path, ON_TOPIC)
    content = body["analysis"]["content"]
    assert content["answers_the_question"] is True
    covered = [p for p in content["points"] if p["covered"]]
    assert len(covered) >= 2
    scores = body["analysis"]["scores"]
    assert scores["overall"] == round(0.5 * content["score"] + 0.5 * scores["delivery"])

    page = client.get(body["review_url"]).get_data(as_text=True)
    assert "Answers the question" in page and 'id="overall-capped"' not in page
    assert 'class="beside-model two-columns"' in page
    assert f'title="Covers: {covered[0]["point"]}"' in page
    assert re.search(r'class="word covers-point"[^>]*>English<', page)


def test_the_content_score_and_delivery_reach_the_answer_metrics(app, client, tmp_path):
    from practice.extensions import db
    from practice.models import Answer

    body = answered(app, client, tmp_path, ON_TOPIC)
    with app.app_context():
        metrics = db.session.get(Answer, body["id"]).metrics
    assert metrics["content_score"] == body["analysis"]["content"]["score"]
    assert metrics["delivery_score"] == body["analysis"]["scores"]["delivery"]
    assert metrics["overall"] == body["analysis"]["scores"]["overall"]


def test_a_drill_has_no_content_check(app, client, tmp_path):
    body = answered(app, client, tmp_path, "I am sorry for the wait.", prompt_id="repeat-apology")
    assert body["status"] == "done" and "content" not in body["analysis"]
    assert "delivery" not in body["analysis"]["scores"]
    assert 'id="content-check"' not in client.get(body["review_url"]).get_data(as_text=True)


def test_the_question_page_offers_hints_and_a_model_answer_before_recording(client):
    from practice.catalog import load_catalog

    guide = load_catalog().guide("intro-why-call-center")
    page = client.get("/rehearse/introduction?prompt=intro-why-call-center").get_data(as_text=True)
    hints = page[page.index('<details class="hints" id="hints">'):page.index("</details>", page.index('id="hints"'))]
    assert "<summary>Show hints</summary>" in hints
    assert [f"<li>{p.point}</li>" in hints for p in guide.points] == [True] * len(guide.points)
    assert guide.model_answer.replace("'", "&#39;") in hints
    assert hints.index("<summary>") < hints.index("A model answer")  # folded away until asked for


def test_an_own_question_shows_the_hints_its_author_wrote_and_none_without(client):
    client.post("/prompts", data={"kind": "introduction", "text": "Why our healthcare account?", "target_s": "60",
                                  "points": "I care about sick people", "model_answer": "My grandmother was ill."})
    client.post("/prompts", data={"kind": "introduction", "text": "What do you know about us?", "target_s": "60"})
    with_points = client.get("/rehearse/introduction?prompt=custom-1").get_data(as_text=True)
    assert "<li>I care about sick people</li>" in with_points and "My grandmother was ill." in with_points
    assert 'id="hints"' not in client.get("/rehearse/introduction?prompt=custom-2").get_data(as_text=True)
