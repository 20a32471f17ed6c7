"""`python -m practice.serve --lan` (what scripts/run --lan runs), started for real on 127.0.0.2."""
from __future__ import annotations

import ssl
import subprocess
import sys

import pytest

from practice.lan.certs import server_addresses
from practice.lan.files import lan_folder
from scripts.load_lib.client import Client
from scripts.load_lib.server import ROOT, Server

pytestmark = pytest.mark.slow


@pytest.fixture
def instance(tmp_path):
    server = Server(tmp_path / "instance")
    server.create_tables()
    return tmp_path / "instance"


def trusting(instance) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(lan_folder(instance) / "ca.pem"))


def test_first_lan_start_prints_the_https_address_a_qr_code_and_a_passcode_that_opens_the_app(instance):
    with Server(instance, lan_host="127.0.0.2", threads=2) as server:
        log = server.log_path.read_text()
        passcode = server.printed_passcode()
        client = Client(server.base_url, ssl_context=trusting(instance))

        assert f"practice is running in LAN mode on https://127.0.0.2:{server.port}/" in log
        assert "▀" in log or "▄" in log, "the QR code is drawn in the terminal"
        assert passcode and passcode.isdigit()
        assert client.request("GET", "/", headers={"Accept": "text/html"}).status == 302
        assert client.log_in(passcode).status == 302
        assert client.request("GET", "/", headers={"Accept": "text/html"}).status == 200
        assert passcode not in (lan_folder(instance) / "passcode.hash").read_text()


def test_later_starts_keep_passcode_and_certificate_and_a_new_address_renews_the_certificate(instance):
    with Server(instance, lan_host="127.0.0.2", threads=2) as first:
        passcode = first.printed_passcode()
    certificate = (lan_folder(instance) / "server.pem").read_bytes()

    with Server(instance, lan_host="127.0.0.2", threads=2) as again:
        assert "Log in with your passcode" in again.log_path.read_text()
        assert "A certificate was made" not in again.log_path.read_text()
        assert Client(again.base_url, ssl_context=trusting(instance)).log_in(passcode).status == 302
    assert (lan_folder(instance) / "server.pem").read_bytes() == certificate

    with Server(instance, lan_host="127.0.0.3", threads=2) as moved:
        assert "A certificate was made for 127.0.0.3" in moved.log_path.read_text()
        assert Client(moved.base_url, ssl_context=trusting(instance)).log_in(passcode).status == 302
    assert [str(a) for a in server_addresses(lan_folder(instance) / "server.pem")] == ["127.0.0.3"]


def test_a_public_address_is_refused_with_the_reason_before_anything_listens(instance):
    """Run directly, not through Server, which would probe the address; 203.0.113.5 is a documentation address."""
    env = {**Server(instance).env, "PRACTICE_LAN_HOST": "203.0.113.5"}
    result = subprocess.run([sys.executable, "-m", "practice.serve", "--lan", "--port=0"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)

    assert result.returncode == 1
    assert "never serves on a public address" in result.stderr


def test_a_foreign_host_name_is_refused_even_with_the_session(instance):
    with Server(instance, lan_host="127.0.0.2", threads=2) as server:
        client = Client(server.base_url, ssl_context=trusting(instance))
        client.log_in(server.printed_passcode())

        foreign = client.request("GET", "/", headers={"Host": f"evil.example:{server.port}", "Accept": "text/html"})

        assert foreign.status == 400
        assert b"not one practice answers on" in foreign.body
