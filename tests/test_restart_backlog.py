"""A real kill -9 with a backlog, then the README's start command: it answers first, analyses after."""
from __future__ import annotations

import time

import pytest

from scripts.load_lib import startup
from scripts.load_lib.client import Client
from scripts.load_lib.server import Server
from tests.audio_files import tone, write_wav

pytestmark = pytest.mark.slow

BACKLOG = 30
START_TIMEOUT_S = 180.0
BACKLOG_TIMEOUT_S = 600.0


def test_scripts_run_answers_before_the_backlog_of_a_killed_server_is_done(tmp_path):
    instance = tmp_path / "instance"
    startup.ensure_run_venv()
    startup.flask_db_upgrade(instance)
    server = Server(instance, threads=4)
    server.start()
    try:
        client = Client(server.base_url).open_session()
        wav = write_wav(tmp_path / "answer.wav", tone(3.0)).read_bytes()
        urls = []
        for _ in range(BACKLOG):
            response = client.upload(wav, filename="answer.wav")
            assert response.status == 202, response.body
            urls.append(response.json()["url"])
        server.kill()
    finally:
        server.stop()
    assert server.process.returncode == -9
    left_by_the_kill = startup.unfinished(instance)
    assert left_by_the_kill >= BACKLOG // 2, "most answers were still unfinished when the server died"

    process, port = startup.start_run_script(instance, tmp_path / "run.log")
    try:
        startup.seconds_until_it_answers(process, port, time.monotonic(), START_TIMEOUT_S)
        assert startup.unfinished(instance) > 0, "it answered before working through the backlog"
        client = Client(f"http://127.0.0.1:{port}")
        finished = [client.wait_for_status(url, {"done", "failed"}, timeout_s=BACKLOG_TIMEOUT_S) for url in urls]
        assert [body["status"] for body in finished] == ["done"] * BACKLOG
    finally:
        startup.stop(process)
    assert startup.statuses(instance) == {"done": BACKLOG}
