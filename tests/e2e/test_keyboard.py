"""Keyboard use in real Chromium: a skip link to Record, Alt+R, focus that follows, a one-stop transcript."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DESKTOP = {"width": 1366, "height": 900}


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {tag: el.tagName, text: el.textContent.trim(), role: el.dataset.role || null, id: el.id,
                outline: getComputedStyle(el).outlineStyle, word: el.classList.contains('word')};
    }""")


def test_record_is_one_tab_and_enter_from_the_top_of_a_question(open_page):
    page = open_page("introduction", DESKTOP)
    page.get_by_role("checkbox", name="Mute").check()
    page.reload()  # the choice is kept; focus starts again from the top
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Skip to Record (Alt+R)"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "the skip link shows when focused"
    page.keyboard.press("Enter")
    record = focused(page)
    assert record["role"] == "record"
    assert record["outline"] != "none", "keyboard focus is visible"
    page.keyboard.press("Tab")
    assert focused(page)["tag"] != "BODY"


def test_alt_r_records_then_stops_and_focus_never_falls_to_the_page(open_page):
    page = open_page("introduction", PHONE)
    page.get_by_role("checkbox", name="Mute").check()
    page.keyboard.press("Alt+KeyR")
    page.wait_for_selector('[data-role="stop"]:enabled')
    assert focused(page)["role"] == "stop", "focus moves to Stop once recording starts"
    page.wait_for_timeout(1500)
    page.keyboard.press("Alt+KeyR")
    page.wait_for_selector('[data-role="stop"]:disabled')
    # Focus waits on the status line that reports the upload; a streamed take may finish and open
    # its review right after, so the check is that focus reached the status line, not how long it stayed.
    page.wait_for_function("document.activeElement.dataset.role === 'status'", timeout=5_000)


def test_a_sitting_starts_and_records_from_the_keyboard(open_page, demo_site):
    page = open_page(f"/rehearsals/{demo_site.sittings['listen-repeat@0']}/take", PHONE)
    page.get_by_role("checkbox", name="Mute").check()
    page.reload()  # the choice is kept; focus starts again from the top
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "start", "the skip link lands on Start before the sitting has begun"
    page.keyboard.press("Enter")
    page.wait_for_selector('#turn-panel [data-role="record"]:enabled')
    page.wait_for_function("document.activeElement.dataset.role === 'record'")
    page.keyboard.press("Enter")
    page.wait_for_selector('#turn-panel [data-role="stop"]:enabled')
    assert focused(page)["role"] == "stop"


def test_the_transcript_is_one_tab_stop_and_the_arrow_keys_move_between_words(open_page):
    page = open_page("review", PHONE)
    words = page.locator("#transcript .word")
    count = words.count()
    assert count > 30
    assert page.locator("#transcript .word[tabindex='0']").count() == 1
    tabs = 0
    while not focused(page)["word"]:
        page.keyboard.press("Tab")
        tabs += 1
        assert tabs < 30, "the transcript is not reachable with Tab"
    assert focused(page)["text"] == words.nth(0).inner_text()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert focused(page)["text"] == words.nth(3).inner_text()
    assert page.evaluate("document.activeElement.tabIndex") == 0
    page.keyboard.press("ArrowLeft")
    assert focused(page)["text"] == words.nth(2).inner_text()
    page.keyboard.press("End")
    assert focused(page)["text"] == words.nth(count - 1).inner_text()
    page.keyboard.press("Tab")
    assert not focused(page)["word"], "one Tab leaves the transcript"
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == words.nth(count - 1).inner_text(), "coming back lands on the last word used"
