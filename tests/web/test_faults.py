"""Faults: failures are recorded with the file kept, nothing stays 'running', restarts pick work up again."""
from __future__ import annotations

import io
import os
import time

import pytest

from practice import create_app, jobs, serve, storage
from practice.analysis import Analysis
from practice.extensions import db
from practice.models import Answer
from tests.audio_files import tone, write_wav
from tests.checks.spoken import timed
from tests.factories import make_analysis
from tests.fakes import FakeTranscriber
from tests.web.helpers import upload, wait_until_finished


@pytest.fixture
def tone_wav(tmp_path):
    return write_wav(tmp_path / "tone.wav", tone(3.0))


def answer_row(app, answer_id: int) -> Answer:
    with app.app_context():
        answer = db.session.get(Answer, answer_id)
        db.session.expunge(answer)
        return answer


def test_failed_analysis_keeps_the_file_and_offers_analyse_again(app, client, tone_wav):
    app.config["TRANSCRIBER"] = FakeTranscriber(fail_with=RuntimeError("engine ran out of memory"))
    body = wait_until_finished(client, upload(client, tone_wav, filename="a.wav").get_json()["url"])
    assert body["status"] == "failed"
    assert "engine ran out of memory" in body["error"]
    filename = answer_row(app, body["id"]).audio_filename
    assert os.path.isfile(os.path.join(app.config["RECORDINGS_DIR"], filename)), "the recording stays"
    page = client.get(f"/answers/{body['id']}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Analyse again" in page
    assert "engine ran out of memory" in page


def test_a_crash_while_saving_the_result_marks_the_answer_failed(app, client, tone_wav, monkeypatch):
    """Not only analyse() can fail: a broken result must not leave the answer 'running' forever."""
    class UnsavableResult(Analysis):
        def to_dict(self):
            raise TypeError("Object of type ndarray is not JSON serializable")

    result = UnsavableResult.of(make_analysis(timed("Hello, my name is Maria.", 0.2)))
    monkeypatch.setattr(jobs, "analyse_with", lambda *args, **kwargs: result)
    body = wait_until_finished(client, upload(client, tone_wav, filename="a.wav").get_json()["url"])
    assert body["status"] == "failed"
    assert "not JSON serializable" in body["error"]
    assert "recording is kept" in body["error"]


def test_the_worker_survives_failures_and_analyses_the_next_answer(app, client, tone_wav, monkeypatch):
    monkeypatch.setattr(jobs, "run_analysis", lambda answer_id: 1 / 0)
    first = upload(client, tone_wav, filename="a.wav").get_json()["url"]
    assert wait_until_finished(client, first)["status"] == "failed"
    monkeypatch.undo()
    second = upload(client, tone_wav, filename="a.wav").get_json()["url"]
    assert wait_until_finished(client, second)["status"] == "done"


def test_missing_recording_fails_with_a_plain_reason(app, client, tone_wav):
    app.config["TRANSCRIBER"] = FakeTranscriber(fail_with=RuntimeError("first try fails"))
    body = wait_until_finished(client, upload(client, tone_wav, filename="a.wav").get_json()["url"])
    os.remove(os.path.join(app.config["RECORDINGS_DIR"], answer_row(app, body["id"]).audio_filename))
    app.config["TRANSCRIBER"] = FakeTranscriber()
    assert client.post(f"{body['url']}/analyse").status_code == 202
    again = wait_until_finished(client, body["url"])
    assert again["status"] == "failed"
    assert again["error"] == jobs.MISSING_RECORDING
    assert "Record it again." in again["error"] and "kept" not in again["error"] and ".." not in again["error"]


def test_an_unreadable_recording_is_not_offered_analyse_again(app, client, tone_wav):
    app.config["TRANSCRIBER"] = FakeTranscriber(fail_with=RuntimeError("first try fails"))
    body = wait_until_finished(client, upload(client, tone_wav, filename="a.wav").get_json()["url"])
    path = os.path.join(app.config["RECORDINGS_DIR"], answer_row(app, body["id"]).audio_filename)
    with open(path, "r+b") as f:
        f.write(b"RIFF" + b"\xff" * 60)
    app.config["TRANSCRIBER"] = FakeTranscriber()
    assert client.post(f"{body['url']}/analyse").status_code == 202
    again = wait_until_finished(client, body["url"])
    assert again["status"] == "failed"
    assert again["error"] == ("This file is not a recording we can read (webm, ogg, mp4, wav, flac or mp3). "
                              "The file is kept in the recordings folder.")


def test_analyse_again_is_refused_while_running(app, client):
    with app.app_context():
        answer = Answer(prompt_key="p", prompt_text="Q", kind="introduction", audio_filename="a" * 32 + ".wav",
                        audio_format="wav", audio_bytes=1, status="running")
        db.session.add(answer)
        db.session.commit()
        answer_id = answer.id
    response = client.post(f"/api/answers/{answer_id}/analyse")
    assert response.status_code == 409
    assert "already being analysed" in response.get_json()["error"]


# --- restart ----------------------------------------------------------------------------------

def seed_unfinished(app, tone_wav, statuses_attempts) -> list[int]:
    """Rows as a killed server leaves them: files on disk, status queued or running."""
    ids = []
    with app.app_context():
        for status, attempts in statuses_attempts:
            filename = storage.new_filename("wav")
            storage.commit_file(storage.write_temp(io.BytesIO(tone_wav.read_bytes())), filename)
            answer = Answer(prompt_key="p", prompt_text="Q", kind="introduction", audio_filename=filename,
                            audio_format="wav", audio_bytes=1, status=status, attempts=attempts)
            db.session.add(answer)
            db.session.commit()
            ids.append(answer.id)
    return ids


def restart(app_config):
    """What the serving process does at start (its background tasks, run here to the end)."""
    app = create_app(app_config)
    serve.run_startup_tasks(app)
    app.extensions["practice.jobs"].executor.shutdown(wait=True)
    return app


def test_restart_finishes_answers_left_queued_or_running(app, app_config, tone_wav):
    ids = seed_unfinished(app, tone_wav, [("queued", 0), ("running", 1), ("done", 1)])
    restarted = restart(app_config)
    assert [answer_row(restarted, i).status for i in ids] == ["done", "done", "done"]


def test_an_answer_that_keeps_killing_the_server_is_not_retried_forever(app, app_config, tone_wav):
    [looping] = seed_unfinished(app, tone_wav, [("running", jobs.MAX_ATTEMPTS_AFTER_CRASH)])
    restarted = restart(app_config)
    answer = answer_row(restarted, looping)
    assert answer.status == "failed"
    assert "Analyse again" in answer.error


# --- files and database -----------------------------------------------------------------------

def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app):
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_files_are_written_to_a_temp_name_fsynced_then_renamed(app, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(storage.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(storage.os, "replace", lambda a, b: (calls.append(("replace", str(a), str(b))),
                                                            real_replace(a, b))[1])
    with app.app_context():
        tmp = storage.write_temp(io.BytesIO(b"RIFF" + bytes(100)))
        assert tmp.name.endswith(storage.TMP_SUFFIX)
        final = storage.commit_file(tmp, "abc.wav")
    assert calls[0] == "fsync"
    assert calls[1] == ("replace", str(tmp), str(final))
    assert calls[2] == "fsync", "the folder is fsynced so the rename itself survives a power cut"
    assert final.read_bytes() == b"RIFF" + bytes(100)
    assert not tmp.exists()


def test_a_write_cut_off_midway_leaves_no_temp_file(app):
    class DroppedConnection(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise ConnectionResetError("client went away")

    with app.app_context():
        with pytest.raises(ConnectionResetError):
            storage.write_temp(DroppedConnection())
        assert list(storage.recordings_dir().iterdir()) == []


def test_start_up_sweep_removes_earlier_temp_files_and_old_files_without_rows(app):
    """A .part from before this start goes at once; an orphan only when no upload can still own it."""
    with app.app_context():
        folder = storage.recordings_dir()
        for name in ("kept.wav", "old-orphan.wav", "old.part", "new-orphan.wav", "earlier.part", "in-flight.part"):
            (folder / name).write_bytes(b"x")
        started_at_s = time.time()
        old_s = started_at_s - storage.ORPHAN_AGE_S - 60
        for name in ("kept.wav", "old-orphan.wav", "old.part"):
            os.utime(folder / name, (old_s, old_s))
        os.utime(folder / "earlier.part", (started_at_s - 5, started_at_s - 5))
        os.utime(folder / "in-flight.part", (started_at_s + 1, started_at_s + 1))
        removed = storage.sweep_leftovers({"kept.wav"}, started_at_s)
        assert sorted(removed) == ["earlier.part", "old-orphan.wav", "old.part"]
        assert sorted(p.name for p in folder.iterdir()) == ["in-flight.part", "kept.wav", "new-orphan.wav"]
