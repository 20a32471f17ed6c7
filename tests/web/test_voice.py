"""The voice routes: each spoken line as a WAV from the server, the phone band for calls, clear otherwise."""
import io
import re
import wave

import pytest

from practice.sittings import plan
from practice.speech import voice


def start(client, kind, **form) -> int:
    response = client.post("/rehearsals", data={"kind": kind, **form})
    return int(re.search(r"/rehearsals/(\d+)/take$", response.headers["Location"]).group(1))


def fetch(client, url: str, **kwargs):
    """The response with its body read and its file closed (send_file streams from an open file)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def rate_of(response) -> int:
    with wave.open(io.BytesIO(response.data), "rb") as reader:
        return reader.getframerate()


@pytest.mark.slow
def test_a_phone_interview_question_is_a_phone_band_wav_rendered_once(client):
    rehearsal_id = start(client, "phone-interview")
    first = fetch(client, f"/voice/rehearsals/{rehearsal_id}/turns/0.wav")
    assert first.status_code == 200 and first.mimetype == "audio/wav"
    assert rate_of(first) == voice.TELEPHONE_RATE_HZ
    assert first.headers["X-Render-Seconds"] != "cached"
    again = fetch(client, f"/voice/rehearsals/{rehearsal_id}/turns/0.wav")
    assert again.headers["X-Render-Seconds"] == "cached" and again.data == first.data


@pytest.mark.slow
def test_an_in_person_question_is_spoken_clearly_at_the_voices_own_rate(client):
    response = fetch(client, "/voice/prompts/intro-tell-me-about-yourself.wav")
    assert response.status_code == 200 and rate_of(response) == 22050


def test_the_sitting_page_links_each_spoken_turn_to_its_line(client):
    rehearsal_id = start(client, "mock-call", scenario="cs-bill-higher-than-usual")
    html = client.get(f"/rehearsals/{rehearsal_id}/take").get_data(as_text=True)
    turns = len(plan("mock-call", rehearsal_id, "cs-bill-higher-than-usual"))
    for turn in range(turns):
        assert f'data-voice-url="/voice/rehearsals/{rehearsal_id}/turns/{turn}.wav"' in html
    assert "Show the words" in html


def test_the_rehearse_page_names_its_questions_line(client):
    html = client.get("/rehearse/introduction").get_data(as_text=True)
    assert 'data-voice-url="/voice/prompts/intro-tell-me-about-yourself.wav"' in html


@pytest.mark.parametrize("url", ["/voice/prompts/no-such-question.wav", "/voice/rehearsals/999/turns/0.wav"])
def test_unknown_lines_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_a_turn_past_the_end_or_with_nothing_spoken_is_not_found(client):
    rehearsal_id = start(client, "phone-interview")
    assert client.get(f"/voice/rehearsals/{rehearsal_id}/turns/99.wav").status_code == 404
    read_aloud = start(client, "read-aloud")  # passages are read by the user, not spoken to them
    assert client.get(f"/voice/rehearsals/{read_aloud}/turns/0.wav").status_code == 404


def test_without_a_server_voice_the_browser_is_told_to_use_its_own(client, monkeypatch):
    def unavailable(*args, **kwargs):
        raise voice.VoiceUnavailable("piper-tts is not installed")

    monkeypatch.setattr(voice, "render_line", unavailable)
    response = client.get("/voice/prompts/intro-tell-me-about-yourself.wav", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert "browser's voice" in response.get_json()["error"]
