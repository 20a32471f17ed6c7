"""Database setup in one place: every SQLite connection gets WAL, a busy timeout and foreign keys."""
from practice.extensions import db


def test_every_connection_is_tuned(app):
    with app.app_context():
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        finally:
            connection.close()
