"""Only the expected host names are served, and changes come only from the app's own pages."""
from __future__ import annotations

import pytest

from practice.extensions import db
from practice.models import CustomPrompt
from practice.web.hosts import allowed_hosts, host_name
from tests.web.helpers import csrf_token_of

FOREIGN = "http://attacker.test"
READS = ["/", "/data/export.json", "/data/answers.csv", "/data/recordings.zip", "/answers", "/static/css/app.css"]


@pytest.fixture
def csrf_client(csrf_app_config, app, client):
    return app, client


def prompt_count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(CustomPrompt.id)))


@pytest.mark.parametrize("path", READS)
def test_nothing_is_served_under_a_foreign_host(client, path):
    response = client.get(path, base_url=FOREIGN, headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert "PRACTICE_ALLOWED_HOSTS" in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:5000", "http://localhost", "http://[::1]:5000",
                                      "http://LOCALHOST:8080"])
def test_the_computers_own_names_are_served(client, base_url):
    response = client.get("/data/export.json", base_url=base_url)
    response.close()
    assert response.status_code == 200


def test_a_rebinding_page_cannot_post_with_a_token_fetched_under_its_own_name(csrf_client):
    """The attack: attacker.test resolves to 127.0.0.1, its script fetches a token, then posts."""
    app, client = csrf_client
    assert csrf_token_of(client, FOREIGN) is None, "no page, so no token, under a foreign host"
    real_token = csrf_token_of(client, "http://127.0.0.1:5000")
    response = client.post("/prompts", base_url=FOREIGN,
                           data={"text": "owned question", "kind": "introduction", "target_s": "60",
                                 "csrf_token": real_token},
                           headers={"Origin": FOREIGN, "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    assert prompt_count(app) == 0


@pytest.mark.parametrize("headers", [{"Origin": FOREIGN}, {"Origin": "null"},
                                     {"Origin": "http://127.0.0.1:8000"}, {"Origin": "https://127.0.0.1:5000"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://127.0.0.1:5000", "Sec-Fetch-Site": "cross-site"}])
def test_a_cross_origin_post_with_a_valid_token_changes_nothing(csrf_client, headers):
    app, client = csrf_client
    token = csrf_token_of(client, "http://127.0.0.1:5000")
    response = client.post("/prompts", base_url="http://127.0.0.1:5000",
                           data={"text": "Why this company?", "kind": "introduction", "target_s": "60",
                                 "csrf_token": token},
                           headers={"Accept": "text/html", **headers})
    assert response.status_code == 403
    assert "another site" in response.get_data(as_text=True)
    assert prompt_count(app) == 0


def test_delete_all_from_another_origin_is_refused(csrf_client):
    app, client = csrf_client
    token = csrf_token_of(client, "http://127.0.0.1:5000")
    response = client.post("/data/delete-all", base_url="http://127.0.0.1:5000",
                           data={"confirm": "DELETE", "csrf_token": token}, headers={"Origin": FOREIGN})
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://127.0.0.1:5000"}, {"Sec-Fetch-Site": "none"},
                                     {"Origin": "null", "Sec-Fetch-Site": "same-origin"}])
def test_a_post_from_the_apps_own_page_goes_through(csrf_client, headers):
    app, client = csrf_client
    token = csrf_token_of(client, "http://127.0.0.1:5000")
    response = client.post("/prompts", base_url="http://127.0.0.1:5000",
                           data={"text": "Why this company?", "kind": "introduction", "target_s": "60",
                                 "csrf_token": token},
                           headers=headers)
    assert response.status_code == 303
    assert prompt_count(app) == 1


def test_practice_allowed_hosts_adds_names_and_keeps_loopback(tmp_path, monkeypatch):
    from practice import create_app

    monkeypatch.setenv("PRACTICE_ALLOWED_HOSTS", "interview.local, Laptop.lan")
    monkeypatch.setenv("PRACTICE_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app()  # no test config, so the environment is read as in production
    app.extensions["practice.jobs"].executor.shutdown()
    assert app.config["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]", "interview.local", "laptop.lan"]


def test_allowed_hosts_parsing():
    assert allowed_hosts(None) == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts(["a.test", "localhost"]) == ["127.0.0.1", "localhost", "[::1]", "a.test"]
    assert host_name("[::1]:5000") == "[::1]"
    assert host_name("LocalHost:80") == "localhost"
    assert host_name("") == ""
