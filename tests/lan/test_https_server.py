"""The LAN server end to end over real TLS on 127.0.0.2: https only, passcode first, uploads and playback work."""
from __future__ import annotations

import socket
import ssl
from urllib.parse import urlencode

import pytest

from tests.audio_files import tone, write_wav
from tests.lan.conftest import LAN_STAND_IN, PASSCODE


def plain_http_get(port: int, path: str, host: str = str(LAN_STAND_IN)) -> str:
    with socket.create_connection((str(LAN_STAND_IN), port), timeout=10) as plain:
        plain.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        reply = b""
        while chunk := plain.recv(4096):
            reply += chunk
    return reply.decode(errors="replace")


def test_plain_http_on_the_lan_port_is_redirected_to_https_and_serves_nothing(lan_server):
    reply = plain_http_get(lan_server.port, "/answers?kind=introduction")

    head, _, body = reply.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 301")
    assert f"Location: https://127.0.0.2:{lan_server.port}/answers?kind=introduction" in head.splitlines()
    assert "csrf" not in body and "<html" not in body


def test_the_redirect_goes_to_the_lan_address_whatever_host_was_named(lan_server):
    reply = plain_http_get(lan_server.port, "//evil.example/x", host="evil.example")

    assert f"Location: https://127.0.0.2:{lan_server.port}/\r\n" in reply


def test_a_client_that_does_not_trust_the_local_authority_gets_no_page(lan_server):
    from scripts.load_lib.client import Client

    stranger = Client(lan_server.base_url, ssl_context=ssl.create_default_context())
    with pytest.raises(ssl.SSLCertVerificationError):
        stranger.request("GET", "/login")


def test_without_the_session_every_request_is_sent_to_login(lan_server):
    client = lan_server.client()

    page = client.request("GET", "/answers", headers={"Accept": "text/html"})
    api = client.request("GET", "/api/answers/1")

    assert page.status == 302
    assert page.headers["location"] == "/login?next=/answers"
    assert api.status == 401


def test_a_wrong_passcode_over_https_opens_nothing(lan_server):
    client = lan_server.client()

    assert client.log_in("11112222").status == 401
    assert client.request("GET", "/", headers={"Accept": "text/html"}).status == 302


def test_log_in_upload_analyse_and_play_back_over_https(lan_server, tmp_path):
    client = lan_server.client()
    login = client.log_in(PASSCODE)
    assert login.status == 302
    assert "secure" in login.headers["set-cookie"].lower()
    client.open_session()
    wav = write_wav(tmp_path / "answer.wav", tone(3.0))

    uploaded = client.upload(wav, filename="answer.wav")

    assert uploaded.status == 202, uploaded.body
    done = client.wait_for_status(uploaded.json()["url"], {"done", "failed"}, timeout_s=60)
    assert done["status"] == "done"
    audio_url = f"/answers/{done['id']}/audio"
    whole = client.request("GET", audio_url, headers={"Accept": "*/*"})
    assert whole.body == wav.read_bytes()
    ranged = client.request("GET", audio_url, headers={"Range": "bytes=1000-1999", "Accept": "*/*"})
    assert ranged.status == 206
    assert ranged.headers["content-range"] == f"bytes 1000-1999/{wav.stat().st_size}"
    assert ranged.body == wav.read_bytes()[1000:2000]


def test_an_upload_over_the_limit_is_refused_before_it_is_read_with_the_security_headers(lan_server):
    client = lan_server.client()
    client.log_in(PASSCODE)
    client.open_session()

    too_big = client.request("POST", "/api/answers", b"", {"Content-Length": str(200 * 1024 * 1024),
                                                           "Content-Type": "multipart/form-data; boundary=x",
                                                           "X-CSRFToken": client.csrf_token})

    assert too_big.status == 413
    assert too_big.headers["content-security-policy"].startswith("default-src 'self'")
    assert too_big.headers["x-content-type-options"] == "nosniff"
    assert too_big.headers["x-frame-options"] == "DENY"
    assert too_big.headers["connection"] == "close"


def test_streamed_chunks_while_speaking_arrive_and_are_analysed_over_https(lan_server):
    """The AudioWorklet path: numbered PCM chunks, then Stop, through the TLS server."""
    from scripts.load_lib.streamer import replay

    client = lan_server.client()
    client.log_in(PASSCODE)
    client.open_session()

    result = replay(client, tone(6.0), realtime=False)

    assert result.answer["status"] == "done"
    assert abs(result.answer["analysis"]["duration_s"] - 6.0) < 0.1


def test_a_large_export_streams_whole_over_https(lan_server, monkeypatch):
    from scripts.load_lib.client import CSRF_META
    from tests.web.test_export import add_answers, assert_whole_archive, never_built_whole

    contents = add_answers(lan_server.app, 4, 50_000)
    lan_server.app.config["EXPORT_WHOLE_MAX_BYTES"] = 10_000
    never_built_whole(monkeypatch)
    client = lan_server.client()
    client.log_in(PASSCODE)
    page = client.request("GET", "/passcode-again", headers={"Accept": "text/html"})
    form = urlencode({"passcode": PASSCODE, "csrf_token": CSRF_META.search(page.body.decode()).group(1)})
    confirmed = client.request("POST", "/passcode-again", form.encode(),
                               {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"})
    assert confirmed.status == 302

    download = client.request("GET", "/data/recordings.zip")

    assert download.status == 200
    assert int(download.headers["content-length"]) == len(download.body) > 4 * 50_000
    assert "transfer-encoding" not in download.headers
    assert_whole_archive(download.body, contents)
