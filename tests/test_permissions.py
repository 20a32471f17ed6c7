"""Private files: whatever the umask, nothing the app stores is open to group or others."""
from __future__ import annotations

import os
import stat

import pytest

from practice import create_app, serve
from practice.extensions import db
from tests.audio_files import tone, write_wav
from tests.web.helpers import upload, wait_until_finished


@pytest.fixture
def umask_0022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def open_to_others(root) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if stat.S_IMODE(os.lstat(path).st_mode) & 0o077:
                found.append(f"{oct(stat.S_IMODE(os.lstat(path).st_mode))} {os.path.relpath(path, root)}")
    if stat.S_IMODE(os.stat(root).st_mode) != 0o700:
        found.append(f"{oct(stat.S_IMODE(os.stat(root).st_mode))} (instance folder)")
    return found


def test_instance_files_are_owner_only_under_umask_0022(umask_0022, app_config, tmp_path):
    app_config["SECRET_KEY"] = None
    app = create_app(app_config)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    body = wait_until_finished(client, upload(client, write_wav(tmp_path / "a.wav", tone(3.0)),
                                              filename="a.wav").get_json()["url"])
    assert body["status"] == "done"
    app.extensions["practice.jobs"].executor.shutdown(wait=True)
    instance = app_config["INSTANCE_PATH"]
    names = sorted(os.listdir(instance))
    assert {"practice.sqlite3", "practice.sqlite3-wal", "recordings", "secret_key"} <= set(names), names
    assert len(os.listdir(os.path.join(instance, "recordings"))) == 1
    assert open_to_others(instance) == []


def test_an_existing_install_is_made_private_when_the_server_starts(umask_0022, app_config):
    instance = app_config["INSTANCE_PATH"]
    os.makedirs(os.path.join(instance, "recordings"), mode=0o755)
    os.chmod(instance, 0o755)
    for name in ("practice.sqlite3", "practice.sqlite3-wal", "practice.sqlite3-shm"):
        with open(os.path.join(instance, name), "wb"):
            pass
        os.chmod(os.path.join(instance, name), 0o644)
    with open(os.path.join(instance, "recordings", "old.wav"), "wb"):
        pass
    os.chmod(os.path.join(instance, "recordings", "old.wav"), 0o644)
    app = create_app(app_config)
    with app.app_context():
        db.create_all()
    serve.run_startup_tasks(app)
    app.extensions["practice.jobs"].executor.shutdown()
    assert open_to_others(instance) == []
