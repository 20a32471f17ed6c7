"""Domain errors and HTTP errors become JSON for the API and HTML for pages, decided in this one place."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from practice.errors import StorageError, UserError

PLAIN_MESSAGES = {
    400: "The request could not be understood.",
    404: "That page or recording does not exist.",
    405: "That action is not allowed here.",
    413: "The upload is too large.",
    415: "That kind of file is not supported.",
    500: "Something went wrong on our side, so this did not finish. Reload the page to see what was saved.",
}


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(message: str, status: int):
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", message=message, status=status), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(UserError)
    def user_error(exc: UserError):
        return error_response(exc.message, exc.status)

    @app.errorhandler(StorageError)
    def storage_error(exc: StorageError):
        app.logger.error("storage: %s", exc.__cause__ or exc)
        return error_response(exc.message, exc.status)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_exc):
        limit_mib = app.config["MAX_CONTENT_LENGTH"] / (1024 * 1024)
        return error_response(f"The upload is larger than the {limit_mib:g} MiB limit. "
                              "Record a shorter answer and try again.", 413)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return error_response(f"The form expired or came from elsewhere ({exc.description}). "
                              "Reload the page and try again.", 400)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        return error_response(PLAIN_MESSAGES.get(status, exc.description or exc.name), status)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error: %s", exc)
        return error_response(PLAIN_MESSAGES[500], 500)
