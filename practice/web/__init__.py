"""One blueprint per area; HTML views beside a JSON API."""
from flask import Flask


def register_blueprints(app: Flask) -> None:
    from practice.web import api, progress, rehearse, review

    for module in (rehearse, review, api, progress):
        app.register_blueprint(module.bp)
