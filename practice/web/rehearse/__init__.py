"""Rehearse: pick a kind, answer the catalogue's questions or the user's own, and sit multi-turn sittings."""
from flask import Flask

from practice.web.rehearse import own_questions, retake, views, voice


def register(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(own_questions.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(retake.bp)
