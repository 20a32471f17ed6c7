"""Recording through the streaming path in real Chromium: PCM chunks while speaking, words on the review."""
import re
import time

import numpy as np
import pytest

from practice.audio.words import normalise_token
from practice.extensions import db
from practice.models import Answer
from tests.audio.signals import load_pcm, silence
from tests.audio_files import write_wav
from tests.speech_clips import clean_human_clips

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def joined_speech_wav(tmp_path, seconds: float):
    """Whole real human clips back to back with 0.4 s gaps, after 0.5 s of silence, up to `seconds` long."""
    clips = clean_human_clips()
    parts, words, total_s = [silence(0.5)], set(), 0.5
    for clip in clips:
        if total_s + clip.duration_s + 0.4 > seconds:
            continue
        pcm = load_pcm(clip.path)
        parts += [pcm.samples, silence(0.4)]
        words |= {normalise_token(w) for w in clip.transcript.split()}
        total_s += pcm.duration_s + 0.4
    samples = np.concatenate(parts + [silence(seconds - total_s)])
    return write_wav(tmp_path / "answer-mic.wav", samples), words


def record(page, url, seconds: float) -> float:
    """Record for `seconds` on the rehearse page; returns the time Stop was clicked."""
    page.goto(url)
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(int((seconds + 0.5) * 1000))
    stop_clicked = time.monotonic()
    page.get_by_role("button", name="Stop").click()
    return stop_clicked


def test_a_streamed_answer_shows_live_cues_and_its_words_on_the_review(live_server, launch_browser, screenshot,
                                                                       tmp_path):
    wav, reference = joined_speech_wav(tmp_path, 24.0)
    page = launch_browser(wav).new_page()
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    recording_since = time.monotonic()
    page.locator("#rehearse[data-recording-mode=streaming]").wait_for(state="attached")
    live = page.locator("[data-role=live-text]")
    # A segment closed and was transcribed while the answer went on (slowly when eight people share the CPU).
    live.filter(has_text=re.compile(r"Pace: .* · \d+ fillers?")).wait_for(timeout=240_000)
    screenshot(page, "rehearse-streaming-live-cues")
    page.get_by_role("button", name="Hide live cues").click()
    assert not live.is_visible()
    page.get_by_role("button", name="Show live cues").click()
    page.wait_for_timeout(max(0, int((24.5 - (time.monotonic() - recording_since)) * 1000)))
    page.get_by_role("button", name="Stop").click()
    page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    page.wait_for_selector("#transcript .word")
    screenshot(page, "review-streamed")

    heard = {normalise_token(w) for w in page.locator("#transcript .word").all_inner_texts()}
    assert len(heard & reference) / len(reference) >= 0.6, heard
    answer_id = int(page.url.rsplit("/", 1)[1])
    with live_server.app.app_context():
        answer = db.session.get(Answer, answer_id)
        assert answer.audio_format == "wav" and answer.status == "done"
        assert answer.analysis["timing"]["streamed_asr_s"] > 0
        assert answer.analysis["duration_s"] > 20  # the full answer, not the last segment


def test_without_audio_worklet_the_answer_is_uploaded_as_before(live_server, launch_browser, tmp_path):
    wav, reference = joined_speech_wav(tmp_path, 6.0)
    page = launch_browser(wav).new_page()
    page.add_init_script("delete window.AudioWorkletNode;")
    record(page, f"{live_server.url}/rehearse/introduction", 6.0)
    assert page.locator("#rehearse").get_attribute("data-recording-mode") == "upload"
    page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    page.wait_for_selector("#transcript .word")
    heard = {normalise_token(w) for w in page.locator("#transcript .word").all_inner_texts()}
    assert heard & reference
