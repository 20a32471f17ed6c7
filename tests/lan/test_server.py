"""The LAN server's own parts: the redirect for plain http, and what it prints at start
(tests/lan/test_https_server.py drives the whole server over real TLS)."""
import io

from practice.lan.server import announce, listening_port, redirect_response
from tests.lan.conftest import LAN_STAND_IN

HTTPS = "https://192.168.1.20:5000"


def response_head(raw: bytes) -> tuple[str, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    return status, dict(line.split(": ", 1) for line in lines), body


def test_plain_http_is_sent_to_the_same_path_on_the_https_address():
    status, headers, body = response_head(redirect_response(HTTPS, b"GET /answers?kind=intro HTTP/1.1\r\nHost: x\r\n"))
    assert status == "HTTP/1.1 301 Moved Permanently"
    assert headers["Location"] == f"{HTTPS}/answers?kind=intro"
    assert headers["Connection"] == "close" and int(headers["Content-Length"]) == len(body)
    assert body == f"practice answers only over https: {HTTPS}/answers?kind=intro\n".encode()


def test_a_path_that_would_leave_the_site_or_a_garbled_request_goes_to_the_home_page():
    for request in (b"GET //evil.example/x HTTP/1.1\r\n", b"GET http://evil.example/ HTTP/1.1\r\n", b"\x00garbage",
                    b""):
        assert response_head(redirect_response(HTTPS, request))[1]["Location"] == f"{HTTPS}/"


def test_the_first_start_prints_the_address_its_qr_code_the_certificate_and_the_passcode(tmp_path):
    out = io.StringIO()
    url = announce(LAN_STAND_IN, 5443, "12345678", tmp_path / "ca.pem", stream=out)
    printed = out.getvalue()
    assert url == "https://127.0.0.2:5443/"
    assert printed.startswith("practice is running in LAN mode on https://127.0.0.2:5443/  (Ctrl+C stops it)\n")
    assert "█" in printed
    assert f"install {tmp_path / 'ca.pem'} on the phone" in printed
    assert "The passcode is 12345678" in printed


def test_a_later_start_asks_for_the_passcode_without_showing_it():
    out = io.StringIO()
    announce(LAN_STAND_IN, 5443, None, None, stream=out)
    assert "Log in with your passcode" in out.getvalue()
    assert "The passcode is" not in out.getvalue() and "A certificate was made" not in out.getvalue()


def test_the_server_listens_on_the_free_port_it_was_given_and_redirects_there(lan_server):
    port = listening_port(lan_server.server)
    assert port == lan_server.port > 0
    assert lan_server.server.ssl_adapter.https_url == f"https://127.0.0.2:{port}/"
    assert lan_server.server.max_request_body_size == 26 * 1024 * 1024
