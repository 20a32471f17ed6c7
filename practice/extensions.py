"""Extension objects and database setup, created unbound so any module can import them without the app."""
import os
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.orm import DeclarativeBase

from practice.storage import PRIVATE_FILE_MODE

SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class Base(DeclarativeBase):
    # Stable constraint names keep Alembic migrations reproducible.
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()


def init_app(app: Flask, migrations_dir: str) -> None:
    """Bind the database to `app` and tune SQLite for a page that reads while the worker writes.

    CSRF protection is bound by the web layer, after the host check it must follow.
    """
    db.init_app(app)
    migrate.init_app(app, db, directory=migrations_dir, render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _make_database_private(db.engine.url.database)
            event.listen(db.engine, "connect", _tune_sqlite)


def _make_database_private(database: str | None) -> None:
    """SQLite gives its WAL and SHM files the database file's mode, so a 0600 database keeps all three private."""
    if not database or database == ":memory:":
        return
    path = Path(database)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.chmod(PRIVATE_FILE_MODE)


def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets the page read while the worker writes; the busy timeout waits instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
