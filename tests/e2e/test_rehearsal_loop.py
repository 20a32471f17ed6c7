"""The whole path of one answer in a real browser: record, upload, transcribe, review."""
import re

import pytest

from practice.audio.words import normalise_token
from tests.e2e.conftest import fake_mic_wav
from tests.speech_clips import require_clip

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def record_introduction(live_server, launch_browser, tmp_path, on_recording=None):
    """Record the JFK clip as an introduction through the fake mic; returns the page at its review."""
    clip = require_clip("15_whisper_jfk.flac")
    browser = launch_browser(fake_mic_wav(clip.path, tmp_path))
    page = browser.new_page()
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(int((clip.duration_s + 0.8) * 1000))
    if on_recording:
        on_recording(page)
    page.get_by_role("button", name="Stop").click()
    page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    return page, clip


def test_record_an_introduction_and_review_its_transcript(live_server, launch_browser, screenshot, tmp_path):
    page, clip = record_introduction(live_server, launch_browser, tmp_path,
                                     on_recording=lambda page: screenshot(page, "rehearse-recording"))
    page.wait_for_selector("#transcript .word")
    screenshot(page, "review")

    heard = {normalise_token(w) for w in page.locator("#transcript .word").all_inner_texts()}
    reference = {normalise_token(w) for w in clip.transcript.split()}
    assert len(heard & reference) / len(reference) >= 0.7, heard

    page.wait_for_function("isFinite(document.getElementById('player').duration)", timeout=10_000)
    duration_s = page.evaluate("document.getElementById('player').duration")
    assert clip.duration_s - 0.5 < duration_s < clip.duration_s + 3, "the webm's length is shown, not infinity"
    playing = page.evaluate("""async () => {
        const player = document.getElementById('player');
        player.muted = true;
        await player.play();
        await new Promise(r => setTimeout(r, 700));
        return {time: player.currentTime, paused: player.paused, duration: player.duration};
    }""")
    assert playing["time"] > 0.2
    assert not playing["paused"]


def test_clicking_a_word_seeks_the_player_to_it(live_server, launch_browser, tmp_path):
    page, _clip = record_introduction(live_server, launch_browser, tmp_path)

    word = page.locator("#transcript .word").nth(8)
    start_s = float(word.get_attribute("data-start"))
    page.evaluate("document.getElementById('player').muted = true")
    word.click()
    page.wait_for_timeout(300)
    current_s = page.evaluate("document.getElementById('player').currentTime")
    assert abs(current_s - start_s) < 0.6


def test_microphone_permission_denied_is_explained(live_server, launch_browser):
    from tests.e2e.conftest import chromium_path  # noqa: F401  (launch_browser already checked it)

    browser = launch_browser(None)
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("""navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('denied', 'NotAllowedError'));""")
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("button", name="Record").click()
    status = page.locator("[data-role=status]")
    status.wait_for()
    assert "permission was denied" in status.inner_text()
    assert page.get_by_role("button", name="Record").is_enabled()


def test_missing_microphone_is_explained(live_server, launch_browser):
    browser = launch_browser(None)
    page = browser.new_page()
    page.add_init_script("""navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('none', 'NotFoundError'));""")
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("button", name="Record").click()
    assert "No microphone was found" in page.locator("[data-role=status]").inner_text()


def test_browser_without_mediarecorder_is_told_so(live_server, launch_browser):
    browser = launch_browser(None)
    page = browser.new_page()
    page.add_init_script("delete window.MediaRecorder;")
    page.goto(f"{live_server.url}/rehearse/introduction")
    assert "cannot record audio" in page.locator("[data-role=status]").inner_text()
    assert page.get_by_role("button", name="Record").is_disabled()


def test_insecure_origin_is_explained(live_server, launch_browser):
    browser = launch_browser(None)
    page = browser.new_page()
    page.add_init_script("Object.defineProperty(window, 'isSecureContext', { get: () => false });")
    page.goto(f"{live_server.url}/rehearse/introduction")
    assert "needs a secure page" in page.locator("[data-role=status]").inner_text()
    assert page.get_by_role("button", name="Record").is_disabled()


def test_microphone_is_released_after_stop(live_server, launch_browser, tmp_path):
    """The browser's mic indicator must go off: every track is stopped once the answer is recorded."""
    clip = require_clip("22_speechbrain_spk1_snt1.wav")
    browser = launch_browser(fake_mic_wav(clip.path, tmp_path))
    page = browser.new_page()
    page.add_init_script("""
        window.__tracks = [];
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (c) => {
            const stream = await original(c);
            window.__tracks.push(...stream.getTracks());
            return stream;
        };""")
    page.goto(f"{live_server.url}/rehearse/introduction")
    assert page.evaluate("window.__tracks.length") == 0, "no microphone before Record"
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__tracks.map(t => t.readyState)") == ["live"]
    page.get_by_role("button", name="Stop").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__tracks.map(t => t.readyState)") == ["ended"]
