"""Bring the database to the newest migration inside the serving process, before it listens.

scripts/run used to run `flask db upgrade` first: a second interpreter that imported the whole app
again only to find, nearly always, nothing to do. Here the heads are compared first, so an
up-to-date database costs a few milliseconds and Alembic's environment runs only when needed.
"""
from __future__ import annotations

from flask import Flask

from practice.extensions import db


def pending(app: Flask) -> bool:
    """True when the database is not at every migration head (a fresh file included)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with app.app_context():
        heads = set(ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config()).get_heads())
        with db.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    return current != heads


def upgrade(app: Flask) -> bool:
    """Apply what is pending, as `flask db upgrade` would; True when anything ran."""
    if not pending(app):
        return False
    from flask_migrate import upgrade as flask_migrate_upgrade

    with app.app_context():
        flask_migrate_upgrade()
    return True
