"""Streaming while speaking, in Chromium with a fake microphone: Stop -> words on the review (30 s and 60 s)"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from scripts.benchmarks.table import Row
from scripts.load_lib import stream_bench
from tests.audio_files import write_wav
from tests.speech_clips import MISSING_REASON, load_clips

LENGTHS_S = (30, 60)
LEAD_SILENCE_S = 0.5
CHROMIUM = "/usr/bin/chromium"


def _record_once(browser, base_url: str, wav: Path, seconds: float) -> tuple[float, str]:
    """One answer on the rehearse page; returns Stop -> first word visible on the review, and the capture mode."""
    page = browser.new_page()
    try:
        page.goto(f"{base_url}/rehearse/introduction")
        page.get_by_role("checkbox", name=re.compile("Mute")).check()
        page.get_by_role("button", name="Record").click()
        page.wait_for_timeout(int((seconds + LEAD_SILENCE_S + 0.3) * 1000))
        mode = page.locator("#rehearse").get_attribute("data-recording-mode") or "?"
        stopped = time.monotonic()
        page.get_by_role("button", name="Stop").click()
        page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=600_000)
        page.wait_for_selector("#transcript .word", timeout=600_000)
        return time.monotonic() - stopped, mode
    finally:
        page.close()


def rows() -> list[Row]:
    if not load_clips():
        return [Row("real speech clips", "present", MISSING_REASON, False)]
    if not Path(CHROMIUM).exists():
        return [Row("Chromium", "installed", f"{CHROMIUM} missing (apt-get install chromium)", False)]
    import numpy as np
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import LAUNCH_ARGS

    out = []
    with tempfile.TemporaryDirectory() as tmp, stream_bench.fresh_server() as server, sync_playwright() as p:
        for seconds in LENGTHS_S:
            samples = np.concatenate([np.zeros(int(LEAD_SILENCE_S * 16000), np.float32),
                                      stream_bench.clean_speech(seconds)])
            wav = write_wav(Path(tmp) / f"answer-{seconds}.wav", samples)
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=[*LAUNCH_ARGS, f"--use-file-for-fake-audio-capture={wav}%noloop"])
            try:
                waited_s, mode = _record_once(browser, server.base_url, wav, seconds)
            finally:
                browser.close()
            label = f"Chromium, {seconds} s answer" + (" (first after start)" if seconds == LENGTHS_S[0] else "")
            out.append(Row(f"{label}: Stop -> words on the review", f"<= {stream_bench.STOP_TO_WORDS_TARGET_S:g} s",
                           f"{waited_s:.2f} s ({mode})", waited_s <= stream_bench.STOP_TO_WORDS_TARGET_S))
    return out
