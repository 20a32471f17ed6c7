"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from practice import create_app
from practice.extensions import db


def test_upgrade_from_empty_matches_the_models(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only", "INSTANCE_PATH": str(tmp_path)})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []
