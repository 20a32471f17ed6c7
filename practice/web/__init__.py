"""One blueprint per area; HTML views beside a JSON API."""
from flask import Flask


def register_blueprints(app: Flask) -> None:
    from practice.web import (api, compare, custom_prompts, data, milestones, progress, rehearse, review, tips,
                              transcript)

    for module in (rehearse, review, api, progress, tips, milestones, compare, transcript, data, custom_prompts):
        app.register_blueprint(module.bp)
