"""Start and stop the real app (practice.serve, as scripts/run does) in a child process, on 127.0.0.1 only."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0

CREATE_TABLES = "from practice import create_app; from practice.extensions import db; " \
                "app = create_app(); app.app_context().push(); db.create_all(); " \
                "app.extensions['practice.jobs'].executor.shutdown()"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process and of the children it has waited for (Linux /proc), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime, stime, cutime, cstime: fields 14-17 of proc(5), counted after the ")" that ends the name
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """One serving process (practice.serve: waitress, or cheroot with TLS in LAN mode) using instance_path."""

    instance_path: Path
    threads: int = 8
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    # A loopback stand-in for a LAN address (e.g. "127.0.0.2"): serve it in LAN mode (HTTPS, passcode).
    lan_host: str | None = None

    @property
    def listen_host(self) -> str:
        return self.lan_host or "127.0.0.1"

    @property
    def base_url(self) -> str:
        return f"{'https' if self.lan_host else 'http'}://{self.listen_host}:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        lan = {"PRACTICE_LAN_HOST": self.lan_host} if self.lan_host else {}
        return {**os.environ, "PRACTICE_INSTANCE_PATH": str(self.instance_path), "PYTHONUNBUFFERED": "1", **lan}

    def create_tables(self) -> None:
        """Tables for a fresh instance folder (what `flask db upgrade` does for a real install)."""
        self.instance_path.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-c", CREATE_TABLES], cwd=ROOT, env=self.env, check=True, timeout=120)

    def start(self) -> Server:
        self.port = self.port or free_port()
        self.log_path = self.instance_path / f"waitress-{self.port}.log"
        self.instance_path.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "practice.serve", "--host=127.0.0.1", f"--port={self.port}",
                   f"--threads={self.threads}", *(["--lan"] if self.lan_host else [])]
        with open(self.log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_until_listening()
        return self

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with socket.create_connection((self.listen_host, self.port), timeout=0.5):
                    pass
            except OSError:
                time.sleep(0.1)
                continue
            if "practice is running" in self.log_path.read_text(errors="replace"):  # printed once it listens
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not listen within {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no finally blocks, exactly like a power cut for the app."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def peak_rss_mb(self) -> float | None:
        """The server's high-water resident memory (VmHWM), or None off Linux."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def cpu_s(self) -> float | None:
        """CPU seconds the server has used so far, every thread and finished child (ffmpeg) counted; None off Linux."""
        return cpu_seconds(self.process.pid)

    def printed_passcode(self) -> str | None:
        """The passcode LAN mode printed at its first start, read back from the log."""
        found = re.findall(r"The passcode is (\S+)", self.log_path.read_text(errors="replace"))
        return found[-1] if found else None

    def log_tail(self, n_chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-n_chars:] if self.log_path and self.log_path.exists() else ""

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
