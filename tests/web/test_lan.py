"""LAN mode in the app: the passcode session guards every page, API route and recording."""
from __future__ import annotations

import ipaddress
import logging
import re

import pytest

from practice.extensions import db
from practice.lan.certs import ensure_certificates
from practice.lan.qr import lan_url, qr_svg
from practice.models import Answer
from practice.web.lan import gate
from tests.audio_files import tone, write_wav
from tests.web.helpers import wait_until_finished

PASSCODE = "24681357"
LAN_BASE = "https://127.0.0.2:5443"
# Reachable without a session, and why: the login form itself, and the app's code and manifest (no user data).
PUBLIC_ENDPOINTS = {"static", "lan.login", "manifest.manifest"}


@pytest.fixture
def app_config(app_config, quick_passcode_hash):
    return {**app_config, "LAN": True, "LAN_HOST": "127.0.0.2", "PASSCODE": PASSCODE}


@pytest.fixture
def client(app):
    return app.test_client()


def get(client, path, **kwargs):
    return client.get(path, base_url=LAN_BASE, **kwargs)


def post(client, path, **kwargs):
    return client.post(path, base_url=LAN_BASE, **kwargs)


def log_in(client, passcode=PASSCODE, next_path=None, remote_addr="127.0.0.2"):
    path = "/login" + (f"?next={next_path}" if next_path else "")
    return post(client, path, data={"passcode": passcode}, environ_base={"REMOTE_ADDR": remote_addr})


def saved_answer(app, client, tmp_path) -> int:
    """A real upload, analysed, with its recording on disk."""
    log_in(client)
    response = client.post("/api/answers", base_url=LAN_BASE, headers={"Accept": "application/json"},
                           content_type="multipart/form-data",
                           data=upload_form(write_wav(tmp_path / "tone.wav", tone(3.0))))
    assert response.status_code == 202, response.get_json()
    body = wait_until_finished(_LanClient(client), response.get_json()["url"])
    post(client, "/logout")
    return body["id"]


def upload_form(path):
    import io

    return {"audio": (io.BytesIO(path.read_bytes()), "answer.wav"), "prompt_id": "intro-tell-me-about-yourself"}


class _LanClient:
    """A test client whose GETs go to the LAN base URL (for helpers written for the default client)."""

    def __init__(self, client):
        self.client = client

    def get(self, path, **kwargs):
        return get(self.client, path, **kwargs)


def example_urls(app):
    """Every rule of the app with each of its methods, its arguments filled with an id that exists."""
    urls = []
    for rule in app.url_map.iter_rules():
        values = {name: 1 if isinstance(conv, app.url_map.converters["int"]) else "x"
                  for name, conv in rule._converters.items()}
        if rule.endpoint == "static":
            values = {"filename": "css/app.css"}
        with app.test_request_context(base_url=LAN_BASE):
            from flask import url_for
            url = url_for(rule.endpoint, **values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((rule.endpoint, method, url))
    return urls


def test_no_page_api_route_or_recording_answers_without_the_session(app, client, tmp_path):
    answer_id = saved_answer(app, client, tmp_path)
    assert answer_id == 1, "the walk fills every id with 1, so that id must exist"
    checked = []
    for endpoint, method, url in example_urls(app):
        if endpoint in PUBLIC_ENDPOINTS:
            continue
        response = client.open(url, method=method, base_url=LAN_BASE, headers={"Accept": "text/html"})
        if url.startswith("/api/"):
            assert response.status_code == 401, (method, url, response.status_code)
            assert response.get_json()["error"] == "Log in with the passcode first."
        else:
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.headers["Location"].startswith("/login"), (method, url)
        assert b"RIFF" not in response.data
        checked.append(url)
    assert len(checked) >= 40, checked
    assert "/answers/1/audio" in checked
    assert "/data/recordings.zip" in checked


def test_with_the_session_the_recording_and_pages_answer(app, client, tmp_path):
    answer_id = saved_answer(app, client, tmp_path)
    log_in(client)

    with get(client, f"/answers/{answer_id}/audio", headers={"Range": "bytes=0-3"}) as audio:
        assert audio.status_code == 206
        assert audio.data == b"RIFF"
    assert get(client, "/answers").status_code == 200
    assert get(client, f"/api/answers/{answer_id}").get_json()["status"] == "done"


def test_public_endpoints_hold_no_user_data(app, client):
    assert get(client, "/login").status_code == 200
    with get(client, "/static/css/app.css") as css:
        assert css.status_code == 200
    manifest = get(client, "/manifest.webmanifest")
    assert manifest.status_code == 200
    assert manifest.mimetype == "application/manifest+json"


def test_a_page_asked_for_before_logging_in_opens_after_it(client):
    response = get(client, "/answers?kind=introduction")
    assert response.headers["Location"] == "/login?next=/answers?kind%3Dintroduction"

    response = log_in(client, next_path="/answers%3Fkind%3Dintroduction")

    assert response.status_code == 302
    assert response.headers["Location"] == "/answers?kind=introduction"


@pytest.mark.parametrize("next_path", ["https://evil.example/", "//evil.example/", "/\\evil.example",
                                       "javascript:alert(1)"])
def test_login_never_sends_the_user_to_another_site(client, next_path):
    response = log_in(client, next_path=next_path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_right_passcode_opens_the_app_and_logging_out_closes_it(client):
    assert log_in(client).status_code == 302
    home = get(client, "/")
    assert home.status_code == 200
    assert "Log out" in home.get_data(as_text=True)

    post(client, "/logout")

    assert get(client, "/").status_code == 302


def test_a_wrong_passcode_is_refused_logged_and_opens_nothing(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = log_in(client, passcode="13572468", remote_addr="127.0.0.7")

    assert response.status_code == 401
    assert "That passcode is not right" in response.get_data(as_text=True)
    assert get(client, "/answers").status_code == 302
    assert any("wrong LAN passcode from 127.0.0.7" in record.getMessage() for record in caplog.records)


def test_after_five_wrong_passcodes_a_minute_the_device_must_wait(client, caplog):
    for _ in range(5):
        assert log_in(client, passcode="00000000", remote_addr="127.0.0.8").status_code == 401

    with caplog.at_level(logging.WARNING):
        blocked = log_in(client, passcode=PASSCODE, remote_addr="127.0.0.8")

    assert blocked.status_code == 429
    assert "Wait a minute" in blocked.get_data(as_text=True)
    assert get(client, "/answers").status_code == 302, "even the right passcode waits"
    assert any("refused: over 5 per 1 minute" in record.getMessage() for record in caplog.records)
    assert log_in(client, remote_addr="127.0.0.9").status_code == 302, "another device is not blocked"


def test_right_passcodes_do_not_count_towards_the_limit(client):
    for _ in range(7):
        assert log_in(client, remote_addr="127.0.0.10").status_code == 302
        post(client, "/logout")


def test_session_cookie_is_secure_httponly_and_samesite_lax(client):
    response = log_in(client)
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "samesite=lax"} <= flags


def test_a_new_passcode_ends_sessions_made_with_the_old_one(app, client, runner):
    log_in(client)
    assert get(client, "/").status_code == 200

    result = runner.invoke(args=["new-passcode"])

    made = re.search(r"The new LAN passcode is (\d+)", result.output).group(1)
    assert get(client, "/").status_code == 302
    assert log_in(client, passcode=made).status_code == 302


def test_login_form_has_one_passcode_field_and_csrf(app_config):
    from practice import create_app

    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    page = get(client, "/login").get_data(as_text=True)
    fields = set(re.findall(r'<input[^>]* name="([^"]+)"', page))
    assert fields == {"passcode", "csrf_token"}

    without_token = post(client, "/login", data={"passcode": PASSCODE})
    assert without_token.status_code == 400
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    with_token = post(client, "/login", data={"passcode": PASSCODE, "csrf_token": token})
    assert with_token.status_code == 302
    app.extensions["practice.jobs"].executor.shutdown(wait=True)


# --- exports and delete-all ask for the passcode again -----------------------------------------

@pytest.mark.parametrize("path", ["/data/export.json", "/data/answers.csv", "/data/tips.csv", "/data/recordings.zip"])
def test_exports_ask_for_the_passcode_again(client, path):
    log_in(client)

    asked = get(client, path)

    assert asked.status_code == 302
    assert asked.headers["Location"].startswith("/passcode-again")
    confirmed = post(client, asked.headers["Location"], data={"passcode": PASSCODE})
    assert confirmed.headers["Location"] == "/data"
    with get(client, path) as download:
        assert download.status_code == 200
        assert "attachment" in download.headers["Content-Disposition"]


def test_delete_all_asks_for_the_passcode_again_and_a_wrong_one_deletes_nothing(app, client, tmp_path):
    saved_answer(app, client, tmp_path)
    log_in(client)

    assert post(client, "/data/delete-all", data={"confirm": "DELETE"}).headers["Location"] \
        == "/passcode-again?next=/data/delete-all"
    assert post(client, "/passcode-again?next=/data/delete-all", data={"passcode": "99999999"}).status_code == 401
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 1

    confirmed = post(client, "/passcode-again?next=/data/delete-all", data={"passcode": PASSCODE})
    assert confirmed.headers["Location"] == "/data/delete-all"
    assert get(client, "/data/delete-all").status_code == 200
    assert post(client, "/data/delete-all", data={"confirm": "DELETE"}).headers["Location"] == "/data"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0


def test_the_confirmation_lapses_after_five_minutes(client, monkeypatch):
    log_in(client)
    post(client, "/passcode-again", data={"passcode": PASSCODE})
    with get(client, "/data/tips.csv") as download:
        assert download.status_code == 200

    clock = gate.time.time() + gate.PASSCODE_AGAIN_WINDOW_S + 1
    monkeypatch.setattr(gate.time, "time", lambda: clock)

    assert get(client, "/data/tips.csv").status_code == 302


# --- the desktop page and the phone -------------------------------------------------------------

def test_home_page_shows_the_qr_code_of_the_https_address(client):
    log_in(client)
    page = get(client, "/").get_data(as_text=True)

    url = lan_url("127.0.0.2", 5443)
    assert url == "https://127.0.0.2:5443/"
    assert qr_svg(url) in page
    assert f'href="{url}"' in page


def test_local_authority_downloads_after_logging_in_and_never_its_key(app, client):
    files, _ = ensure_certificates(app.extensions["practice.lan"].folder, ipaddress.ip_address("127.0.0.2"))
    log_in(client)

    with get(client, "/lan/practice-local-ca.crt") as response:
        assert response.mimetype == "application/x-x509-ca-cert"
        assert response.data == files.ca_cert.read_bytes()
        assert b"PRIVATE KEY" not in response.data


def test_the_login_page_links_the_manifest_which_needs_no_session(client):
    assert get(client, "/manifest.webmanifest").status_code == 200
    page = get(client, "/login").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


def test_the_lan_address_is_an_allowed_host_and_a_foreign_one_is_refused_even_with_the_session(app, client):
    assert "127.0.0.2" in app.config["ALLOWED_HOSTS"]
    log_in(client)

    foreign = client.get("/", base_url="https://evil.example:5443")

    assert foreign.status_code == 400
    assert get(client, "/").status_code == 200


def test_a_cross_site_post_is_refused_even_with_the_session(client):
    log_in(client)

    response = post(client, "/logout", headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403
    assert get(client, "/").status_code == 200, "still logged in"
    assert post(client, "/logout", headers={"Origin": LAN_BASE}).status_code == 302


def test_only_the_serving_process_makes_a_passcode_so_it_is_always_printed(app_config):
    """A `flask` command in LAN mode (e.g. db upgrade) must not make a passcode nobody sees."""
    from practice import create_app
    from practice.lan.passcode import passcode_file

    config = {key: value for key, value in app_config.items() if key != "PASSCODE"}
    app = create_app(config)
    app.extensions["practice.jobs"].executor.shutdown(wait=True)

    assert not passcode_file(app.extensions["practice.lan"].folder).exists()
