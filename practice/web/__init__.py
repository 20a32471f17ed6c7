"""One package per feature, each registering its blueprints; the JSON API beside them."""
from flask import Flask


def register_blueprints(app: Flask) -> None:
    from practice.web import api, data, manifest, notebook, rehearse, review, streams

    for feature in (rehearse, review, api, notebook, data, streams):
        feature.register(app)
    app.register_blueprint(manifest.bp)
