"""One blueprint per area; HTML views beside a JSON API."""
from flask import Flask


def register_blueprints(app: Flask) -> None:
    from practice.web import api, progress, rehearse, review, tips

    for module in (rehearse, review, api, progress, tips):
        app.register_blueprint(module.bp)
