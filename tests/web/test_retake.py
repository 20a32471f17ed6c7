"""Record again: the same question, the same turn of the same sitting, then the two takes compared."""
import re

from markupsafe import escape

from practice.extensions import db
from practice.models import Answer
from practice.sittings import plan, summarise
from tests.audio_files import tone, write_wav
from tests.web.helpers import upload, wait_until_finished


def start(client, kind, **form) -> int:
    response = client.post("/rehearsals", data={"kind": kind, **form})
    return int(re.search(r"/rehearsals/(\d+)/take$", response.headers["Location"]).group(1))


def answer_turn(client, wav, rehearsal_id, turn, key) -> dict:
    created = upload(client, wav, filename="answer.wav", prompt_id=key, rehearsal_id=str(rehearsal_id),
                     turn_index=str(turn))
    assert created.status_code == 202, created.get_json()
    return wait_until_finished(client, created.get_json()["url"])


def test_record_again_on_a_phone_interview_turn_records_that_same_turn(app, client, tmp_path):
    wav = write_wav(tmp_path / "tone.wav", tone(3.0))
    rehearsal_id = start(client, "phone-interview")
    steps = plan("phone-interview", rehearsal_id)
    first = answer_turn(client, wav, rehearsal_id, 2, steps[2].prompt_key)
    review = client.get(f"/answers/{first['id']}").get_data(as_text=True)
    assert f'href="/answers/{first["id"]}/again"' in review

    page = client.get(f"/answers/{first['id']}/again").get_data(as_text=True)
    assert str(escape(steps[2].text)) in page
    assert f'data-prompt-key="{steps[2].prompt_key}"' in page
    assert f'data-rehearsal-id="{rehearsal_id}" data-turn-index="2"' in page
    assert f'data-voice-url="/voice/rehearsals/{rehearsal_id}/turns/2.wav"' in page
    compare = f'data-compare-url="/compare?prompt={steps[2].prompt_key}&amp;a={first["id"]}"'
    assert compare in page

    second = answer_turn(client, wav, rehearsal_id, 2, steps[2].prompt_key)
    with app.app_context():
        rehearsal = db.session.get(Answer, second["id"]).rehearsal
        assert summarise(rehearsal).rows[2].answer.id == second["id"]  # the sitting takes the new take
    compared = client.get(f"/compare?prompt={steps[2].prompt_key}&a={first['id']}&b={second['id']}")
    assert compared.status_code == 200


def test_record_again_on_a_mock_call_turn_plays_that_callers_line(client, tmp_path):
    wav = write_wav(tmp_path / "tone.wav", tone(3.0))
    rehearsal_id = start(client, "mock-call", scenario="cs-bill-higher-than-usual")
    steps = plan("mock-call", rehearsal_id, "cs-bill-higher-than-usual")
    first = answer_turn(client, wav, rehearsal_id, 1, steps[1].prompt_key)
    page = client.get(f"/answers/{first['id']}/again").get_data(as_text=True)
    assert str(escape(steps[1].text)) in page and str(escape(steps[0].text)) not in page
    assert f'data-voice-url="/voice/rehearsals/{rehearsal_id}/turns/1.wav"' in page
    assert "Recording this turn again" in page


def test_record_again_on_a_single_question_uses_its_own_page(client, tmp_path):
    wav = write_wav(tmp_path / "tone.wav", tone(3.0))
    created = upload(client, wav, filename="answer.wav", prompt_id="intro-tell-me-about-yourself")
    first = wait_until_finished(client, created.get_json()["url"])
    page = client.get(f"/answers/{first['id']}/again").get_data(as_text=True)
    assert 'data-prompt-key="intro-tell-me-about-yourself"' in page and "data-rehearsal-id" not in page
    assert 'data-voice-url="/voice/prompts/intro-tell-me-about-yourself.wav"' in page


def test_a_read_aloud_passage_again_is_not_spoken(client, tmp_path):
    wav = write_wav(tmp_path / "tone.wav", tone(3.0))
    rehearsal_id = start(client, "read-aloud")
    steps = plan("read-aloud", rehearsal_id)
    first = answer_turn(client, wav, rehearsal_id, 0, steps[0].prompt_key)
    page = client.get(f"/answers/{first['id']}/again").get_data(as_text=True)
    assert 'data-voice-url="" data-silent="yes"' in page


def test_record_again_of_an_unknown_answer_is_not_found(client):
    assert client.get("/answers/999/again").status_code == 404
