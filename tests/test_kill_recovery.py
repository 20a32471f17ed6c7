"""The real thing: waitress in a child process, a real clip, SIGKILL mid-analysis, restart, and it finishes."""
from __future__ import annotations

import socket

import pytest

from scripts.load_lib.client import Client
from scripts.load_lib.server import Server
from tests.speech_clips import require_clip

pytestmark = pytest.mark.slow

MB = 1024 * 1024


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path / "instance", threads=4)
    server.create_tables()
    yield server
    server.stop()


def test_answer_running_when_the_server_is_killed_finishes_after_restart(server):
    clip = require_clip("15_whisper_jfk.flac")
    server.start()
    client = Client(server.base_url).open_session()
    response = client.upload(clip.path, filename="answer.webm")
    assert response.status == 202, response.body
    url = response.json()["url"]

    client.wait_for_status(url, {"running"}, timeout_s=30, poll_s=0.02)
    server.kill()
    assert server.process.returncode == -9

    server.start()
    client = Client(server.base_url)
    interrupted = client.request("GET", url).json()
    assert interrupted["status"] in ("queued", "running", "done"), interrupted
    finished = client.wait_for_status(url, {"done", "failed"}, timeout_s=180)
    assert finished["status"] == "done", finished.get("error")
    assert any(w["text"].strip(",.").lower() == "americans" for w in finished["analysis"]["words"])
    audio = client.request("GET", f"/answers/{finished['id']}/audio")
    assert audio.status == 200 and audio.body == clip.path.read_bytes()


def test_200_mb_body_is_refused_by_the_real_server_before_it_is_sent(server):
    server.start()
    client = Client(server.base_url).open_session()
    head = (f"POST /api/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {200 * MB}\r\n"
            f"Content-Type: multipart/form-data; boundary=x\r\nAccept: application/json\r\n"
            f"Cookie: {client.cookie}\r\nX-CSRFToken: {client.csrf_token}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head + b"x" * 65536)
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert server.process.poll() is None, "the server stays up"
    assert Client(server.base_url).open_session().csrf_token
