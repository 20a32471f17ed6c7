"""The recordings zip: its exact length known before the first byte, every recording hashed into a manifest last."""
import hashlib
import io
import zipfile

import pytest

from practice.web.data.archive import MANIFEST_NAME, Entry, RecordingsArchive, manifest_line, manifest_size_bytes


@pytest.fixture
def entries(tmp_path):
    made = []
    for i, content in enumerate((b"first recording", b"", bytes(range(256)) * 300)):
        path = tmp_path / f"r{i}.webm"
        path.write_bytes(content)
        made.append(Entry(path, f"{i + 1:05d}-2026-01-0{i + 1}-intro-why.webm", len(content)))
    return made


def test_the_zip_is_exactly_as_long_as_it_said_and_holds_each_recording_then_the_manifest(entries):
    archive = RecordingsArchive(entries)
    body = b"".join(archive)
    assert len(body) == len(archive)
    opened = zipfile.ZipFile(io.BytesIO(body))
    assert opened.namelist() == [e.name for e in entries] + [MANIFEST_NAME]
    assert all(opened.read(e.name) == e.path.read_bytes() for e in entries)
    assert opened.getinfo(entries[2].name).compress_type == zipfile.ZIP_STORED
    assert opened.comment == b"practice: 3 recordings; MANIFEST.sha256 holds their SHA-256"


def test_the_manifest_is_sha256sums_own_format(entries):
    opened = zipfile.ZipFile(io.BytesIO(b"".join(RecordingsArchive(entries))))
    expected = "".join(manifest_line(hashlib.sha256(e.path.read_bytes()).hexdigest(), e.name) for e in entries)
    assert opened.read(MANIFEST_NAME).decode() == expected
    assert expected.splitlines()[1] == f"{hashlib.sha256(b'').hexdigest()}  00002-2026-01-02-intro-why.webm"
    assert manifest_size_bytes(entries) == len(expected.encode())


def test_a_recording_that_vanishes_while_streaming_stops_the_zip_before_its_manifest(entries):
    archive = RecordingsArchive(entries)
    received = b""
    with pytest.raises(FileNotFoundError):
        for chunk in archive:
            received += chunk
            entries[2].path.unlink(missing_ok=True)
    assert len(received) < len(archive) and MANIFEST_NAME.encode() not in received


def test_no_recordings_is_a_zip_holding_an_empty_manifest():
    opened = zipfile.ZipFile(io.BytesIO(b"".join(RecordingsArchive([]))))
    assert opened.namelist() == [MANIFEST_NAME] and opened.read(MANIFEST_NAME) == b""
