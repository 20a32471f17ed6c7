"""The notebook: tips from real interviews, and the milestones each application reached."""
from flask import Flask

from practice.web.notebook import milestones, tips


def register(app: Flask) -> None:
    app.register_blueprint(tips.bp)
    app.register_blueprint(milestones.bp)
    app.add_template_global(tips.milestone_title)
