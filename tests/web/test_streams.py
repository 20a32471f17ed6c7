"""Streamed answers through the API: chunks by sequence number, faults, unfinished takes, one pipeline."""
from __future__ import annotations

import json
import threading
import time
import wave

import numpy as np
import pytest

from practice import chunks, storage
from practice.audio.pcm import Pcm
from practice.extensions import db
from practice.models import Answer
from tests.fakes import FakeTranscriber
from tests.web.helpers import wait_until_finished
from tests.web.stream_client import (open_stream, pcm_chunks, post_chunk, speech_like, stop, stream_answer,
                                     stream_until_stop)


def recording_pcm_bytes(app, answer_id: int) -> bytes:
    with app.app_context():
        path = storage.recording_path(db.session.get(Answer, answer_id).audio_filename)
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        return w.readframes(w.getnframes())


def chunk_dir(app, answer_id: int):
    with app.app_context():
        return chunks.chunk_dir_for(storage.recording_path(db.session.get(Answer, answer_id).audio_filename))


def test_streamed_answer_is_decoded_segment_by_segment_and_kept_whole(client, app):
    speech = speech_like(24.0, pauses_at_s=(11.5,))
    body = wait_until_finished(client, stream_answer(client, speech)["url"])
    assert body["status"] == "done"
    fake = app.config["TRANSCRIBER"]
    assert fake.calls == 2 and fake.prompts == [None, None]
    starts = [w["start_s"] for w in body["analysis"]["words"]]
    assert starts[:5] == [0.2, 0.6, 0.75, 1.0, 1.1]
    assert 11.5 + 0.2 < starts[5] < 12.1 + 0.2  # cut inside the pause, moved to answer time
    assert body["analysis"]["duration_s"] == pytest.approx(24.6, abs=0.01)
    assert "streamed_asr_s" in body["analysis"]["timing"]
    assert recording_pcm_bytes(app, body["id"]) == speech.to_int16_bytes()
    assert not chunk_dir(app, body["id"]).exists()


def write_wav(pcm, path) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(pcm.rate_hz)
        w.writeframes(pcm.to_int16_bytes())


def timed_words(analysis: dict) -> list[tuple[str, float, float]]:
    return [(w["text"], w["start_s"], w["end_s"]) for w in analysis["words"]]


def test_analyse_again_and_flask_analyze_cut_and_time_the_words_as_the_stream_did(client, app, runner, tmp_path):
    speech = speech_like(24.0, pauses_at_s=(11.5,))
    url = stream_answer(client, speech)["url"]
    streamed = wait_until_finished(client, url)["analysis"]
    fake = app.config["TRANSCRIBER"]
    assert fake.calls == 2
    assert client.post(f"{url}/analyse").status_code == 202
    again = wait_until_finished(client, url)["analysis"]
    write_wav(speech, tmp_path / "answer.wav")
    printed = runner.invoke(args=["analyze", str(tmp_path / "answer.wav"), "--json"])
    assert printed.exit_code == 0, printed.output
    assert fake.calls == 6 and fake.prompts == [None] * 6  # two segments each time, decoded unprompted
    assert len(timed_words(streamed)) == 10 and timed_words(streamed)[5][1] > 11.5
    assert timed_words(again) == timed_words(streamed) == timed_words(json.loads(printed.output))
    assert "streamed_asr_s" in streamed["timing"] and "streamed_asr_s" not in again["timing"]


def test_stop_measures_voicing_and_pitch_from_the_tracks_kept_while_recording(client, app, monkeypatch):
    from practice.audio import report, take
    from practice.audio.pitch import measure_pitch

    speech = speech_like(24.0, pauses_at_s=(11.5,))
    whole = measure_pitch(speech)

    def not_at_stop(pcm):
        raise AssertionError("a whole-file Praat track after Stop")

    monkeypatch.setattr(take, "track_voice", not_at_stop)
    monkeypatch.setattr(report, "measure_pitch", not_at_stop)
    read_by_praat, check_take = [], take.check_take

    def checked(pcm, voice=None, samples_f64=None):
        read_by_praat.append(samples_f64)
        return check_take(pcm, voice, samples_f64=samples_f64)

    from practice.web import streams
    monkeypatch.setattr(streams, "check_take", checked)
    body = wait_until_finished(client, stream_answer(client, speech)["url"])
    assert body["status"] == "done"
    sent = Pcm.from_int16_bytes(speech.to_int16_bytes(), speech.rate_hz).samples
    assert read_by_praat[0].dtype == np.float64 and np.array_equal(read_by_praat[0], sent)
    assert body["analysis"]["pitch_sd_semitones"] == pytest.approx(whole.sd_semitones, abs=0.05)
    assert body["analysis"]["pitch_median_hz"] == pytest.approx(whole.median_hz, rel=0.01)


def test_stop_makes_the_signal_measures_while_the_last_segment_decodes(client, app, monkeypatch):
    from practice.audio import report
    from practice.web import streams

    speech = speech_like(24.0, pauses_at_s=(11.5,))
    measured_in_request, measure = [], report.measure_signal

    def at_stop(pcm, activity=None, pitch=None):
        measured_in_request.append((pcm.duration_s, activity is not None, pitch is not None))
        return measure(pcm, activity, pitch)

    def not_after_the_words(pcm, activity=None, pitch=None):
        raise AssertionError("the signal measured again after the last segment's words")

    monkeypatch.setattr(streams, "measure_signal", at_stop)
    monkeypatch.setattr(report, "measure_signal", not_after_the_words)
    opened, count = stream_until_stop(client, speech)
    assert stop(client, opened["id"], count).status_code == 202
    assert measured_in_request == [(pytest.approx(24.6, abs=0.01), True, True)]
    body = wait_until_finished(client, opened["url"])
    assert body["status"] == "done" and body["analysis"]["pauses"] and body["analysis"]["snr_db"] is not None


def test_signal_measures_that_fail_at_stop_are_made_by_the_analysis(client, app, monkeypatch):
    from practice.web import streams

    def broken(pcm, activity=None, pitch=None):
        raise FloatingPointError("a fault in the measures")

    monkeypatch.setattr(streams, "measure_signal", broken)
    body = wait_until_finished(client, stream_answer(client, speech_like(24.0, pauses_at_s=(11.5,)))["url"])
    assert body["status"] == "done" and body["analysis"]["pauses"] and body["analysis"]["level_dbfs"] is not None


def test_each_decoded_segment_has_the_answers_sentences_encoded_before_stop(client, app, monkeypatch):
    from practice import streaming

    warmed = []
    monkeypatch.setattr(streaming, "warm_answer_sentences", warmed.append)
    body = wait_until_finished(client, stream_answer(client, speech_like(24.0, pauses_at_s=(12.5,)))["url"])
    words = [w["text"] for w in body["analysis"]["words"]]
    assert len(warmed) == 2 and warmed[1] == " ".join(words) and warmed[0] == " ".join(words[:len(words) // 2])


def test_the_last_segment_is_queued_before_stop_checks_the_take(client, app, monkeypatch):
    from practice.web import streams

    speech = speech_like(8.0)
    opened, count = stream_until_stop(client, speech)
    nothing_open_at_check = []

    def check_take(pcm, voice=None, samples_f64=None):
        segmenter = app.extensions["practice.streams"].get(opened["id"]).segmenter
        nothing_open_at_check.append(segmenter.open_start_s == segmenter.heard_s)
        return take.check_take(pcm, voice, samples_f64=samples_f64)

    from practice.audio import take
    monkeypatch.setattr(streams, "check_take", check_take)
    assert stop(client, opened["id"], count).status_code == 202
    assert nothing_open_at_check == [True]
    assert wait_until_finished(client, opened["url"])["status"] == "done"


class EncodingTranscriber(FakeTranscriber):
    """Reaches its encoder (routed through shared_encoder, as Whisper's is) a moment after it is called."""

    def __init__(self) -> None:
        from practice.speech import shared_encoder

        super().__init__()
        shared_encoder.install(self)

    def encode(self, features):
        return 0.0

    def transcribe(self, pcm, *, prompt=None):
        time.sleep(0.1)  # VAD and the features come first
        self.encode(np.zeros((80, 3000), np.float32))
        return super().transcribe(pcm, prompt=prompt)


def test_stop_checks_the_take_once_the_last_segment_is_in_the_encoder(client, app, monkeypatch):
    from practice.audio import take
    from practice.speech import shared_encoder
    from practice.web import streams

    app.config["TRANSCRIBER"] = EncodingTranscriber()
    speech = speech_like(8.0)
    opened, count = stream_until_stop(client, speech)
    encodes_at_check = []

    def check_take(pcm, voice=None, samples_f64=None):
        encodes_at_check.append(shared_encoder.encodes_started())
        return take.check_take(pcm, voice, samples_f64=samples_f64)

    monkeypatch.setattr(streams, "check_take", check_take)
    before = shared_encoder.encodes_started()
    assert stop(client, opened["id"], count).status_code == 202
    assert encodes_at_check == [before + 1]
    assert wait_until_finished(client, opened["url"])["status"] == "done"


def test_stop_of_a_live_stream_joins_the_take_from_memory_after_queueing_the_last_segment(client, app, monkeypatch):
    from practice import streaming

    speech = speech_like(8.0)
    opened, count = stream_until_stop(client, speech)
    nothing_open_at_join, whole = [], streaming.StreamSession.whole

    def joined(session, samples):
        nothing_open_at_join.append(session.segmenter.open_start_s == session.segmenter.heard_s)
        return whole(session, samples)

    def read_back(directory):
        raise AssertionError("a live session's chunks were read back at Stop")

    monkeypatch.setattr(streaming.StreamSession, "whole", joined)
    monkeypatch.setattr(chunks, "joined_bytes", read_back)
    assert stop(client, opened["id"], count).status_code == 202
    assert nothing_open_at_join == [True]
    body = wait_until_finished(client, opened["url"])
    assert body["status"] == "done" and body["analysis"]["duration_s"] == pytest.approx(speech.duration_s, abs=0.01)
    assert recording_pcm_bytes(app, body["id"]) == speech.to_int16_bytes()


def test_the_same_chunk_twice_is_stored_once_and_different_bytes_are_refused(client, app):
    opened = open_stream(client)
    first, second = pcm_chunks(speech_like(3.0))[:2]
    assert post_chunk(client, opened["id"], 0, first).get_json()["stored"] is True
    again = post_chunk(client, opened["id"], 0, first)
    assert again.status_code == 200 and again.get_json()["stored"] is False
    clash = post_chunk(client, opened["id"], 0, second)
    assert clash.status_code == 409 and "different audio" in clash.get_json()["error"]
    assert chunks.read_chunk(chunk_dir(app, opened["id"]), 0) == first


def test_a_lost_chunk_is_named_at_stop_and_can_be_sent_again(client, app):
    speech = speech_like(6.0)
    parts = pcm_chunks(speech)
    opened = open_stream(client)
    for seq in (0, 1, 3):
        post_chunk(client, opened["id"], seq, parts[seq])
    refused = stop(client, opened["id"], len(parts))
    assert refused.status_code == 409 and refused.get_json()["missing"] == [2]
    post_chunk(client, opened["id"], 2, parts[2])
    assert stop(client, opened["id"], len(parts)).status_code == 202
    assert wait_until_finished(client, f"/api/answers/{opened['id']}")["status"] == "done"
    assert recording_pcm_bytes(app, opened["id"]) == speech.to_int16_bytes()
    assert stop(client, opened["id"], len(parts)).status_code == 202  # a retried Stop changes nothing


def test_a_closed_tab_leaves_an_unfinished_take_that_can_be_finished(client, app):
    speech = speech_like(4.5)
    opened = open_stream(client)
    for seq, data in enumerate(pcm_chunks(speech)):
        post_chunk(client, opened["id"], seq, data)
    page = client.get(f"/answers/{opened['id']}").get_data(as_text=True)
    assert "This take was not finished: 4 s of audio arrived" in page and "Finish and analyse" in page
    assert client.post(f"/answers/{opened['id']}/analyse").status_code == 409  # nothing to re-analyse yet
    assert client.post(f"/answers/{opened['id']}/finish").status_code == 302
    body = wait_until_finished(client, f"/api/answers/{opened['id']}")
    assert body["status"] == "done" and body["analysis"]["duration_s"] == pytest.approx(4.5, abs=0.01)


def test_an_unfinished_take_can_be_deleted_with_its_chunks(client, app):
    opened = open_stream(client)
    post_chunk(client, opened["id"], 0, pcm_chunks(speech_like(1.5))[0])
    directory = chunk_dir(app, opened["id"])
    assert directory.is_dir()
    assert client.post(f"/data/answers/{opened['id']}/delete").status_code == 302
    assert not directory.exists()
    with app.app_context():
        assert db.session.get(Answer, opened["id"]) is None


def test_a_server_restart_mid_answer_keeps_the_audio_and_the_answer_finishes(app_config, client, app):
    from practice import create_app

    speech = speech_like(24.0, pauses_at_s=(11.5,))
    parts = pcm_chunks(speech)
    opened = open_stream(client)
    for seq in range(5):
        post_chunk(client, opened["id"], seq, parts[seq])
    restarted = create_app({**app_config, "TRANSCRIBER": FakeTranscriber()})
    try:
        again = restarted.test_client()
        for seq in range(5, len(parts)):
            assert post_chunk(again, opened["id"], seq, parts[seq]).status_code == 200
        assert stop(again, opened["id"], len(parts)).status_code == 202
        body = wait_until_finished(again, f"/api/answers/{opened['id']}")
        assert body["status"] == "done" and restarted.config["TRANSCRIBER"].calls == 2
        assert recording_pcm_bytes(restarted, opened["id"]) == speech.to_int16_bytes()
    finally:
        restarted.extensions["practice.streams"].shutdown()
        restarted.extensions["practice.jobs"].executor.shutdown(wait=True)


def test_two_answers_streamed_at_once_keep_their_own_audio(client, app):
    one, two = speech_like(6.0, seed=1), speech_like(7.5, seed=2)
    a, b = open_stream(client), open_stream(client)
    parts_a, parts_b = pcm_chunks(one), pcm_chunks(two)
    for seq in range(max(len(parts_a), len(parts_b))):
        if seq < len(parts_a):
            post_chunk(client, a["id"], seq, parts_a[seq])
        if seq < len(parts_b):
            post_chunk(client, b["id"], seq, parts_b[seq])
    stop(client, a["id"], len(parts_a))
    stop(client, b["id"], len(parts_b))
    assert wait_until_finished(client, a["url"])["status"] == "done"
    assert wait_until_finished(client, b["url"])["status"] == "done"
    assert recording_pcm_bytes(app, a["id"]) == one.to_int16_bytes()
    assert recording_pcm_bytes(app, b["id"]) == two.to_int16_bytes()


def test_live_cues_count_words_and_fillers_once_a_segment_is_decoded(client, app):
    speech = speech_like(15.0, pauses_at_s=(12.5,))
    opened = open_stream(client)
    parts = pcm_chunks(speech)
    for seq, data in enumerate(parts):
        live = post_chunk(client, opened["id"], seq, data).get_json()["live"]
    assert live["received_s"] == pytest.approx(15.6, abs=0.01)
    assert app.extensions["practice.streams"].settled(timeout_s=30)  # the workers caught up
    live = client.get(opened["url"]).get_json()["live"]
    assert live["word_count"] == 5 and live["filler_count"] == 0 and live["pending_s"] == 0
    assert live["transcribed_s"] == pytest.approx(12.8, abs=0.05)


@pytest.mark.parametrize("data, status, message", [
    (b"\x00", 400, "even number of bytes"),
    (b"", 400, "non-empty"),
    (b"\x00\x00" * 16000 * 11, 413, "at most 10 s"),
])
def test_bad_chunks_are_refused_with_a_reason(client, data, status, message):
    opened = open_stream(client)
    response = post_chunk(client, opened["id"], 0, data)
    assert response.status_code == status and message in response.get_json()["error"]


def test_stream_needs_16_khz_and_a_known_prompt(client):
    wrong_rate = client.post("/api/streams", data={"prompt_id": "intro-tell-me-about-yourself", "sample_rate": "48000"})
    assert wrong_rate.status_code == 415
    assert client.post("/api/streams", data={}).status_code == 400


def test_stop_without_audio_is_refused_and_the_take_stays(client, app):
    opened = open_stream(client)
    response = stop(client, opened["id"])
    assert response.status_code == 422 and "No audio arrived" in response.get_json()["error"]
    with app.app_context():
        assert db.session.get(Answer, opened["id"]).status == "recording"


def test_a_late_chunk_after_stop_is_acknowledged_and_changes_nothing(client, app):
    parts = pcm_chunks(speech_like(6.0))
    opened = open_stream(client)
    for seq, part in enumerate(parts[:-1]):
        post_chunk(client, opened["id"], seq, part)
    stop(client, opened["id"], len(parts) - 1)
    late = post_chunk(client, opened["id"], len(parts) - 1, parts[-1])
    assert late.status_code == 200 and late.get_json()["stored"] is False
    wait_until_finished(client, opened["url"])
    assert recording_pcm_bytes(app, opened["id"]) == b"".join(parts[:-1])


def test_a_silent_or_too_short_stream_is_refused_at_stop_and_not_kept(client, app):
    opened = open_stream(client)
    post_chunk(client, opened["id"], 0, pcm_chunks(speech_like(1.0))[0])
    directory = chunk_dir(app, opened["id"])
    refused = stop(client, opened["id"], 1)
    assert refused.status_code == 422
    assert "not saved" in refused.get_json()["error"]
    assert client.get(opened["url"]).status_code == 404
    assert not directory.exists()


def test_orphan_chunk_folders_are_swept_and_live_ones_kept(client, app):
    opened = open_stream(client)
    with app.app_context():
        orphan = storage.recordings_dir() / "0123abcd.wav.chunks"
        orphan.mkdir()
        removed = storage.sweep_leftovers({db.session.get(Answer, opened["id"]).audio_filename},
                                          started_at_s=0, now_s=10**10)
    assert removed == ["0123abcd.wav.chunks"]
    assert chunk_dir(app, opened["id"]).is_dir()


class GatedTranscriber(FakeTranscriber):
    """Holds every decode until the gate opens, and notes how long each piece it was given was."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.durations_s: list[float] = []

    def transcribe(self, pcm, *, prompt=None):
        self.durations_s.append(round(pcm.duration_s, 1))  # in the order the decodes start
        assert self.gate.wait(30)
        return super().transcribe(pcm, prompt=prompt)


def test_the_answer_whose_user_pressed_stop_goes_before_another_answers_backlog(client, app):
    gated = app.config["TRANSCRIBER"] = GatedTranscriber()
    long_one = speech_like(47.0, pauses_at_s=(13.0, 27.0, 41.0))  # three segments of 13-15 s queue up
    short_one = speech_like(3.0)
    a, b = open_stream(client), open_stream(client)
    for seq, data in enumerate(pcm_chunks(long_one)):
        post_chunk(client, a["id"], seq, data)
    parts = pcm_chunks(short_one)
    for seq, data in enumerate(parts):
        post_chunk(client, b["id"], seq, data)
    stop(client, b["id"], len(parts))
    deadline = time.monotonic() + 30
    while len(gated.durations_s) < 2 and time.monotonic() < deadline:  # both workers inside a decode
        time.sleep(0.01)
    gated.gate.set()
    assert wait_until_finished(client, b["url"])["status"] == "done"
    assert app.extensions["practice.streams"].settled(timeout_s=30)
    # Two workers: one is already inside the long answer's first piece; the stopped answer starts next.
    assert gated.durations_s == [13.2, 3.0, 14.7, 14.6]
