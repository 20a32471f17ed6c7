"""The serving process migrates before it listens, and an up-to-date database costs no Alembic run."""
import sqlite3

import pytest
from alembic.script import ScriptDirectory

from practice import create_app, schema, serve
from practice.extensions import db


@pytest.fixture
def fresh_app(tmp_path):
    return create_app({"TESTING": True, "SECRET_KEY": "test-only", "INSTANCE_PATH": str(tmp_path)})


def head(app) -> str:
    with app.app_context():
        return ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config()).get_current_head()


def test_a_fresh_database_is_brought_to_the_head_once(fresh_app, tmp_path):
    assert schema.pending(fresh_app)
    assert schema.upgrade(fresh_app) is True
    with sqlite3.connect(tmp_path / "practice.sqlite3") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(fresh_app),)]
    assert not schema.pending(fresh_app)
    assert schema.upgrade(fresh_app) is False


def test_an_up_to_date_database_never_enters_alembics_environment(fresh_app, monkeypatch):
    schema.upgrade(fresh_app)
    import flask_migrate

    monkeypatch.setattr(flask_migrate, "upgrade", lambda *a, **k: pytest.fail("upgrade ran with nothing pending"))
    assert schema.upgrade(fresh_app) is False


def test_a_failing_migration_stops_the_start_with_its_reason(fresh_app, monkeypatch):
    with fresh_app.app_context():
        db.session.execute(db.text("CREATE TABLE answer (id INTEGER PRIMARY KEY)"))  # in the way of the first one
        db.session.commit()
    with pytest.raises(SystemExit) as stopped:
        serve.migrate_or_exit(fresh_app)
    assert "Preparing the database failed" in str(stopped.value) and "answer" in str(stopped.value)
