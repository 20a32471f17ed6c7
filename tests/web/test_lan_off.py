"""Without LAN mode nothing changes: no login, no passcode, plain cookies on 127.0.0.1."""
from __future__ import annotations


def test_pages_and_exports_open_without_any_login(client):
    home = client.get("/")
    assert home.status_code == 200
    page = home.get_data(as_text=True)
    assert "Log out" not in page
    assert "Practise from your phone" not in page
    with client.get("/data/tips.csv") as export:
        assert export.status_code == 200


def test_there_is_no_login_route(client):
    assert client.get("/login").status_code == 404
    assert client.get("/passcode-again").status_code == 404
    assert client.get("/lan/practice-local-ca.crt").status_code == 404


def test_no_lan_files_are_made(app):
    from pathlib import Path

    assert not (Path(app.instance_path) / "lan").exists()
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_the_manifest_is_served_in_both_modes(client):
    assert client.get("/manifest.webmanifest").get_json()["short_name"] == "practice"
