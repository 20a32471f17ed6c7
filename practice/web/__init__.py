"""One blueprint per area; HTML views beside a JSON API."""
from flask import Flask


def register_blueprints(app: Flask) -> None:
    from practice.web import api, milestones, progress, rehearse, review, tips

    for module in (rehearse, review, api, progress, tips, milestones):
        app.register_blueprint(module.bp)
