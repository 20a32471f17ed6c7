"""Errors answer JSON for the API and for clients that ask for it, a page for browsers, decided in one place."""
import logging

import pytest

from practice.errors import StorageError, UserError
from practice.web.errors import PLAIN_MESSAGES

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def app(make_app):
    """The app with routes that fail in each way a view can."""
    app = make_app(MAX_CONTENT_LENGTH=1024 * 1024)

    def user_error():
        raise UserError("Pick a kind first.", 409)

    def storage_error():
        try:
            raise OSError(28, "No space left on device")
        except OSError as cause:
            raise StorageError("The disk is full, so nothing was stored.", 507) from cause

    def crash():
        raise ZeroDivisionError("a bug")

    for rule, view in (("/fails/user", user_error), ("/fails/storage", storage_error), ("/fails/crash", crash),
                       ("/api/fails/user", user_error)):
        app.add_url_rule(rule, f"{view.__name__}{rule.count('/')}", view)
    return app


def test_a_user_error_is_a_page_with_its_message_and_status_for_a_browser(client):
    response = client.get("/fails/user", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 409 and response.mimetype == "text/html"
    assert "Pick a kind first." in response.get_data(as_text=True)


def test_the_api_always_answers_json_whatever_the_client_accepts(client):
    response = client.get("/api/fails/user", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 409
    assert response.get_json() == {"error": "Pick a kind first.", "status": 409}


def test_a_page_answers_json_only_when_json_is_preferred(client):
    assert client.get("/fails/user", headers={"Accept": "application/json"}).get_json()["status"] == 409
    assert client.get("/fails/user", headers={"Accept": "application/json;q=0.5, text/html"}).mimetype == "text/html"


def test_an_unknown_page_gets_the_plain_404_message(client):
    page = client.get("/no/such/page", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 404 and PLAIN_MESSAGES[404] in page.get_data(as_text=True)
    assert client.get("/api/answers/999999").get_json() == {"error": PLAIN_MESSAGES[404], "status": 404}


def test_a_storage_error_keeps_its_status_and_logs_its_cause(client, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.get("/fails/storage", headers={"Accept": "application/json"})
    assert response.status_code == 507
    assert response.get_json()["error"] == "The disk is full, so nothing was stored."
    assert "No space left on device" in caplog.text


def test_a_bug_is_a_plain_500_that_shows_no_details_and_is_logged(client, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.get("/fails/crash", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert PLAIN_MESSAGES[500] in text and "ZeroDivisionError" not in text and "a bug" not in text
    assert "unhandled error: a bug" in caplog.text


def test_an_upload_over_the_limit_names_the_limit(client):
    response = client.post("/api/answers", data=b"x" * (1024 * 1024 + 1), content_type="application/octet-stream")
    assert response.status_code == 413
    assert response.get_json()["error"] == ("The upload is larger than the 1 MiB limit. "
                                            "Record a shorter answer and try again.")
