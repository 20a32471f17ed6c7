"""The notebook loop in a real browser: log a tip, record a take, compare two takes, read the funnel."""
import re

import pytest

from practice import storage
from practice.demo import demo_answers, demo_applications
from practice.extensions import db
from tests.e2e.conftest import fake_mic_wav
from tests.speech_clips import require_clip

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROMPT_KEY = "intro-tell-me-about-yourself"
SCRIPT = "<script>alert(1)</script>"


def seed_demo(app, answers: int = 240) -> None:
    """Months of demo answers, with at least one earlier take of the prompt the browser records."""
    with app.app_context():
        seeded = demo_answers(answers, storage.recordings_dir(), seed=11)
        seeded[-1].prompt_key = PROMPT_KEY
        seeded[-1].prompt_text = "Tell me about yourself."
        seeded[-1].kind = "introduction"
        db.session.add_all(seeded)
        db.session.add_all(demo_applications())
        db.session.commit()


def test_log_a_tip_record_compare_and_read_the_funnel(live_server, launch_browser, screenshot, tmp_path):
    seed_demo(live_server.app)
    clip = require_clip("15_whisper_jfk.flac")
    browser = launch_browser(fake_mic_wav(clip.path, tmp_path))
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # 1. Log a real interview with two tips, one typed with markup that must stay text.
    page.goto(f"{live_server.url}/tips")
    page.get_by_label("Company").fill("Harborview Support")
    page.get_by_label("Milestone reached").select_option("mock-call")
    page.get_by_label("Outcome").select_option("not-passed")
    page.locator("#tip-0-text").fill("Slow down when you give the caller numbers.")
    page.locator("[name=tip-0-skills][value=pace]").check()
    page.get_by_role("button", name="Add another tip").click()
    page.get_by_role("button", name="Add another tip").click()
    page.get_by_role("button", name="Add another tip").click()
    page.locator("#tip-3-text").fill(f"Say what you are doing {SCRIPT}")
    page.locator("[name=tip-3-skills][value=pauses]").check()
    page.get_by_role("button", name="Save to notebook").click()
    page.wait_for_url(re.compile(r"/tips$"))
    assert "Saved 2 tips from Harborview Support." in page.locator(".flash").inner_text()
    assert page.get_by_text(f"Say what you are doing {SCRIPT}").count() == 1
    screenshot(page, "notebook-tips")
    page.get_by_role("link", name="Slow down when you give the caller numbers.").click()
    page.get_by_role("button", name="Mark as worked on").click()
    assert page.locator(".badge-done").inner_text() == "Worked on"
    screenshot(page, "notebook-tip")

    # 2. Record a take of the same prompt with the fake microphone.
    page.goto(f"{live_server.url}/rehearse/introduction?prompt={PROMPT_KEY}")
    screenshot(page, "notebook-rehearse")
    page.get_by_role("checkbox", name=re.compile("Mute")).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(int((clip.duration_s + 0.8) * 1000))
    page.get_by_role("button", name="Stop").click()
    page.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    page.wait_for_selector("#transcript .word")
    page.wait_for_selector("#score-pace")
    screenshot(page, "notebook-review")

    # 3. Compare the new take with the earlier one, from the review page's link.
    page.get_by_role("link", name="Compare takes").click()
    page.wait_for_url(re.compile(r"/compare\?prompt="))
    assert page.locator("audio.take-player").count() == 2
    assert page.locator("#changes tbody tr").count() >= 6
    verdicts = page.locator("#changes .change").all_inner_texts()
    assert any("better" in v or "worse" in v for v in verdicts)
    take_b = page.locator(".transcript[data-player=player-b]").inner_text().lower()
    assert "country" in take_b or "ask not" in take_b
    assert page.locator(".transcript[data-player=player-a] .word").count() > 5
    page.evaluate("document.querySelectorAll('audio').forEach(a => a.muted = true)")
    page.locator(".transcript[data-player=player-b] .word").nth(3).click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('player-b').currentTime") > 0.2
    screenshot(page, "notebook-compare")

    # 4. The milestone funnel counts the new application and names the weakest stage.
    page.goto(f"{live_server.url}/milestones")
    bars = dict(re.match(r"(.+): (\d+) reached", t).groups()
                for t in page.locator("#funnel g > title").all_text_contents())
    assert int(bars["Online application"]) == 8
    assert int(bars["Mock call"]) >= 4
    weakest = page.locator("#weakest")
    assert "Mock call" in weakest.inner_text()
    assert weakest.get_by_role("link", name="Practise: Mock call").get_attribute("href") == "/rehearse/mock-call"
    screenshot(page, "notebook-milestones")

    assert dialogs == []


def test_every_notebook_page_with_demo_data(live_server, launch_browser, screenshot):
    seed_demo(live_server.app, answers=400)
    browser = launch_browser(None)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    pages = {
        "demo-progress": "/progress", "demo-progress-mock-call": "/progress?kind=mock-call", "demo-tips": "/tips",
        "demo-tip": "/tips/2", "demo-milestones": "/milestones", "demo-compare-index": "/compare",
        "demo-compare": f"/compare?prompt={PROMPT_KEY}", "demo-review": "/answers/400", "demo-data": "/data",
        "demo-delete-all": "/data/delete-all", "demo-delete-one": "/data/answers/1/delete", "demo-answers": "/answers",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        screenshot(page, name)
    page.goto(f"{live_server.url}/progress")
    page.get_by_label("Show").select_option("read-aloud")
    page.wait_for_url(re.compile(r"kind=read-aloud"))
    assert page.locator("#chart-read-accuracy circle").count() > 3
    assert [e for e in errors if "favicon" not in e] == []
