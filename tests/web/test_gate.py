"""The LAN login gate on its own: where a login may lead, who the owner is, and how long a passcode counts again."""
import pytest
from flask import session

from practice.web.lan import gate


@pytest.mark.parametrize(("target", "expected"), [
    ("/answers?kind=introduction", "/answers?kind=introduction"),
    ("/data", "/data"),
    (None, "/"),
    ("", "/"),
    ("https://evil.example/", "/"),
    ("//evil.example/x", "/"),
    ("/\\evil.example", "/"),
    ("answers", "/"),
    ("javascript:alert(1)", "/"),
])
def test_a_login_leads_only_to_a_path_on_this_site(target, expected):
    assert gate.safe_next(target, "/") == expected


@pytest.fixture
def app_config(app_config, quick_passcode_hash):
    return {**app_config, "LAN": True, "LAN_HOST": "127.0.0.2", "PASSCODE": "24681357"}


def test_the_owner_is_named_by_the_passcodes_fingerprint_and_loads_only_with_it(app):
    with app.test_request_context():
        owner = gate.current_owner()
        assert owner.id.startswith("owner-") and len(owner.id) > len("owner-") + 8
        assert gate.load_owner(owner.id).id == owner.id
        assert gate.load_owner("owner-0000") is None


def test_the_passcode_counts_again_for_five_minutes(app, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(gate.time, "time", lambda: now[0])
    with app.test_request_context():
        assert not gate.passcode_recently_confirmed()
        gate.mark_passcode_confirmed()
        assert session[gate.CONFIRMED_AT_KEY] == 1_000_000.0
        now[0] += gate.PASSCODE_AGAIN_WINDOW_S - 1
        assert gate.passcode_recently_confirmed()
        now[0] += 1
        assert not gate.passcode_recently_confirmed()


def test_without_a_session_a_page_is_sent_to_login_and_the_api_gets_a_401(client):
    page = client.get("/progress?kind=introduction", base_url="https://127.0.0.2:5443",
                      headers={"Accept": "text/html"})
    assert page.status_code == 302
    assert page.headers["Location"] == "/login?next=/progress?kind%3Dintroduction"
    api = client.get("/api/answers/1", base_url="https://127.0.0.2:5443")
    assert api.status_code == 401 and api.get_json() == {"error": "Log in with the passcode first.", "status": 401}
