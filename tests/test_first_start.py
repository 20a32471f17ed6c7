"""scripts/run says what it is doing, warns of nothing, and ends with the address to open."""
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_run_says_each_step_and_ends_with_the_address(tmp_path):
    env = {**os.environ, "PRACTICE_INSTANCE_PATH": str(tmp_path / "instance"), "PRACTICE_PORT": "0"}
    process = subprocess.Popen([str(ROOT / "scripts" / "run")], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if "practice is running on" in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
    output = "\n".join(lines)
    assert "==> Preparing the database" in output
    assert output.index("==> Preparing the database") < output.index("==> Starting practice")
    assert re.search(r"practice is running on http://127\.0\.0\.1:\d+", lines[-1]), output
    assert not re.search(r"warning|!!|traceback", output, re.IGNORECASE), output
    assert (tmp_path / "instance" / "practice.sqlite3").is_file()
