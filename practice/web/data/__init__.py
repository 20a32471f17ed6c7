"""The user's data: export all of it, or delete one answer or everything."""
from flask import Flask

from practice.web.data import views


def register(app: Flask) -> None:
    app.register_blueprint(views.bp)
