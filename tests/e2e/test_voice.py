"""The interviewer speaks in headless Chromium, which has no system voices: the server's file plays."""
import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

STATE = "document.getElementById('voice-player')?.dataset.state"


def test_the_phone_interviewer_speaks_with_no_system_voices(live_server, launch_browser, screenshot):
    page = launch_browser().new_page()
    played = []
    page.on("response", lambda r: played.append((r.url, r.status)) if "/voice/" in r.url else None)
    page.goto(f"{live_server.url}/rehearse/phone-interview")
    page.get_by_role("button", name=re.compile("Start")).first.click()
    page.wait_for_url(re.compile(r"/rehearsals/\d+/take$"))
    assert page.evaluate("() => speechSynthesis.getVoices().length") == 0
    rehearsal_id = re.search(r"/rehearsals/(\d+)/take", page.url).group(1)

    page.get_by_role("button", name="Start the call").click()
    page.wait_for_function(f"() => ['playing', 'server'].includes({STATE})", timeout=60_000)
    line_url = f"{live_server.url}/voice/rehearsals/{rehearsal_id}/turns/0.wav"
    assert page.evaluate("() => document.getElementById('voice-player').src") == line_url
    page.wait_for_function(f"() => {STATE} === 'server'", timeout=30_000)
    duration_s = page.evaluate("() => document.getElementById('voice-player').duration")
    assert 2.0 < duration_s < 12.0
    assert (line_url, 200) in played
    page.wait_for_function("() => !document.querySelector('[data-role=record]').disabled")

    question = page.locator("#steps .step").first.locator("[data-role=text]")
    assert not question.is_visible()  # a phone screen is audio first…
    page.get_by_role("button", name="Show the words").click()
    assert question.is_visible()  # …but the words are one click away for anyone who can't hear them
    screenshot(page, "phone-interview-voice")


def test_a_failed_server_line_falls_back_to_the_browsers_voice(live_server, launch_browser):
    page = launch_browser().new_page()
    page.route("**/voice/**", lambda route: route.fulfill(status=503, body="no voice"))
    page.goto(f"{live_server.url}/rehearse/introduction")
    page.get_by_role("button", name="Hear the question again").click()
    page.wait_for_function("() => document.getElementById('voice-player')?.dataset.state === 'failed'")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tell me about yourself")
