"""Real headless Chromium with a fake microphone against a live app server (BROWSER_TESTS.md)."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def require_program(name: str, candidates: tuple[str, ...] = ()) -> str:
    """The program's path; a user's machine without it skips, CI (which installs it) fails."""
    for candidate in candidates:
        if Path(candidate).exists():
            return candidate
    found = shutil.which(name)
    if found:
        return found
    reason = f"{name} is not installed (apt-get install {name}); .ci/run installs it"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def chromium_path() -> str:
    return require_program("chromium", CHROMIUM_CANDIDATES)


@pytest.fixture
def live_server(tmp_path):
    """The real app (real ASR, real CSRF, real SQLite) served on a free loopback port."""
    from practice import create_app
    from practice.extensions import db

    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["practice.jobs"].executor.shutdown(wait=True)


@pytest.fixture
def launch_browser():
    """launch_browser(wav) -> a Chromium whose microphone plays wav once, then silence."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    playwright = sync_playwright().start()
    browsers = []

    def launch(wav_path: Path | None = None):
        args = list(LAUNCH_ARGS)
        if wav_path is not None:
            args.append(f"--use-file-for-fake-audio-capture={wav_path}%noloop")
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=args)
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()
    playwright.stop()


@pytest.fixture
def screenshot():
    """screenshot(page, name): saves a full-page PNG under test-artifacts/ for a person to look at."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def fake_mic_wav(clip_path: Path, out_dir: Path, lead_silence_s: float = 0.5) -> Path:
    """A clip as 16-bit PCM WAV with a little silence first: the only format the fake mic plays."""
    from tests.audio_files import convert

    return convert(clip_path, out_dir / f"{clip_path.stem}-mic.wav",
                   "-af", f"adelay={int(lead_silence_s * 1000)}:all=1", "-ar", "48000", "-ac", "1")
