"""practice: rehearse job interviews out loud, with offline transcription and scoring."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; it never re-queues or analyses (practice/serve.py does, in the serving process).

    Imports live here so `import practice.audio` stays free of Flask.
    """
    from flask import Flask

    from practice import cli, extensions, jobs, storage, streaming, web
    from practice.config import Defaults, load_secret_key, refuse_weak_secret_key

    test_config = dict(test_config or {})
    instance_path = test_config.pop("INSTANCE_PATH", None) or os.environ.get("PRACTICE_INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path,
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'practice.sqlite3'}"
    app.config["RECORDINGS_DIR"] = str(Path(app.instance_path) / "recordings")
    if not test_config:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("PRACTICE")
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(Path(app.instance_path))
    refuse_weak_secret_key(app.config)

    extensions.init_app(app, migrations_dir=str(ROOT / "migrations"))
    storage.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    jobs.init_app(app)
    streaming.init_app(app)
    return app
