"""Sittings of several turns: phone interview, mock call, exam drills; their summaries; the intro checklist."""
import re
from types import SimpleNamespace

import pytest

from practice.catalog import load_catalog
from practice.extensions import db
from practice.models import Answer, Rehearsal
from practice.sittings import Summary, plan
from tests.audio_files import speech_like_wav, tone, write_wav
from tests.checks.spoken import timed
from tests.fakes import FakeTranscriber, spoken
from tests.web.helpers import upload, wait_until_finished


class ScriptedTranscriber(FakeTranscriber):
    """Hands out one prepared answer per call, in upload order (the test pool has one worker)."""

    def __init__(self, answers):
        super().__init__()
        self.answers = [timed(a, start_s=0.2) for a in answers]

    def transcribe(self, pcm, *, prompt=None):
        self.words = tuple(self.answers[min(self.calls, len(self.answers) - 1)])
        return super().transcribe(pcm, prompt=prompt)


@pytest.fixture
def tone_wav(tmp_path):
    return write_wav(tmp_path / "tone.wav", tone(3.0))


def start(client, kind, **form):
    response = client.post("/rehearsals", data={"kind": kind, **form})
    assert response.status_code == 303, response.data
    match = re.search(r"/rehearsals/(\d+)/take$", response.headers["Location"])
    return int(match.group(1))


def answer_turns(client, tone_wav, rehearsal_id, prompt_keys):
    bodies = []
    for index, key in enumerate(prompt_keys):
        created = upload(client, tone_wav, filename="answer.wav", prompt_id=key,
                         rehearsal_id=str(rehearsal_id), turn_index=str(index))
        assert created.status_code == 202, created.get_json()
        bodies.append(wait_until_finished(client, created.get_json()["url"]))
    return bodies


def test_phone_interview_question_text_is_hidden_until_answered(client):
    rehearsal_id = start(client, "phone-interview")
    html = client.get(f"/rehearsals/{rehearsal_id}/take").get_data(as_text=True)
    texts = re.findall(r'<p class="step-text" data-role="text"( hidden)?>', html)
    assert len(texts) == 5 and all(texts)
    assert "Recruiter calling" in html


def test_phone_interview_summary_has_every_question_transcript_and_averages(client, app, tone_wav):
    rehearsal_id = start(client, "phone-interview")
    steps = plan("phone-interview", rehearsal_id)
    bodies = answer_turns(client, tone_wav, rehearsal_id, [s.prompt_key for s in steps])
    assert all(b["status"] == "done" for b in bodies)
    # once everything is answered the call screen sends you to the summary
    assert client.get(f"/rehearsals/{rehearsal_id}/take").headers["Location"].endswith(f"/rehearsals/{rehearsal_id}")
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    for step in steps:
        assert str(step.text).replace("'", "&#39;") in html
    for body in bodies:
        assert f'href="/answers/{body["id"]}"' in html
    assert html.count("“Hello, my name is Maria.”") == 5
    assert "5 of 5" in html and "Average pace" in html
    with app.app_context():
        rehearsal = db.session.get(Rehearsal, rehearsal_id)
        assert rehearsal.finished_at is not None
        assert [a.turn_index for a in rehearsal.answers] == [0, 1, 2, 3, 4]


def test_summary_of_an_unfinished_sitting_offers_to_continue(client, tone_wav):
    rehearsal_id = start(client, "phone-interview")
    answer_turns(client, tone_wav, rehearsal_id, [plan("phone-interview", rehearsal_id)[0].prompt_key])
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    assert "1 of 5" in html and "Continue (4 left)" in html and "Not answered." in html
    take = client.get(f"/rehearsals/{rehearsal_id}/take").get_data(as_text=True)
    assert 'data-start-turn="1"' in take


SCENARIO = "cs-bill-higher-than-usual"
GOOD_CALL = [
    "Good morning, thank you for calling Bluepeak Telecom. My name is Anna. How may I help you today?",
    "I'm so sorry about that. May I have your full name and the registered mobile number, please?",
    "Thank you, Maria. Did you travel outside the country last month?",
    "I see. May I put you on hold for two minutes while I check? Thank you for waiting.",
    "I understand how frustrating this is. I have credited the roaming charge, you will see it on your next bill.",
    "Is there anything else I can help you with? Thank you for calling Bluepeak Telecom, have a great day.",
]


def test_mock_call_review_shows_the_whole_call_and_qa_checklist(client, app, tone_wav):
    app.config["TRANSCRIBER"] = ScriptedTranscriber(GOOD_CALL)
    rehearsal_id = start(client, "mock-call", scenario=SCENARIO)
    take = client.get(f"/rehearsals/{rehearsal_id}/take").get_data(as_text=True)
    assert "Agent brief" in take and "first-time roaming charges can be credited" in take
    bodies = answer_turns(client, tone_wav, rehearsal_id, [SCENARIO] * 6)
    assert "call_qa" in bodies[-1]["analysis"]

    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    scenario = load_catalog().scenario(SCENARIO)
    for turn in scenario.turns:
        assert turn.says.replace("'", "&#39;") in html
    assert 'id="qa-percent">100%' in html
    assert 'id="sitting-overall">100<' in html  # the tones are not scored, so the call QA stands alone
    assert html.count('class="turn-content turn-on-topic">Answers the caller, content ') == 6
    turn = client.get(bodies[3]["review_url"]).get_data(as_text=True)
    assert "Answers the caller</span>" in turn and "It replies to the caller&#39;s \u201cYes, I went to" in turn
    checklist = html[html.index('id="qa-checklist"'):html.index("</ul>", html.index('id="qa-checklist"'))]
    assert checklist.count("qa-item qa-pass") == 8
    assert ("“Good morning, thank you for calling Bluepeak Telecom. My name is Anna. How may I help you today?” "
            "<span class=\"muted\">— turn 1, at 0.2 s") in html
    # how it is checked: every weight and the phrase rules, from the data
    rules = html[html.index('id="how-checked"'):]
    for rule in load_catalog().call_flow_rules.items:
        assert rule.title in rules
    assert "<q>how may i help</q>" in rules and "<td>15</td>" in rules
    with app.app_context():
        answers = db.session.scalars(db.select(Answer).where(Answer.rehearsal_id == rehearsal_id)).all()
        assert [a.metrics["qa_percent"] for a in answers] == [100.0] * 6


def test_mock_call_failed_items_show_the_hint_and_the_turn(client, app, tone_wav):
    app.config["TRANSCRIBER"] = ScriptedTranscriber(["Hello, this is Anna. How can I help you?",
                                                      "Okay.", "Okay.", "Okay.", "Okay.", "Okay, bye."])
    rehearsal_id = start(client, "mock-call", scenario=SCENARIO)
    answer_turns(client, tone_wav, rehearsal_id, [SCENARIO] * 6)
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    for key in ("opening", "verification", "empathy", "resolution", "closing"):
        assert f'class="qa-item qa-fail" data-key="{key}"' in html
    assert 'class="qa-item qa-pass" data-key="dead_air"' in html
    assert "did not include the company name" in html
    assert "The caller was upset in turn 2" in html
    with app.app_context():
        percents = {a.metrics["qa_percent"] for a in db.session.scalars(db.select(Answer))}
    assert len(percents) == 1 and percents.pop() < 20


def test_mock_call_qa_waits_for_every_turn(client, app, tone_wav):
    rehearsal_id = start(client, "mock-call", scenario=SCENARIO)
    bodies = answer_turns(client, tone_wav, rehearsal_id, [SCENARIO] * 3)
    assert all("call_qa" not in b["analysis"] for b in bodies)
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    assert "The checklist appears when every turn" in html and "qa-percent" not in html


def test_read_aloud_drill_set_scores_and_highlights_each_item(client, app, tone_wav):
    rehearsal_id = start(client, "read-aloud")
    steps = plan("read-aloud", rehearsal_id)
    said = [s.script for s in steps]
    first = steps[0].script.split()
    said[0] = " ".join(["banana"] + first[1:3] + first[4:] + ["extra"])  # one misread, one skipped, one added
    app.config["TRANSCRIBER"] = ScriptedTranscriber(said)
    bodies = answer_turns(client, tone_wav, rehearsal_id, [s.prompt_key for s in steps])
    assert [b["analysis"]["read_accuracy"] == 1.0 for b in bodies] == [False] + [True] * 7
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    match = re.search(r'id="drill-score">([\d.]+)<', html)
    assert 90 < float(match.group(1)) < 100
    assert '<span class="diff-misread" title="You said “banana”">' in html
    assert 'class="diff-skipped"' in html and '<span class="diff-added" title="Added">+extra</span>' in html
    assert html.count("Accuracy 100%") == 7


def test_listen_repeat_sentence_is_not_shown_before_answering(client):
    rehearsal_id = start(client, "listen-repeat")
    html = client.get(f"/rehearsals/{rehearsal_id}/take").get_data(as_text=True)
    step = plan("listen-repeat", rehearsal_id)[0]
    assert f'data-speak="{step.script}"'.replace("'", "&#39;") in html
    assert len(re.findall(r'<p class="step-text" data-role="text" hidden>', html)) == 8


def test_read_aloud_passage_is_shown_before_answering(client):
    rehearsal_id = start(client, "read-aloud")
    html = client.get(f"/rehearsals/{rehearsal_id}/take").get_data(as_text=True)
    assert len(re.findall(r'<p class="step-text passage" data-role="text">', html)) == 8


def test_drill_answer_review_shows_its_script_diff_and_sitting_link(client, app, tone_wav):
    rehearsal_id = start(client, "listen-repeat")
    step = plan("listen-repeat", rehearsal_id)[0]
    app.config["TRANSCRIBER"] = ScriptedTranscriber([step.script])
    body = answer_turns(client, tone_wav, rehearsal_id, [step.prompt_key])[0]
    html = client.get(f"/answers/{body['id']}").get_data(as_text=True)
    assert 'id="script-diff"' in html and "100% accurate" in html
    assert f'href="/rehearsals/{rehearsal_id}"' in html


def test_introduction_review_shows_the_checklist_with_sentences_and_hints(client, app, tone_wav):
    app.config["TRANSCRIBER"] = ScriptedTranscriber([
        "Hi, my name is Maria Santos. I finished a degree in tourism last year. "
        "I like working with people and I stay calm under pressure."])
    body = wait_until_finished(client, upload(client, tone_wav, filename="answer.wav").get_json()["url"])
    checklist = body["analysis"]["checklist"]
    assert {i["key"]: i["passed"] for i in checklist["items"]}["name"] is True
    html = client.get(f"/answers/{body['id']}").get_data(as_text=True)
    assert 'id="checklist"' in html
    assert "“Hi, my name is Maria Santos.” <span class=\"muted\">— at 0.2 s" in html
    missing = [i for i in checklist["items"] if not i["passed"]]
    assert missing, checklist
    for item in missing:
        assert item["hint"].replace("'", "&#39;").replace('"', "&#34;") in html
    with app.app_context():
        assert db.session.get(Answer, body["id"]).metrics["checklist_pct"] == checklist["score_pct"]


def test_transcripts_and_quotes_are_escaped_on_summaries(client, app, tone_wav):
    app.config["TRANSCRIBER"] = ScriptedTranscriber(["<script>alert(1)</script> Hello, thank you for calling."])
    rehearsal_id = start(client, "mock-call", scenario="cs-change-flight-date")
    answer_turns(client, tone_wav, rehearsal_id, ["cs-change-flight-date"] * 5)
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    phone = start(client, "phone-interview")
    answer_turns(client, tone_wav, phone, [plan("phone-interview", phone)[0].prompt_key])
    summary = client.get(f"/rehearsals/{phone}").get_data(as_text=True)
    assert "<script>alert(1)" not in summary and "&lt;script&gt;" in summary


def test_unknown_sitting_is_404(client):
    assert client.get("/rehearsals/999").status_code == 404
    assert client.get("/rehearsals/999/take").status_code == 404


def test_a_sitting_headline_is_what_its_parts_add_up_to():
    call = Summary("mock-call", [], averages={"overall": 98.0}, call=SimpleNamespace(score_pct=5.6))
    assert call.sitting_part == ("Call QA", 5.6) and call.overall == 52
    drill = Summary("read-aloud", [], averages={"overall": 84.0}, drills=SimpleNamespace(score=97.3))
    assert drill.sitting_part == ("Drill score", 97.3) and drill.overall == 91
    phone = Summary("phone-interview", [], averages={"overall": 61.4})
    assert phone.sitting_part is None and phone.overall == 61
    assert Summary("phone-interview", [], averages={"overall": None}).overall is None


JFK = ("And so my fellow Americans, ask not what your country can do for you, "
       "ask what you can do for your country.")


def test_a_phone_screen_answered_with_one_famous_quote_throughout_is_not_a_good_call(client, app, tmp_path):
    app.config["TRANSCRIBER"] = FakeTranscriber(spoken(JFK))
    rehearsal_id = start(client, "phone-interview")
    steps = plan("phone-interview", rehearsal_id)
    bodies = answer_turns(client, speech_like_wav(tmp_path / "quote.wav", JFK), rehearsal_id,
                          [s.prompt_key for s in steps])
    assert all(b["analysis"]["scores"]["delivery"] >= 85 for b in bodies), "it sounded fine"
    off_topic = [b for b in bodies if not b["analysis"]["content"]["answers_the_question"]]
    assert len(off_topic) >= len(steps) - 1  # "any questions for me?" hears a loose fit in "ask what you can do"
    assert all(b["analysis"]["scores"]["overall"] <= 49 for b in off_topic)
    assert all(b["analysis"]["content"]["score"] < 25 for b in bodies)
    html = client.get(f"/rehearsals/{rehearsal_id}").get_data(as_text=True)
    overall = int(re.search(r'id="sitting-overall">(\d+)<', html).group(1))
    assert overall < 60, "no better than 'Getting there'"
    assert html.count("Does not answer the question, content ") == len(off_topic)
