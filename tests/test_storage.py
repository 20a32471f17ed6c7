"""Recordings on disk: atomic writes under random names, and crash leftovers swept at start-up."""
import io
import os
import time

import pytest

from practice import storage


def test_a_written_upload_lands_whole_under_its_final_name(app):
    with app.app_context():
        tmp = storage.write_temp(io.BytesIO(b"x" * 200_000), chunk_bytes=4096)
        assert tmp.name.endswith(storage.TMP_SUFFIX) and tmp.stat().st_size == 200_000
        name = storage.new_filename("webm")
        final = storage.commit_file(tmp, name)
        assert final == storage.recording_path(name) and final.read_bytes() == b"x" * 200_000
        assert not tmp.exists() and name.endswith(".webm") and len(name) == 32 + 5


def test_a_failed_write_leaves_no_partial_file(app):
    class Broken(io.BytesIO):
        def read(self, size=-1):
            raise OSError("connection reset")

    with app.app_context():
        with pytest.raises(OSError):
            storage.write_temp(Broken())
        assert list(storage.recordings_dir().iterdir()) == []


def test_sweep_removes_earlier_temp_files_and_old_orphans_and_keeps_the_rest(app):
    with app.app_context():
        folder = storage.recordings_dir()
        started_at_s = time.time()
        old_s = started_at_s - storage.ORPHAN_AGE_S - 60
        for name in ("kept.webm", "orphan.webm", "upload.part", "recent.webm", "in-flight.part"):
            (folder / name).write_bytes(b"1")
        for name in ("kept.webm", "orphan.webm", "upload.part"):
            os.utime(folder / name, (old_s, old_s))
        os.utime(folder / "in-flight.part", (started_at_s + 1, started_at_s + 1))
        removed = storage.sweep_leftovers({"kept.webm"}, started_at_s)
        assert sorted(removed) == ["orphan.webm", "upload.part"]
        assert sorted(p.name for p in folder.iterdir()) == ["in-flight.part", "kept.webm", "recent.webm"]
        storage.remove_quietly(folder / "no-such-file")
