"""Review: past answers with playback and timed transcript, two takes compared, progress over time."""
from flask import Flask

from practice.web.review import compare, progress, transcript, views


def register(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(progress.bp)
    app.register_blueprint(compare.bp)
    app.add_template_global(transcript.transcript_items)
