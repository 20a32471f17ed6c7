import shutil
import threading
from pathlib import Path

import pytest
from jinja2 import BytecodeCache
from werkzeug.routing import Rule

from tests.speech_clips import MISSING_REASON, load_clips


@pytest.fixture(scope="session")
def clips():
    """All manifest clips; skips the test when ../shared/speech is absent."""
    found = load_clips()
    if not found:
        pytest.skip(MISSING_REASON)
    return found


@pytest.fixture(scope="session")
def content_vectors(request, tmp_path_factory):
    """The content model, with the catalogue's vectors read from the file an earlier test process had it write
    (tests/content_vectors.py): every app and every content check in this process starts from them."""
    from practice.content import catalog_content_texts
    from practice.speech.embeddings import get_encoder
    from tests.content_vectors import encode_with_stored, stored_vectors

    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("content-vectors") if cache is not None else tmp_path_factory.mktemp("content-vectors")
    encoder = get_encoder()
    stored = stored_vectors(folder, catalog_content_texts(), encoder.encode)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(encoder, "encode", encode_with_stored(stored, encoder.encode))
        yield encoder


@pytest.fixture
def app_config(tmp_path, content_vectors):
    """A fresh instance folder and SQLite file per test; a fake transcriber unless a test asks for real ASR."""
    from tests.fakes import FakeTranscriber

    return {
        "TESTING": True,
        "SECRET_KEY": "test-only",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "TRANSCRIBER": FakeTranscriber(),
        # CSRF is tested on its own in tests/web/test_security.py.
        "WTF_CSRF_ENABLED": False,
    }


class SharedTemplateCode(BytecodeCache):
    """Compiled templates kept for every app of the test run: compiling them again for each test's app costs more
    CPU than most tests do. Jinja checks each entry against its template's source before using it."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = SharedTemplateCode()


class SharedBuilderRule(Rule):
    """URL rules whose url_for builders are compiled once for every app of the test run: werkzeug compiles two
    small functions per rule, which is most of create_app's CPU, and every test builds an app of its own. A
    builder depends only on the rule's parts and defaults, and reaches the rule's converters through `self`."""

    builders: dict = {}

    def _compile_builder(self, append_unknown: bool = True):
        key = (append_unknown, self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())))
        if key not in self.builders:
            self.builders[key] = super()._compile_builder(append_unknown)
        return self.builders[key]


@pytest.fixture(scope="session", autouse=True)
def shared_url_builders():
    """Every app made in this test process (by fixtures or by a test itself) uses SharedBuilderRule."""
    from flask import Flask

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "url_rule_class", SharedBuilderRule)
        yield


def stop_workers(app) -> None:
    app.extensions["practice.streams"].shutdown()
    app.extensions["practice.jobs"].executor.shutdown(wait=True)


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory) -> Path:
    """A database file with every table and no rows, made once a run: copying it takes a fraction of the time
    creating the tables does, since SQLite syncs each new table to disk."""
    from practice import create_app
    from practice.extensions import db
    from tests.fakes import FakeTranscriber

    folder = tmp_path_factory.mktemp("empty-database")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only", "INSTANCE_PATH": str(folder),
                      "TRANSCRIBER": FakeTranscriber()})
    with app.app_context():
        db.create_all()
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.remove()
        db.engine.dispose()
    stop_workers(app)
    return folder / "practice.sqlite3"


@pytest.fixture
def make_app(app_config, empty_database):
    """Builds an app on the test's config plus `overrides`, its tables made; its workers stop when the test ends."""
    from practice import create_app
    from practice.extensions import db

    made = []

    def make(**overrides):
        database = Path(app_config["INSTANCE_PATH"]) / "practice.sqlite3"
        if not database.exists():
            database.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(empty_database, database)
        app = create_app({**app_config, **overrides})
        app.jinja_env.bytecode_cache = TEMPLATE_CODE
        with app.app_context():
            db.create_all()  # finds every table already in the copied file
        made.append(app)
        return app

    yield make
    for app in made:
        stop_workers(app)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def csrf_app_config(app_config):
    """CSRF on, as in production, for tests of it; ask for it before `app`."""
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def quick_passcode_hash(monkeypatch):
    """LAN tests that are not about hashing log in often; tests/lan/test_passcode.py keeps the real method."""
    from practice.lan import passcode

    monkeypatch.setattr(passcode, "HASH_METHOD", "pbkdf2:sha256:1000")


@pytest.fixture
def serving():
    """serving(waitress server) -> its port; the loop runs in a thread and is closed there when the test ends."""
    from practice.serve import listening_port

    stop = threading.Event()
    threads = []

    def start(server) -> int:
        def loop():
            while not stop.is_set():
                server.asyncore.loop(timeout=0.05, map=server._map, count=1)
            server.task_dispatcher.shutdown()
            for channel in list(server._map.values()):
                channel.close()

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        threads.append(thread)
        return listening_port(server)

    yield start
    stop.set()
    for thread in threads:
        thread.join(timeout=10)


@pytest.fixture
def model_loads(monkeypatch):
    """How many Whisper models this test builds: faster_whisper.WhisperModel wrapped to count its calls."""
    import faster_whisper

    built = []
    real = faster_whisper.WhisperModel

    def counting(*args, **kwargs):
        built.append(args[0] if args else kwargs.get("model_size_or_path"))
        return real(*args, **kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", counting)
    return built
