"""A silent take is refused right after Stop: the page says why, stores nothing, and the question stays ready."""
import re

import numpy as np
import pytest

from tests.audio_files import write_wav

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_a_silent_take_is_refused_and_the_question_stays_ready(live_server, launch_browser, screenshot, tmp_path):
    silent = write_wav(tmp_path / "silent-mic.wav", np.zeros(48000 * 4, np.float32), rate_hz=48000)
    page = launch_browser(silent).new_page()
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(3000)
    page.get_by_role("button", name="Stop").click()
    status = page.locator("[data-role=status]")
    status.filter(has_text="not saved").wait_for(timeout=60_000)
    screenshot(page, "wasted-take-refused")
    assert "The recording is silent, so it was not saved." in status.inner_text()
    assert page.url.endswith("/rehearse/introduction")
    assert page.get_by_role("button", name="Record").is_enabled()
    assert page.request.get(f"{live_server.url}/api/answers/1").status == 404  # nothing was stored
