"""Answer only under the expected host names, and take changes only from the app's own pages.

A page on another site can point its own name at 127.0.0.1 (DNS rebinding) or post a form to
the app; the Host check refuses the first, the Origin / Sec-Fetch-Site check the second.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, request

from practice.web.errors import wants_json

# Always allowed: the names of this computer itself.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Sec-Fetch-Site values a browser sends for the app's own pages and for an address typed by the user.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})
FOREIGN_HOST_MESSAGE = ("This address is not one practice answers on. Open it at http://127.0.0.1 (or localhost), "
                        "or add the name you use to PRACTICE_ALLOWED_HOSTS.")
FOREIGN_ORIGIN_MESSAGE = "This request came from another site, so nothing was changed. Use practice's own pages."


def allowed_hosts(configured) -> list[str]:
    """The loopback names plus the configured ones (a list, or a string of names split by commas or spaces)."""
    extra = re.split(r"[,\s]+", configured) if isinstance(configured, str) else list(configured or ())
    names = [*LOOPBACK_HOSTS, *(name.strip().lower() for name in extra)]
    return list(dict.fromkeys(name for name in names if name))


def allow_host(app: Flask, name: str) -> None:
    """Accept one more host name (e.g. the LAN address a server listens on)."""
    app.config["ALLOWED_HOSTS"] = allowed_hosts([*app.config["ALLOWED_HOSTS"], name])


def host_name(host: str) -> str:
    """The name part of a Host header: '[::1]:5000' -> '[::1]', 'LocalHost:80' -> 'localhost'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.partition(":")[0]


def init_app(app: Flask) -> None:
    """Refuse a foreign Host or a cross-site change before anything else runs, CSRF checks included."""
    app.config["ALLOWED_HOSTS"] = allowed_hosts(app.config.get("ALLOWED_HOSTS"))

    @app.before_request
    def refuse_foreign_requests():
        if host_name(request.headers.get("Host", "")) not in app.config["ALLOWED_HOSTS"]:
            return _refusal(FOREIGN_HOST_MESSAGE, 400)
        if request.method not in SAFE_METHODS and not _from_own_pages():
            return _refusal(FOREIGN_ORIGIN_MESSAGE, 403)
        return None


def _refusal(message: str, status: int) -> Response:
    """Plain text or JSON, never a page: nothing from the app, not even a CSRF token, reaches a foreign site."""
    if wants_json():
        response = jsonify({"error": message, "status": status})
        response.status_code = status
        return response
    return Response(message + "\n", status, mimetype="text/plain")


def _from_own_pages() -> bool:
    """Sec-Fetch-Site decides when the browser sends it (with no-referrer, Chromium's own form posts say Origin: null).

    Older browsers name only the Origin; clients that name nothing (curl, tests) still need the CSRF token.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in OWN_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return (parts.scheme, parts.netloc.lower()) == (request.scheme, request.host.lower())
