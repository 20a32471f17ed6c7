"""Start-up after a kill -9 with 30 answers unfinished: scripts/run answers in 5 s, flask db upgrade analyses none

The targets are the issue's wall-clock seconds, so run this section on a quiet machine; CPU seconds
are shown beside them (they include the start-up tasks that run beside the first page).
"""
from __future__ import annotations

import os
import signal
import tempfile
import time
from pathlib import Path

from scripts.benchmarks.table import Row
from scripts.load_lib import startup
from scripts.load_lib.server import cpu_seconds

BACKLOG = 30
# Queued besides the backlog, so that 30 are still unfinished when the kill lands during the first analysis.
SPARE = 2
LISTEN_TARGET_S = 5.0
UPGRADE_TARGET_S = 15.0
START_TIMEOUT_S = 120.0
KILL_TIMEOUT_S = 120.0


def seed_backlog(instance_path: Path, count: int) -> None:
    """Recordings on disk with their rows queued, as uploads leave them."""
    from practice import create_app
    from practice.extensions import db
    from practice.models import Answer
    from practice.storage import commit_file, new_filename, write_temp
    from tests.audio_files import tone, write_wav

    app = create_app({"INSTANCE_PATH": str(instance_path)})
    wav = write_wav(instance_path / "tone.wav", tone(3.0))
    with app.app_context():
        for _index in range(count):
            filename = new_filename("wav")
            with open(wav, "rb") as stream:
                commit_file(write_temp(stream), filename)
            db.session.add(Answer(prompt_key="intro-tell-me-about-yourself", prompt_text="Tell me about yourself",
                                  kind="introduction", audio_filename=filename, audio_format="wav",
                                  audio_bytes=wav.stat().st_size, status="queued", attempts=0))
        db.session.commit()
        db.engine.dispose()
    wav.unlink()


def kill_while_analysing(instance_path: Path, log_path: Path) -> int:
    """Start the app, let it begin on the backlog, kill -9 it; returns the answers left unfinished."""
    process, port = startup.start_run_script(instance_path, log_path)
    try:
        startup.seconds_until_it_answers(process, port, time.monotonic(), START_TIMEOUT_S)
        deadline = time.monotonic() + KILL_TIMEOUT_S
        while startup.statuses(instance_path).get("running", 0) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    finally:
        startup.stop(process)
    return startup.unfinished(instance_path)


def rows() -> list[Row]:
    startup.ensure_run_venv()
    with tempfile.TemporaryDirectory(prefix="practice-bench-startup-") as folder:
        instance = Path(folder) / "instance"
        first_upgrade_s, _cpu_s = startup.flask_db_upgrade(instance)
        seed_backlog(instance, BACKLOG + SPARE)
        left_by_kill = kill_while_analysing(instance, Path(folder) / "first-run.log")
        upgrade_s, upgrade_cpu_s = startup.flask_db_upgrade(instance)
        left_after_upgrade = startup.unfinished(instance)
        started_s = time.monotonic()
        process, port = startup.start_run_script(instance, Path(folder) / "run.log")
        try:
            listen_s = startup.seconds_until_it_answers(process, port, started_s, START_TIMEOUT_S)
            listen_cpu_s = cpu_seconds(process.pid)
            left_when_answering = startup.unfinished(instance)
        finally:
            startup.stop(process)
    return [
        Row("flask db upgrade, fresh database", "informational", f"{first_upgrade_s:.1f} s", None),
        Row("answers unfinished after the kill -9", f">= {BACKLOG}", str(left_by_kill), left_by_kill >= BACKLOG),
        Row("flask db upgrade after the kill: wall", f"< {UPGRADE_TARGET_S:g} s", f"{upgrade_s:.1f} s",
            upgrade_s < UPGRADE_TARGET_S),
        Row("flask db upgrade after the kill: CPU", "informational", f"{upgrade_cpu_s:.1f} s", None),
        Row("answers analysed by flask db upgrade", "0", str(left_by_kill - left_after_upgrade),
            left_after_upgrade == left_by_kill),
        Row("scripts/run to first page after the kill: wall (quiet machine)", f"<= {LISTEN_TARGET_S:g} s",
            f"{listen_s:.1f} s", listen_s <= LISTEN_TARGET_S),
        Row("scripts/run to first page: CPU, start-up tasks included", "informational",
            "n/a" if listen_cpu_s is None else f"{listen_cpu_s:.1f} s", None),
        Row("unfinished answers when the first page came", "informational (worked through after)",
            f"{left_when_answering} of {left_by_kill}", None),
    ]
