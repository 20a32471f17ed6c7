"""The web layer: one package per feature, each registering its blueprints, and the JSON API beside them."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Everything HTTP: request guards, CSRF, blueprints, error pages, security headers, template globals."""
    from practice.extensions import csrf
    from practice.web import hosts
    from practice.web import lan as lan_web
    from practice.web.errors import register_error_handlers
    from practice.web.forms import IdConverter
    from practice.web.security import register_security_headers

    hosts.init_app(app)  # before CSRF: a foreign host or site is refused first
    csrf.init_app(app)
    app.url_map.converters["int"] = IdConverter  # before any route is added
    register_blueprints(app)
    lan_web.init_app(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_globals(app)


def register_blueprints(app: Flask) -> None:
    from practice.web import api, data, manifest, notebook, rehearse, review, streams

    for feature in (rehearse, review, api, notebook, data, streams):
        feature.register(app)
    app.register_blueprint(manifest.bp)

def register_template_globals(app: Flask) -> None:
    """Numbers and names the pages use and hand to their JavaScript through data attributes, from their one home."""
    from practice.audio.quality import TOO_QUIET_DBFS
    from practice.catalog import KINDS
    from practice.measures import BY_KEY

    app.jinja_env.globals.update(too_quiet_dbfs=TOO_QUIET_DBFS, measures_by_key=BY_KEY, kinds_by_key=KINDS)
