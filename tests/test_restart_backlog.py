"""A real kill -9 with a backlog, then the README's start command: it answers first, analyses after."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from scripts.load_lib import startup
from scripts.load_lib.client import Client
from scripts.load_lib.server import Server
from tests.speech_clips import require_clip

pytestmark = pytest.mark.slow

BACKLOG = 30
# A 35 s clip takes the one analysis worker seconds, so 30 uploads sent at once are mostly unfinished at the kill.
CLIP = "11_osr_harvard_list72_8k.wav"
START_TIMEOUT_S = 180.0
PROGRESS_TIMEOUT_S = 300.0


def upload_all(base_url: str, audio: bytes) -> list[str]:
    def one(_index: int) -> str:
        response = Client(base_url).open_session().upload(audio, filename="answer.wav")
        assert response.status == 202, response.body
        return response.json()["url"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(one, range(BACKLOG)))


def test_scripts_run_answers_before_the_backlog_of_a_killed_server_is_done(tmp_path):
    audio = require_clip(CLIP).path.read_bytes()
    instance = tmp_path / "instance"
    startup.ensure_run_venv()
    startup.flask_db_upgrade(instance)
    server = Server(instance, threads=6)
    server.start()
    try:
        urls = upload_all(server.base_url, audio)
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
        deadline = time.monotonic() + PROGRESS_TIMEOUT_S
        while startup.unfinished(instance) >= left_by_the_kill and time.monotonic() < deadline:
            time.sleep(0.5)
        assert startup.unfinished(instance) < left_by_the_kill, "the backlog is worked through in the background"
        client = Client(f"http://127.0.0.1:{port}")
        statuses = {client.request("GET", url).json()["status"] for url in urls}
        assert statuses <= {"queued", "running", "done"}, statuses
    finally:
        startup.stop(process)
    assert "failed" not in startup.statuses(instance)
