"""A whole mock call, and a look at every mode, in real Chromium with a fake microphone.

The fake mic replays one WAV from its start at every getUserMedia, so every turn of the call gets
the same agent answer: an opening spiel, made with flite's rms voice (its transcript is checked by
the real model). The QA checklist must pass the opening and fail what that answer never says.
"""
import re
import subprocess

import pytest

from practice.extensions import db
from practice.models import Answer
from tests.e2e.conftest import fake_mic_wav, require_program

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCENARIO = "cs-bill-higher-than-usual"
OPENING = "Thank you for calling Bluepeak Telecom. My name is Anna. How can I help you today?"


@pytest.fixture
def agent_wav(tmp_path):
    """The agent's opening as 48 kHz 16-bit WAV with 1 s of silence first; about 6.3 s long."""
    flite = require_program("flite")
    raw = tmp_path / "opening-raw.wav"
    subprocess.run([flite, "-voice", "rms", "-t", OPENING, "-o", str(raw)], check=True)
    return fake_mic_wav(raw, tmp_path, lead_silence_s=1.0)


def wav_seconds(path) -> float:
    import wave

    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def record_one(page, seconds: float) -> None:
    record = page.get_by_role("button", name="Record")
    record.wait_for()
    page.wait_for_function("() => !document.querySelector('[data-role=record]').disabled")
    record.click()
    page.wait_for_timeout(int((seconds + 0.5) * 1000))
    page.get_by_role("button", name="Stop").click()


def test_mock_call_turn_by_turn_then_the_qa_checklist(live_server, launch_browser, screenshot, agent_wav):
    seconds = wav_seconds(agent_wav)
    page = launch_browser(agent_wav).new_page()
    page.goto(f"{live_server.url}/rehearse/mock-call")
    screenshot(page, "mock-call-scenarios")
    page.locator("form.scenario-card", has=page.locator(f'input[value="{SCENARIO}"]')).get_by_role("button").click()
    page.wait_for_url(re.compile(r"/rehearsals/\d+/take$"))
    assert "Agent brief" in page.inner_text("#brief")
    page.get_by_role("checkbox", name=re.compile("Mute")).check()  # the caller's text is shown instead
    screenshot(page, "mock-call-brief")
    page.get_by_role("button", name="Start the call").click()

    turns = page.locator("#steps .step")
    for index in range(turns.count()):
        turn = turns.nth(index)
        turn.locator("[data-role=text]").wait_for(state="visible")
        assert not turns.nth(index + 1).is_visible() if index + 1 < turns.count() else True
        record_one(page, seconds)
        if index == 1:
            turn.locator("[data-role=answer]").wait_for(state="visible", timeout=120_000)
            screenshot(page, "mock-call-in-progress")
        elif index < turns.count() - 1:
            turn.locator("[data-role=answer]").wait_for(state="visible", timeout=120_000)
    page.wait_for_url(re.compile(r"/rehearsals/\d+$"), timeout=120_000)
    page.locator("#qa-checklist").wait_for()
    screenshot(page, "mock-call-review")

    status = {item.get_attribute("data-key"): item.get_attribute("class").split()[-1]
              for item in page.locator("#qa-checklist .qa-item").all()}
    assert status["opening"] == "qa-pass", status
    assert status["dead_air"] == "qa-pass", status
    for missing in ("verification", "empathy", "probing", "resolution", "closing"):
        assert status[missing] == "qa-fail", (missing, status)
    assert status["hold"] == "qa-na"
    opening = page.locator('#qa-checklist [data-key="opening"]').inner_text()
    assert "calling" in opening and "Anna" in opening and "turn 1, at" in opening
    assert "anything else" in page.locator('#qa-checklist [data-key="closing"]').inner_text()
    qa_percent = float(page.inner_text("#qa-percent").rstrip("%"))
    assert qa_percent == pytest.approx(100 * 20 / 90, abs=0.1)  # opening 15 + dead air 5 of 90 applicable
    assert page.locator("#how-checked").get_by_text("how may i help").count() >= 1
    assert page.locator("#turns .line.agent").count() == 6

    with live_server.app.app_context():
        answers = db.session.scalars(db.select(Answer)).all()
        assert len(answers) == 6
        assert {a.metrics["qa_percent"] for a in answers} == {qa_percent}


def test_every_mode_looks_right(live_server, launch_browser, screenshot, agent_wav):
    """Screenshots of each mode for a person to look at, with one answer recorded where it shows more."""
    seconds = wav_seconds(agent_wav)
    page = launch_browser(agent_wav).new_page()
    page.goto(live_server.url)
    screenshot(page, "home")
    page.get_by_role("link", name=re.compile("Read aloud")).click()
    screenshot(page, "read-aloud-start")

    # Phone interview: the question stays hidden until answered.
    page.goto(f"{live_server.url}/rehearse/phone-interview")
    screenshot(page, "phone-start")
    page.get_by_role("button", name="Start the call").click()
    page.wait_for_url(re.compile(r"/rehearsals/\d+/take$"))
    page.get_by_role("button", name="Start the call").click()
    first = page.locator("#steps .step").first
    assert not first.locator("[data-role=text]").is_visible()
    screenshot(page, "phone-call-screen")
    record_one(page, seconds)
    first.locator("[data-role=answer]").wait_for(state="visible", timeout=120_000)
    assert first.locator("[data-role=text]").is_visible()
    assert "Anna" in first.locator("[data-role=heard]").inner_text()
    screenshot(page, "phone-after-first-answer")
    page.get_by_role("button", name="Next").click()
    assert page.locator("#turn-number").inner_text() == "2"
    page.goto(page.url.removesuffix("/take"))
    screenshot(page, "phone-summary-partial")

    # Read aloud: the passage is shown; after the answer, its accuracy.
    page.goto(f"{live_server.url}/rehearse/read-aloud")
    page.get_by_role("button", name="Start the drill set").click()
    page.wait_for_url(re.compile(r"/rehearsals/\d+/take$"))
    page.get_by_role("button", name="Start", exact=True).click()
    assert page.locator("#steps .step").first.locator("[data-role=text]").is_visible()
    record_one(page, seconds)
    page.locator("#steps .step").first.locator("[data-role=answer]").wait_for(state="visible", timeout=120_000)
    assert "Accuracy" in page.locator("#steps .step").first.locator("[data-role=result]").inner_text()
    screenshot(page, "read-aloud-after-first")
    page.goto(page.url.removesuffix("/take"))
    page.locator(".script-diff").first.wait_for()
    screenshot(page, "read-aloud-summary-partial")

    # Listen and repeat: the sentence is not on screen before answering.
    page.goto(f"{live_server.url}/rehearse/listen-repeat")
    page.get_by_role("button", name="Start the drill set").click()
    page.wait_for_url(re.compile(r"/rehearsals/\d+/take$"))
    page.get_by_role("button", name="Start", exact=True).click()
    assert not page.locator("#steps .step").first.locator("[data-role=text]").is_visible()
    screenshot(page, "listen-repeat")

    # Introduction: the review shows the content checklist.
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    record_one(page, seconds)
    page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    page.locator("#checklist").wait_for()
    assert page.locator('#checklist [data-key="name"]').get_attribute("class").endswith("qa-pass")
    assert "My name is Anna" in page.locator('#checklist [data-key="name"]').inner_text()
    screenshot(page, "introduction-review-checklist")
