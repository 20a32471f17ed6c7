"""Start-up with a backlog: scripts/run answers at once, flask db upgrade analyses nothing

The targets are on CPU seconds (which equal wall seconds on an idle machine), because this
machine is shared and its wall times vary several-fold; wall times are printed beside them.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scripts.benchmarks.table import Row
from scripts.load_lib import startup

BACKLOG = 30
LISTEN_TARGET_S = 5.0
UPGRADE_TARGET_S = 15.0
START_TIMEOUT_S = 120.0


def seed_backlog(instance_path: Path, count: int) -> None:
    """What a killed server leaves: recordings on disk and their rows queued or running."""
    from practice import create_app
    from practice.extensions import db
    from practice.models import Answer
    from practice.storage import commit_file, new_filename, write_temp
    from tests.audio_files import tone, write_wav

    app = create_app({"INSTANCE_PATH": str(instance_path)})
    wav = write_wav(instance_path / "tone.wav", tone(3.0))
    with app.app_context():
        for index in range(count):
            filename = new_filename("wav")
            with open(wav, "rb") as stream:
                commit_file(write_temp(stream), filename)
            db.session.add(Answer(prompt_key="intro-tell-me-about-yourself", prompt_text="Tell me about yourself",
                                  kind="introduction", audio_filename=filename, audio_format="wav",
                                  audio_bytes=wav.stat().st_size, status="running" if index == 0 else "queued",
                                  attempts=1 if index == 0 else 0))
        db.session.commit()
        db.engine.dispose()
    wav.unlink()


def rows() -> list[Row]:
    startup.ensure_run_venv()
    with tempfile.TemporaryDirectory(prefix="practice-bench-startup-") as folder:
        instance = Path(folder) / "instance"
        first_upgrade_s, _cpu_s = startup.flask_db_upgrade(instance)
        seed_backlog(instance, BACKLOG)
        upgrade_s, upgrade_cpu_s = startup.flask_db_upgrade(instance)
        left_after_upgrade = startup.unfinished(instance)
        process, port = startup.start_run_script(instance, Path(folder) / "run.log")
        try:
            listen_s = startup.seconds_until_it_answers(process, port, time.monotonic(), START_TIMEOUT_S)
            listen_cpu_s = startup.cpu_seconds(process.pid)
            left_when_answering = startup.unfinished(instance)
        finally:
            startup.stop(process)
    return [
        Row("flask db upgrade, fresh database", "informational", f"{first_upgrade_s:.1f} s", None),
        Row(f"flask db upgrade with {BACKLOG} unfinished answers: wall", "informational (shared machine)",
            f"{upgrade_s:.1f} s", None),
        Row(f"flask db upgrade with {BACKLOG} unfinished answers: CPU", f"< {UPGRADE_TARGET_S:g} s",
            f"{upgrade_cpu_s:.1f} s", upgrade_cpu_s < UPGRADE_TARGET_S),
        Row("answers analysed by flask db upgrade", "0", str(BACKLOG - left_after_upgrade),
            left_after_upgrade == BACKLOG),
        Row(f"scripts/run to first page, {BACKLOG} unfinished: wall", "informational (shared machine)",
            f"{listen_s:.1f} s", None),
        Row(f"scripts/run to first page, {BACKLOG} unfinished: CPU", f"<= {LISTEN_TARGET_S:g} s",
            "n/a" if listen_cpu_s is None else f"{listen_cpu_s:.1f} s",
            listen_s <= LISTEN_TARGET_S if listen_cpu_s is None else listen_cpu_s <= LISTEN_TARGET_S),
        Row("unfinished answers when the first page came", "informational (worked through after)",
            f"{left_when_answering} of {BACKLOG}", None),
    ]
