"""Exports past the whole-file limit stream through the real server and end with a marker a cut-off file lacks."""
from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import sqlite3
import zipfile

import pytest

from practice import serve, storage
from practice.demo import demo_answers
from practice.extensions import db
from practice.web.data import archive as data_archive
from practice.web.data import export as data_export

RECORDING_BYTES = 40_000
RECORDINGS = 8
SMALL_LIMIT_BYTES = 100_000  # the eight recordings together (320 kB) are past it
REAL_LIMIT_BYTES = 50 * 1000 * 1000


@pytest.fixture
def app_config(app_config):
    return {**app_config, "EXPORT_WHOLE_MAX_BYTES": SMALL_LIMIT_BYTES}


def add_answers(app, count: int, recording_bytes: int) -> dict[str, bytes]:
    """Answers with random recordings of their own; {file name: content}."""
    contents = {}
    with app.app_context():
        rows = demo_answers(count, storage.recordings_dir())
        for row in rows:
            row.audio_filename = storage.new_filename("wav")
            content = os.urandom(recording_bytes)
            storage.recording_path(row.audio_filename).write_bytes(content)
            contents[row.audio_filename] = content
        db.session.add_all(rows)
        db.session.commit()
    return contents


def download(port: int, path: str) -> tuple[http.client.HTTPResponse, bytes, bool]:
    """(response, body as far as it came, whether it came whole) from the real server."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    try:
        body, whole = response.read(), True
    except http.client.IncompleteRead as cut:
        body, whole = cut.partial, False
    connection.close()
    return response, body, whole


def never_built_whole(monkeypatch):
    def refuse(_chunks):
        raise AssertionError("a large export was built whole before sending")

    monkeypatch.setattr(data_export, "built", refuse)


def assert_whole_archive(body: bytes, contents: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = archive.namelist()
    assert names[-1] == data_archive.MANIFEST_NAME and len(names) == len(contents) + 1
    digests = {hashlib.sha256(content).hexdigest() for content in contents.values()}
    manifest = archive.read(data_archive.MANIFEST_NAME).decode().splitlines()
    assert {line.split("  ")[0] for line in manifest} == digests
    assert [line.split("  ")[1] for line in manifest] == names[:-1]
    assert all(hashlib.sha256(archive.read(name)).hexdigest() == line.split("  ")[0]
               for name, line in zip(names, manifest, strict=False))


def test_a_large_recordings_zip_streams_with_its_length_and_manifest(app, serving, monkeypatch):
    contents = add_answers(app, RECORDINGS, RECORDING_BYTES)
    never_built_whole(monkeypatch)
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=2))

    response, body, whole = download(port, "/data/recordings.zip")

    assert response.status == 200 and whole
    assert len(body) > SMALL_LIMIT_BYTES
    assert int(response.headers["Content-Length"]) == len(body)
    assert response.headers["Content-Disposition"].startswith("attachment; filename=practice-recordings-")
    assert_whole_archive(body, contents)


def test_a_recording_lost_midway_cuts_the_streamed_zip_short_of_its_length_and_manifest(app, serving, monkeypatch):
    add_answers(app, RECORDINGS, RECORDING_BYTES)
    listed = data_archive.recordings_archive

    def listed_then_one_lost():
        archive = listed()
        archive.entries[3].path.unlink()  # after the listing, before its turn: a failing disk, a stray delete
        return archive

    monkeypatch.setattr(data_archive, "recordings_archive", listed_then_one_lost)
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=2))

    response, body, whole = download(port, "/data/recordings.zip")

    assert response.status == 200 and not whole
    assert 3 * RECORDING_BYTES < len(body) < int(response.headers["Content-Length"])
    assert data_archive.MANIFEST_NAME.encode() not in body
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(body))


def test_a_recording_lost_while_a_small_zip_is_built_is_an_error_page(app, client, monkeypatch):
    add_answers(app, 2, 1000)
    listed = data_archive.recordings_archive

    def listed_then_one_lost():
        archive = listed()
        archive.entries[1].path.unlink()
        return archive

    monkeypatch.setattr(data_archive, "recordings_archive", listed_then_one_lost)
    response = client.get("/data/recordings.zip", headers={"Accept": "text/html"})
    assert response.status_code == 500
    assert "could not be finished" in response.get_data(as_text=True)
    assert "attachment" not in response.headers.get("Content-Disposition", "")


def test_a_large_json_export_streams_and_ends_with_its_counts(app, serving, monkeypatch):
    add_answers(app, 30, 10)  # about 11 kB each: past the lowered limit
    never_built_whole(monkeypatch)
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=2))

    response, body, whole = download(port, "/data/export.json")

    assert response.status == 200 and whole and len(body) > SMALL_LIMIT_BYTES
    assert response.headers["Transfer-Encoding"] == "chunked"
    data = json.loads(body)
    assert data["end"]["answers"] == len(data["answers"]) == 30


def test_a_database_failure_midway_cuts_the_streamed_json_before_its_end(app, serving, monkeypatch):
    add_answers(app, 30, 10)
    answer_dict = data_export._answer_dict
    seen = []

    def fails_at_the_twentieth(answer, **kwargs):
        seen.append(answer.id)
        if len(seen) == 20:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return answer_dict(answer, **kwargs)

    monkeypatch.setattr(data_export, "_answer_dict", fails_at_the_twentieth)
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=2))

    response, body, whole = download(port, "/data/export.json")

    assert response.status == 200 and not whole
    assert body.count(b'"prompt_key"') == 19
    assert b'"end"' not in body
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


@pytest.mark.slow
def test_a_recordings_zip_past_50_mb_streams_at_the_default_limit(app_config, tmp_path, serving, monkeypatch):
    from practice import create_app

    app = create_app({**app_config, "EXPORT_WHOLE_MAX_BYTES": REAL_LIMIT_BYTES})
    with app.app_context():
        db.create_all()
    contents = add_answers(app, 6, 9 * 1000 * 1000)
    never_built_whole(monkeypatch)
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=2))
    try:
        response, body, whole = download(port, "/data/recordings.zip")
    finally:
        app.extensions["practice.streams"].shutdown()
        app.extensions["practice.jobs"].executor.shutdown(wait=True)

    assert response.status == 200 and whole
    assert int(response.headers["Content-Length"]) == len(body) > REAL_LIMIT_BYTES
    assert_whole_archive(body, contents)
