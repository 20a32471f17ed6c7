"""Every container a browser or user may send, through the API with the real decoder and real ASR."""
import json

import pytest

from practice.audio.pcm import Pcm
from practice.audio.text import normalise_words
from tests.audio_files import convert
from tests.speech_clips import joined_clean_speech, require_clip
from tests.web.helpers import upload, wait_until_finished
from tests.web.stream_client import RATE_HZ, stream_answer

pytestmark = pytest.mark.slow


@pytest.fixture
def app_config(app_config):
    """The shared test settings, but with the real default (base) transcriber instead of the fake."""
    return {**app_config, "TRANSCRIBER": None}


def share_of_reference_heard(reference: str, words: list[dict]) -> float:
    heard = set(normalise_words(" ".join(w["text"] for w in words)))
    expected = normalise_words(reference)
    return sum(word in heard for word in expected) / len(expected)


@pytest.mark.parametrize("container", ["webm", "ogg", "mp4", "wav", "flac"])
def test_each_container_is_transcribed_to_the_reference_words(client, tmp_path, container):
    clip = require_clip("21_speechbrain_LJ050-0131.wav")
    recording = convert(clip.path, tmp_path / f"answer.{container}")
    created = upload(client, recording, filename=f"answer.{container}")
    assert created.status_code == 202, created.get_json()
    body = wait_until_finished(client, created.get_json()["url"])
    assert body["status"] == "done", body.get("error")
    analysis = body["analysis"]
    assert share_of_reference_heard(clip.transcript, analysis["words"]) >= 0.85
    assert abs(analysis["duration_s"] - clip.duration_s) < 0.15
    assert analysis["rate_wpm"] > 100
    assert analysis["timing"]["engine"] == "whisper"


def test_analyse_again_of_a_streamed_answer_of_real_speech_hears_the_same_words_at_the_same_times(client):
    speech = Pcm(joined_clean_speech(35), RATE_HZ)
    url = stream_answer(client, speech)["url"]
    streamed = wait_until_finished(client, url)["analysis"]
    assert client.post(f"{url}/analyse").status_code == 202
    again = wait_until_finished(client, url)["analysis"]
    words = [(w["text"], w["start_s"], w["end_s"]) for w in streamed["words"]]
    assert "the long journey home took a year" in " ".join(normalise_words(streamed["transcript"]))
    assert [(w["text"], w["start_s"], w["end_s"]) for w in again["words"]] == words
    assert again["rate_wpm"] == streamed["rate_wpm"] and len(again["fillers"]) == len(streamed["fillers"])


def test_cli_analyze_prints_the_documented_json(runner):
    clip = require_clip("15_whisper_jfk.flac")
    result = runner.invoke(args=["analyze", str(clip.path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("duration_s", "transcript", "words", "rate_wpm", "pauses", "timing"):
        assert key in data
    assert set(data["words"][0]) >= {"text", "start_s", "end_s", "probability", "filler"}
    assert set(data["timing"]) >= {"asr_s", "total_s"}
    assert data["timing"]["total_s"] >= data["timing"]["asr_s"] > 0
    assert "ask not what your country can do for you" in " ".join(normalise_words(data["transcript"]))
    assert all(set(p) >= {"start_s", "end_s"} for p in data["pauses"])


def test_cli_analyze_scores_read_accuracy_against_a_script(runner):
    clip = require_clip("08_mfa_english_slow.wav")
    result = runner.invoke(args=["analyze", str(clip.path), "--json", "--script", clip.transcript])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["read_accuracy"] >= 0.9


def test_cli_analyze_refuses_a_file_that_is_not_audio(runner, tmp_path):
    bogus = tmp_path / "notes.webm"
    bogus.write_text("not audio at all")
    result = runner.invoke(args=["analyze", str(bogus)])
    assert result.exit_code != 0
    assert "could not decode" in result.output
