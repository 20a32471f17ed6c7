"""Faults during exports and deletes: whole files or an error, both row and recording or neither."""
from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from practice import storage
from practice.demo import demo_answers
from practice.extensions import db
from practice.models import Answer

PAGE_BYTES = 4096
EXPORTS = ["/data/export.json", "/data/answers.csv", "/data/tips.csv", "/data/recordings.zip"]


@pytest.fixture
def answers(app):
    """Answers with their own recording files: (id, path) for each."""
    with app.app_context():
        rows = demo_answers(5, storage.recordings_dir())
        for row in rows:
            filename = storage.new_filename("wav")
            storage.recording_path(filename).write_bytes(b"RIFF" + os.urandom(64))
            row.audio_filename = filename
        db.session.add_all(rows)
        db.session.commit()
        return [(row.id, storage.recording_path(row.audio_filename)) for row in rows]


def answer_count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Answer.id)))


def refuse_renames(monkeypatch, only: Path | None = None):
    """What chattr +i does to the recordings folder (or to the one file `only`): it cannot be renamed or removed."""
    real_replace = os.replace

    def replace(src, dst):
        if only is None or Path(src) == only:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", replace)


def test_a_recording_that_cannot_be_removed_keeps_its_answer(app, client, answers, monkeypatch):
    answer_id, path = answers[0]
    refuse_renames(monkeypatch)
    response = client.post(f"/data/answers/{answer_id}/delete", headers={"Accept": "text/html"})
    monkeypatch.undo()
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Nothing was deleted: a recording could not be removed (Operation not permitted)" in page
    assert "safe" not in page
    assert path.exists()
    audio = client.get(f"/answers/{answer_id}/audio")
    audio.close()
    assert audio.status_code == 200
    assert answer_count(app) == len(answers)


def test_a_failed_commit_puts_the_recording_back(app, client, answers, monkeypatch):
    answer_id, path = answers[0]
    content = path.read_bytes()

    def failing_commit():
        raise RuntimeError("database is locked")

    monkeypatch.setattr(db.session, "commit", failing_commit)
    response = client.post(f"/data/answers/{answer_id}/delete")
    monkeypatch.undo()
    assert response.status_code == 500
    assert path.read_bytes() == content
    assert not [p for p in path.parent.iterdir() if p.name.endswith(storage.ASIDE_SUFFIX)]
    assert answer_count(app) == len(answers)


def test_delete_everything_stops_whole_when_one_recording_cannot_go(app, client, answers, monkeypatch):
    refuse_renames(monkeypatch, only=answers[2][1])
    response = client.post("/data/delete-all", data={"confirm": "DELETE"}, headers={"Accept": "text/html"})
    monkeypatch.undo()
    assert response.status_code == 500
    assert "Nothing was deleted" in response.get_data(as_text=True)
    assert answer_count(app) == len(answers)
    assert all(path.exists() for _id, path in answers), "the two already set aside were put back"
    assert not [p for p in answers[0][1].parent.iterdir() if p.name.endswith(storage.ASIDE_SUFFIX)]


def test_a_set_aside_file_whose_delete_never_committed_is_restored_at_start(app, answers):
    _answer_id, path = answers[0]
    aside = path.with_name(path.name + storage.ASIDE_SUFFIX)
    os.replace(path, aside)
    with app.app_context():
        known = set(db.session.scalars(db.select(Answer.audio_filename)))
        storage.sweep_leftovers(known, started_at_s=aside.stat().st_mtime + 1)
    assert path.exists() and not aside.exists()


def corrupt_pages(database: str, fractions=(0.5, 0.65, 0.8)) -> None:
    """Overwrite three pages of the database file, as a failing disk or a bad copy would."""
    size = os.path.getsize(database)
    with open(database, "r+b") as f:
        for fraction in fractions:
            f.seek(int(size * fraction) // PAGE_BYTES * PAGE_BYTES)
            f.write(os.urandom(PAGE_BYTES))


@pytest.fixture(scope="module")
def four_hundred_answers(tmp_path_factory, empty_database, content_vectors) -> Path:
    """An instance folder holding 400 demo answers, made once for this module: each test damages a copy."""
    from practice import create_app
    from tests.conftest import stop_workers
    from tests.fakes import FakeTranscriber

    folder = tmp_path_factory.mktemp("four-hundred-answers")
    shutil.copyfile(empty_database, folder / "practice.sqlite3")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only", "INSTANCE_PATH": str(folder),
                      "TRANSCRIBER": FakeTranscriber()})
    with app.app_context():
        db.session.add_all(demo_answers(400, storage.recordings_dir()))
        db.session.commit()
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.remove()
        db.engine.dispose()
    stop_workers(app)
    return folder


def copy_or_link(source: str, target: str) -> None:
    """The database is copied (each test damages its own); recordings, only read, are linked."""
    if source.endswith(".wav"):
        os.link(source, target)
    else:
        shutil.copy2(source, target)


@pytest.fixture
def corrupted(app_config, four_hundred_answers, make_app):
    shutil.copytree(four_hundred_answers, app_config["INSTANCE_PATH"], copy_function=copy_or_link)
    app = make_app()
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 400
        db.session.remove()
        db.engine.dispose()
        corrupt_pages(db.engine.url.database)
    return app


@pytest.mark.parametrize("url", EXPORTS)
def test_an_export_from_a_damaged_database_is_an_error_never_a_cut_off_file(corrupted, url):
    client = corrupted.test_client()
    response = client.get(url, headers={"Accept": "text/html"})
    body = response.get_data()
    response.close()
    if response.status_code == 200:  # the damaged pages held nothing this export reads: it must then be whole
        assert url != "/data/export.json", "the JSON export reads every answer, so it must have failed"
        assert len(body) == int(response.headers["Content-Length"])
        return
    assert response.status_code == 500
    text = body.decode()
    assert "could not be finished" in text and "nothing was sent" in text
    assert "attachment" not in response.headers.get("Content-Disposition", "")


def test_a_whole_export_says_its_length(client, answers):
    response = client.get("/data/export.json")
    body = response.get_data()
    response.close()
    assert int(response.headers["Content-Length"]) == len(body)
    assert len(json.loads(body)["answers"]) == len(answers)
