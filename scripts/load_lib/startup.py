"""Start the app with the README's own command (scripts/run) and time how soon it answers."""
from __future__ import annotations

import http.client
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from scripts.load_lib.server import ROOT, free_port

UNFINISHED = ("queued", "running")
POLL_S = 0.05


def run_script_env(instance_path: Path, port: int) -> dict[str, str]:
    return {**os.environ, "PRACTICE_INSTANCE_PATH": str(instance_path), "PRACTICE_HOST": "127.0.0.1",
            "PRACTICE_PORT": str(port), "PYTHONUNBUFFERED": "1"}


def ensure_run_venv() -> None:
    """Install what scripts/run needs first, so the timing below is of a start, not of an install."""
    subprocess.run(["bash", "-c", "source scripts/lib/setup_venv.sh && ensure_venv ."], cwd=ROOT, check=True,
                   timeout=900)


def flask_db_upgrade(instance_path: Path) -> tuple[float, float]:
    """Run the README's migration step for instance_path; (wall seconds, CPU seconds)."""
    started_s, cpu_before = time.monotonic(), _children_cpu_s()
    subprocess.run([str(Path(sys.executable).with_name("flask")), "--app", "practice", "db", "upgrade"], cwd=ROOT,
                   env=run_script_env(instance_path, 0), check=True, capture_output=True, timeout=300)
    return time.monotonic() - started_s, _children_cpu_s() - cpu_before


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_run_script(instance_path: Path, log_path: Path) -> tuple[subprocess.Popen, int]:
    """scripts/run in its own process group on a free loopback port; (process, port)."""
    port = free_port()
    with open(log_path, "ab") as log:
        process = subprocess.Popen([str(ROOT / "scripts" / "run")], cwd=ROOT, env=run_script_env(instance_path, port),
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return process, port


def seconds_until_it_answers(process: subprocess.Popen, port: int, started_s: float, timeout_s: float) -> float:
    """Seconds from started_s (time.monotonic) to the first 200 for GET /; raises if it exits or times out."""
    deadline = started_s + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scripts/run exited with {process.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/", headers={"Accept": "text/html"})
            if connection.getresponse().status == 200:
                return time.monotonic() - started_s
        except OSError:
            time.sleep(POLL_S)
        finally:
            connection.close()
    raise TimeoutError(f"scripts/run did not answer on port {port} within {timeout_s} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group this module started, SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def statuses(instance_path: Path) -> dict[str, int]:
    """Answer count per status, read straight from the SQLite file."""
    with sqlite3.connect(instance_path / "practice.sqlite3", timeout=30) as connection:
        return dict(connection.execute("SELECT status, count(*) FROM answer GROUP BY status").fetchall())


def unfinished(instance_path: Path) -> int:
    counts = statuses(instance_path)
    return sum(counts.get(status, 0) for status in UNFINISHED)
