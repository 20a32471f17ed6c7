"""The login gate: Flask-Login for the session, Flask-Limiter for wrong passcodes, a second ask for risky routes."""
from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, current_app, jsonify, redirect, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user

from practice.lan.passcode import passcode_fingerprint, same_fingerprint
from practice.web.errors import wants_json

# Reachable before logging in: the login form, the app's own CSS/JS/icons and the manifest (phones fetch it
# without cookies). None of them holds anything the user made.
PUBLIC_ENDPOINTS = frozenset({"static", "lan.login", "manifest.manifest"})
# Exports and delete-all ask for the passcode again unless it was typed this recently.
PASSCODE_AGAIN_WINDOW_S = 300
WRONG_PASSCODES_PER_MINUTE = "5 per minute"
TOO_MANY_MESSAGE = "Too many wrong passcodes from this device. Wait a minute, then try again."
CONFIRMED_AT_KEY = "passcode_confirmed_at"

login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[],
                  on_breach=lambda limit: current_app.logger.warning(
                      "LAN passcode attempts from %s refused: over %s", get_remote_address(), limit.limit))
# Counts only wrong answers (401), shared by the login and the passcode-again forms.
passcode_attempts = limiter.shared_limit(WRONG_PASSCODES_PER_MINUTE, scope="passcode", methods=["POST"],
                                         deduct_when=lambda response: response.status_code == 401,
                                         error_message=TOO_MANY_MESSAGE)


class Owner(UserMixin):
    """The one user: whoever knows the current passcode. The id carries the passcode's fingerprint."""

    def __init__(self, fingerprint: str) -> None:
        self.id = f"owner-{fingerprint}"


def current_owner() -> Owner:
    return Owner(passcode_fingerprint(current_app.extensions["practice.lan"].folder))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    limiter.init_app(app)
    app.before_request(require_session)


@login_manager.user_loader
def load_owner(user_id: str) -> Owner | None:
    owner = current_owner()
    return owner if same_fingerprint(user_id, owner.id) else None


@login_manager.unauthorized_handler
def ask_to_log_in():
    if wants_json():
        return jsonify({"error": "Log in with the passcode first.", "status": 401}), 401
    target = request.full_path if request.method == "GET" else None
    return redirect(url_for("lan.login", next=target.rstrip("?") if target else None))


def require_session():
    """Before every request: only the public endpoints answer without a passcode session."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    return login_manager.unauthorized()


def mark_passcode_confirmed() -> None:
    session[CONFIRMED_AT_KEY] = time.time()


def passcode_recently_confirmed() -> bool:
    return time.time() - session.get(CONFIRMED_AT_KEY, 0.0) < PASSCODE_AGAIN_WINDOW_S


def passcode_again(return_to: str | None = None):
    """In LAN mode the view runs only when the passcode was typed in the last few minutes.

    return_to: where to go after confirming, for views that download instead of showing a page."""
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_app.config.get("LAN") and not passcode_recently_confirmed():
                target = url_for(return_to) if return_to else request.path
                return redirect(url_for("lan.confirm_passcode", next=target))
            return view(*args, **kwargs)
        return wrapped
    return decorate


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site: a link that sends the user elsewhere after logging in is refused."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
