"""The user's own questions: add, edit, delete, rehearse, and answer them through the API."""
import pytest

from practice.extensions import db
from practice.models import Answer, CustomPrompt
from tests.audio_files import tone, write_wav
from tests.web.helpers import upload, wait_until_finished

XSS = "<script>alert(1)</script>"


def add(client, **fields):
    form = {"kind": "introduction", "text": "Why do you want our healthcare account?", "company": "Northwind",
            "target_s": "45", "skills": ["pace", "content"], **fields}
    return client.post("/prompts", data=form)


def only_prompt(app) -> CustomPrompt:
    with app.app_context():
        rows = db.session.scalars(db.select(CustomPrompt)).all()
        assert len(rows) == 1
        db.session.expunge(rows[0])
        return rows[0]


def test_adding_a_question_saves_it_and_opens_its_rehearse_page(app, client):
    response = add(client)
    assert response.status_code == 303
    row = only_prompt(app)
    assert (row.kind, row.text, row.company, row.target_s, row.skills) == (
        "introduction", "Why do you want our healthcare account?", "Northwind", 45, ["pace", "content"])
    assert response.headers["Location"].endswith(f"/rehearse/introduction?prompt=custom-{row.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Why do you want our healthcare account?" in page
    assert f'data-prompt-key="custom-{row.id}"' in page
    assert "0:45" in page


def test_own_questions_are_listed_beside_the_catalogue(client):
    add(client, text="Describe our company in one sentence.")
    page = client.get("/rehearse/introduction").get_data(as_text=True)
    assert "Describe our company in one sentence." in page
    assert "Tell me about yourself." in page


def test_a_phone_question_is_rehearsed_on_its_own_page_not_the_sitting(app, client):
    add(client, kind="phone-interview", text="Can you start on Monday?")
    row = only_prompt(app)
    page = client.get(f"/rehearse/phone-interview?prompt={row.key}").get_data(as_text=True)
    assert "Can you start on Monday?" in page
    assert 'id="record"' in page


@pytest.mark.parametrize("field, value, message", [
    ("text", "Hi", "5 to 500 characters"),
    ("text", "x" * 501, "5 to 500 characters"),
    ("kind", "mock-call", "in-person or a phone interview"),
    ("target_s", "5", "15 to 180 seconds"),
    ("target_s", "soon", "15 to 180 seconds"),
    ("company", "c" * 121, "under 120 characters"),
    ("points", "\n".join(f"point {i}" for i in range(9)), "at most 8 talking points"),
    ("points", "p" * 201, "at most 8 talking points"),
    ("model_answer", "m" * 2001, "under 2000 characters"),
])
def test_bad_input_shows_the_form_again_and_saves_nothing(app, client, field, value, message):
    response = add(client, **{field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(CustomPrompt.id))) == 0


def test_talking_points_and_a_model_answer_are_kept_one_point_a_line(app, client):
    add(client, points="  I care about   helping sick people\n\nI am patient with older callers\n",
        model_answer="My grandmother was often in hospital, so I know how much a kind voice helps.")
    row = only_prompt(app)
    assert row.points == ["I care about helping sick people", "I am patient with older callers"]
    assert row.model_answer == "My grandmother was often in hospital, so I know how much a kind voice helps."
    page = client.get(f"/prompts/{row.id}/edit").get_data(as_text=True)
    assert "I care about helping sick people\nI am patient with older callers</textarea>" in page


def test_an_own_question_is_checked_against_the_points_its_author_wrote(app, client):
    from practice.content import check_answer

    add(client, points="I care about helping sick people\nI am patient with older callers",
        model_answer="My grandmother was often in hospital, so I know how much a kind voice helps.")
    row = only_prompt(app)
    with app.app_context():
        out = check_answer(row.key, "Helping people who are ill matters a lot to me, my grandmother was sick for "
                                    "years. I also stay calm and patient with elderly customers on the phone.")
    assert out.answers_the_question and [p.covered for p in out.points] == [True, True]
    assert out.model_answer.startswith("My grandmother")


def test_everything_typed_is_escaped(app, client):
    add(client, text=f"Question {XSS}", company=f"Evil {XSS}", points=f"Point {XSS}", model_answer=f"Say {XSS}")
    row = only_prompt(app)
    for url in ("/prompts", f"/rehearse/introduction?prompt={row.key}", f"/prompts/{row.id}/edit",
                f"/prompts/{row.id}/delete"):
        page = client.get(url).get_data(as_text=True)
        assert XSS not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_editing_changes_the_question_but_not_recorded_answers(app, client, tmp_path):
    add(client)
    row = only_prompt(app)
    created = upload(client, write_wav(tmp_path / "a.wav", tone(3.0)), filename="a.wav", prompt_id=row.key)
    assert created.status_code == 202
    wait_until_finished(client, created.get_json()["url"])
    response = client.post(f"/prompts/{row.id}", data={"kind": "introduction", "text": "A better wording?",
                                                       "company": "", "target_s": "60"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(CustomPrompt, row.id).text == "A better wording?"
        assert db.session.get(CustomPrompt, row.id).company is None
        answer = db.session.scalars(db.select(Answer)).one()
        assert (answer.prompt_key, answer.prompt_text) == (row.key, "Why do you want our healthcare account?")


def test_deleting_asks_first_then_keeps_the_answers(app, client, tmp_path):
    add(client)
    row = only_prompt(app)
    upload(client, write_wav(tmp_path / "a.wav", tone(3.0)), filename="a.wav", prompt_id=row.key)
    confirm = client.get(f"/prompts/{row.id}/delete").get_data(as_text=True)
    assert "Delete this question?" in confirm
    assert client.post(f"/prompts/{row.id}/delete").status_code == 303
    with app.app_context():
        assert db.session.get(CustomPrompt, row.id) is None
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 1
    gone = client.get(f"/rehearse/introduction?prompt={row.key}")
    assert gone.status_code == 302
    assert "was deleted" in client.get(gone.headers["Location"]).get_data(as_text=True)


def test_uploading_to_a_deleted_question_is_400(client, tmp_path):
    response = upload(client, write_wav(tmp_path / "a.wav", tone(3.0)), filename="a.wav", prompt_id="custom-999")
    assert response.status_code == 400
    assert "custom-999" in response.get_json()["error"]


def test_editing_or_deleting_needs_post(client):
    add(client)
    assert client.get("/prompts/1").status_code == 405
    assert client.get("/prompts/999/edit").status_code == 404
