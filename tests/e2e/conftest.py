"""Real headless Chromium with a fake microphone against a live app server."""
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
    app.extensions["practice.streams"].shutdown()
    app.extensions["practice.jobs"].executor.shutdown(wait=True)


@pytest.fixture
def launch_browser():
    """launch_browser(wav, extra_args) -> a Chromium whose microphone plays wav once, then silence."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    playwright = sync_playwright().start()
    browsers = []

    def launch(wav_path: Path | None = None, extra_args: tuple[str, ...] = ()):
        args = [*LAUNCH_ARGS, *extra_args]
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


PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """The app with 300 demo answers, the notebook and sittings at every turn, served on a free port."""
    from tests.e2e.demo_site import build_demo_site, serve

    app, site = build_demo_site(tmp_path_factory.mktemp("demo") / "instance")
    server, thread = serve(app)
    site.url = f"http://127.0.0.1:{server.server_port}"
    yield site
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["practice.jobs"].executor.shutdown(wait=True)


@pytest.fixture(scope="module")
def demo_browser():
    """One Chromium for a module's page visits (module scope: one Playwright at a time per thread)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(demo_browser, demo_site):
    """open_page(name or path, viewport) -> a loaded page of the demo site; closed after the test."""
    contexts = []

    def open_(name_or_path: str, viewport: dict):
        context = demo_browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.goto(demo_site.url + demo_site.paths.get(name_or_path, name_or_path))
        return page

    yield open_
    for context in contexts:
        context.close()


def shoot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    path = ARTIFACTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
