"""What an answer says, judged end to end in a real browser: recorded through the fake microphone,
transcribed by the real ASR, checked by the real content check, shown on the review."""
import re

import pytest

from tests.audio_files import convert
from tests.e2e.conftest import PHONE, fake_mic_wav
from tests.speech_clips import require_clip

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

WHY_CALL_CENTER = "/rehearse/introduction?prompt=intro-why-call-center"
HARVARD_S = 12.0  # the first four sentences of Harvard list 72: "A gold ring will please most any girl. …"
ON_TOPIC_ANSWER = ("I enjoy talking with people and helping them solve their problems. "
                   "In a call center I can use my English every day. "
                   "I also like that there is training, and a clear path to grow into a team leader.")


def record(page, url: str, seconds: float):
    """Open the question, record `seconds` of the fake microphone, stop, and wait for the analysed review."""
    page.goto(url)
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(int((seconds + 0.8) * 1000))
    page.get_by_role("button", name="Stop").click()
    page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    page.locator("#verdict-title").wait_for(timeout=300_000)


def test_an_off_topic_recording_is_told_it_does_not_answer_and_is_not_great(live_server, launch_browser,
                                                                            screenshot, tmp_path):
    clip = require_clip("11_osr_harvard_list72_8k.wav")
    first_sentences = convert(clip.path, tmp_path / "harvard-start.wav", "-t", str(HARVARD_S))
    browser = launch_browser(fake_mic_wav(first_sentences, tmp_path))
    page = browser.new_page(viewport=PHONE)
    record(page, f"{live_server.url}{WHY_CALL_CENTER}", HARVARD_S)
    screenshot(page, "review-off-topic-phone")

    verdict = page.locator("#content-verdict").inner_text()
    assert "Does not answer the question" in verdict
    assert "does not answer \u201cWhy do you want to work in a call center?\u201d" in verdict
    overall = page.locator("#verdict-title").inner_text()
    assert overall == "Overall · Focus here", overall
    assert int(page.locator("#verdict .score-number").inner_text().split("/")[0]) <= 49
    assert "gold ring" in page.locator("#transcript").inner_text().lower()
    assert page.locator(".model-answer").is_visible()
    assert page.locator("#transcript .covers-point").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_on_topic_spoken_answer_is_told_it_answers_with_its_points_marked(live_server, launch_browser,
                                                                             screenshot, tmp_path):
    from practice.speech import voice

    try:
        spoken = voice.synthesize_wav(ON_TOPIC_ANSWER)
    except voice.VoiceUnavailable as exc:
        pytest.skip(f"the Piper voice that speaks the answer is not available: {exc}")
    rendered = tmp_path / "on-topic.wav"
    rendered.write_bytes(spoken)
    browser = launch_browser(fake_mic_wav(rendered, tmp_path))
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{WHY_CALL_CENTER}")
    page.get_by_text("Show hints").click()
    assert page.locator("#hints .hint-points li").first.is_visible()
    screenshot(page, "rehearse-hints-open")
    record(page, f"{live_server.url}{WHY_CALL_CENTER}", voice.wav_duration_s(spoken))
    screenshot(page, "review-on-topic-desktop")

    assert "Answers the question" in page.locator("#content-verdict").inner_text()
    assert page.locator("#transcript .covers-point").count() >= 5
    assert page.locator(".content-points .qa-pass").count() >= 2
    assert page.locator(".model-answer").is_visible()
    model_box = page.locator(".model-answer-box").bounding_box()
    transcript_box = page.locator("#transcript").bounding_box()
    assert model_box["x"] > transcript_box["x"] + transcript_box["width"] - 1, "the model answer sits beside it"
