from pathlib import Path

import pytest

from practice.extensions import db
from practice.models import Answer
from tests.audio_files import tone, write_wav
from tests.fakes import FakeTranscriber
from tests.web.helpers import upload, wait_until_finished


@pytest.fixture
def tone_wav(tmp_path):
    return write_wav(tmp_path / "tone.wav", tone(3.0))


def test_upload_returns_202_with_location_and_queued_status(client, tone_wav):
    response = upload(client, tone_wav, filename="answer.wav")
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] in ("queued", "running", "done")
    assert body["url"] == f"/api/answers/{body['id']}"
    assert response.headers["Location"].endswith(body["url"])


def test_upload_is_analysed_in_background_and_stored(client, app, tone_wav):
    body = wait_until_finished(client, upload(client, tone_wav, filename="answer.wav").get_json()["url"])
    assert body["status"] == "done"
    assert [w["text"] for w in body["analysis"]["words"]] == ["Hello,", "my", "name", "is", "Maria."]
    with app.app_context():
        answer = db.session.get(Answer, body["id"])
        assert answer.prompt_text.startswith("Tell me about yourself")
        assert answer.audio_format == "wav"
        assert answer.metrics is not None
        assert answer.finished_at is not None


def test_failed_analysis_keeps_recording_and_says_why(client, app, tone_wav):
    app.config["TRANSCRIBER"] = FakeTranscriber(fail_with=RuntimeError("model exploded"))
    body = wait_until_finished(client, upload(client, tone_wav, filename="answer.wav").get_json()["url"])
    assert body["status"] == "failed"
    assert "model exploded" in body["error"]
    assert "recording is kept" in body["error"]
    with client.get(f"/answers/{body['id']}/audio") as audio:
        assert audio.status_code == 200
        assert audio.data[:4] == b"RIFF"


def test_analyse_again_recovers_a_failed_answer(client, app, tone_wav):
    app.config["TRANSCRIBER"] = FakeTranscriber(fail_with=RuntimeError("temporary"))
    url = upload(client, tone_wav, filename="answer.wav").get_json()["url"]
    assert wait_until_finished(client, url)["status"] == "failed"
    app.config["TRANSCRIBER"] = FakeTranscriber()
    again = client.post(f"{url}/analyse")
    assert again.status_code == 202
    body = wait_until_finished(client, url)
    assert body["status"] == "done"
    assert "error" not in body


def test_unknown_answer_is_404_json(client):
    response = client.get("/api/answers/999")
    assert response.status_code == 404
    assert "error" in response.get_json()


def test_audio_supports_range_requests_for_seeking(client, tone_wav):
    body = wait_until_finished(client, upload(client, tone_wav, filename="answer.wav").get_json()["url"])
    with client.get(f"/answers/{body['id']}/audio", headers={"Range": "bytes=0-99"}) as partial:
        assert partial.status_code == 206
        assert len(partial.data) == 100
        assert partial.headers["Content-Range"].startswith("bytes 0-99/")
        assert partial.headers["Content-Type"] == "audio/wav"


@pytest.mark.parametrize("payload, filename, status, message", [
    (b"", "answer.webm", 400, "empty"),
    (b"hello, this is plain text, not audio at all", "answer.webm", 415, "not audio"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "answer.webm", 415, "not audio"),
])
def test_bad_uploads_are_refused_and_leave_nothing(client, app, payload, filename, status, message):
    response = upload(client, payload, filename=filename)
    assert response.status_code == status
    assert message in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0
    assert not any(Path(app.config["RECORDINGS_DIR"]).iterdir())


def test_missing_audio_field_is_400(client):
    response = client.post("/api/answers", data={"prompt_id": "intro-tell-me-about-yourself"})
    assert response.status_code == 400
    assert "audio" in response.get_json()["error"]


def test_unknown_prompt_is_400(client, tone_wav):
    response = upload(client, tone_wav, filename="answer.wav", prompt_id="no-such-question")
    assert response.status_code == 400
    assert "no-such-question" in response.get_json()["error"]


def test_analyse_again_form_works_without_javascript(client, app, tone_wav):
    app.config["TRANSCRIBER"] = FakeTranscriber(fail_with=RuntimeError("temporary"))
    url = upload(client, tone_wav, filename="answer.wav").get_json()["url"]
    answer_id = wait_until_finished(client, url)["id"]
    app.config["TRANSCRIBER"] = FakeTranscriber()
    response = client.post(f"/answers/{answer_id}/analyse")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/answers/{answer_id}")
    assert wait_until_finished(client, url)["status"] == "done"


def test_upload_for_an_unknown_rehearsal_is_400_and_stores_nothing(client, app, tone_wav):
    response = upload(client, tone_wav, filename="answer.wav", rehearsal_id="4242", turn_index="0")
    assert response.status_code == 400
    assert "4242" in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0
    assert not any(Path(app.config["RECORDINGS_DIR"]).iterdir())
