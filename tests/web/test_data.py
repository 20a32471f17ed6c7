"""Your data: export as JSON, CSV and a zip of recordings; delete one answer or everything, after confirming."""
import csv
import hashlib
import io
import json
import zipfile

import pytest

from practice import storage
from practice.demo import demo_answers, demo_applications
from practice.extensions import db
from practice.models import Answer, Application, CustomPrompt, Interview, Tip


@pytest.fixture
def seeded(app):
    with app.app_context():
        db.session.add_all(demo_answers(6, storage.recordings_dir()))
        db.session.add_all(demo_applications())
        tip = db.session.scalars(db.select(Tip)).unique().first()
        tip.text = "=HYPERLINK(\"http://evil\") <script>alert(1)</script>"
        db.session.add(CustomPrompt(kind="introduction", text="Why our bank?", company="Northwind", skills=["content"],
                                    points=["Our branches near you"], model_answer="I bank with you myself."))
        db.session.commit()


def body_of(response) -> bytes:
    data = response.get_data()
    response.close()
    return data


def test_json_export_has_every_answer_with_analysis_and_the_notebook(client, seeded):
    response = client.get("/data/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(body_of(response))
    assert len(data["answers"]) == 6
    assert data["end"] == {"answers": 6, "rehearsals": 0, "applications": 7, "own_questions": 1}
    assert data["answers"][0]["analysis"]["words"] and data["answers"][0]["metrics"]["overall"] is not None
    assert len(data["applications"]) == 7
    assert [(q["text"], q["points"], q["model_answer"]) for q in data["own_questions"]] == [
        ("Why our bank?", ["Our branches near you"], "I bank with you myself.")]
    assert any(t["text"].startswith("=HYPERLINK") for a in data["applications"] for i in a["interviews"]
               for t in i["tips"])


def test_answers_csv_has_one_row_per_answer_with_scores(client, seeded):
    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/data/answers.csv")).decode())))
    assert len(rows) == 6
    assert rows[0]["kind"] and float(rows[0]["overall"]) > 0 and float(rows[0]["rate_wpm"]) > 0


def test_tips_csv_defuses_spreadsheet_formulas(client, seeded):
    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/data/tips.csv")).decode())))
    assert len(rows) == 8
    assert any(r["tip"].startswith("'=HYPERLINK") for r in rows)
    assert {r["company"] for r in rows} >= {"Metro Support Hub"}


def test_recordings_zip_holds_every_recording_named_by_answer_and_their_manifest_last(client, seeded):
    archive = zipfile.ZipFile(io.BytesIO(body_of(client.get("/data/recordings.zip"))))
    names = archive.namelist()
    assert len(names) == 7 and names[-1] == "MANIFEST.sha256"
    assert names[0].startswith("00001-") and names[0].endswith(".wav")
    manifest = archive.read("MANIFEST.sha256").decode().splitlines()
    assert manifest == [f"{hashlib.sha256(archive.read(name)).hexdigest()}  {name}" for name in names[:-1]]
    assert archive.comment == b"practice: 6 recordings; MANIFEST.sha256 holds their SHA-256"


def test_delete_one_answer_asks_first_then_removes_row_and_file(app, client, seeded):
    with app.app_context():
        answer = db.session.get(Answer, 1)
        path = storage.recording_path(answer.audio_filename)
    assert path.exists()
    confirm = client.get("/data/answers/1/delete")
    assert confirm.status_code == 200 and "Yes, delete this answer" in confirm.get_data(as_text=True)
    assert path.exists()
    response = client.post("/data/answers/1/delete")
    assert response.status_code == 302
    assert not path.exists()
    with app.app_context():
        assert db.session.get(Answer, 1) is None
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 5
    assert client.get("/answers/1").status_code == 404


def test_an_answer_being_analysed_is_not_deleted(app, client, seeded):
    with app.app_context():
        db.session.get(Answer, 2).status = "running"
        db.session.commit()
    assert client.post("/data/answers/2/delete").status_code == 409


def test_delete_everything_needs_the_typed_confirmation(app, client, seeded):
    response = client.post("/data/delete-all", data={"confirm": "yes"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 6


def test_delete_everything_removes_rows_and_recordings(app, client, seeded):
    assert "Type DELETE to confirm" in client.get("/data/delete-all").get_data(as_text=True)
    client.post("/data/delete-all", data={"confirm": "DELETE"})
    with app.app_context():
        for model in (Answer, Tip, Interview, Application, CustomPrompt):
            assert db.session.scalar(db.select(db.func.count(model.id))) == 0
        left = [p.name for p in storage.recordings_dir().iterdir()]
    assert left == []
    assert "Everything was deleted" in client.get("/data").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/data/answers/1/delete", "/data/delete-all"])
def test_deleting_needs_a_csrf_token(csrf_app_config, app, url):
    response = app.test_client().post(url, data={"confirm": "DELETE"})
    assert response.status_code == 400


def test_data_page_forms_carry_csrf_tokens(csrf_app_config, app):
    with app.app_context():
        db.session.add_all(demo_answers(1, storage.recordings_dir()))
        db.session.commit()
    client = app.test_client()
    for url in ("/data/answers/1/delete", "/data/delete-all", "/tips"):
        assert 'name="csrf_token" value="' in client.get(url).get_data(as_text=True)
