"""Every page at phone size (390×844) and the main ones at 1366×900, on 300 demo answers.

No page scrolls sideways, Record is on the first screen of every rehearse page and sitting step,
and axe-core finds no serious or critical accessibility problem. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import re

import pytest

from practice import sittings
from tests.e2e.conftest import PHONE, shoot
from tests.e2e.demo_site import MOCK_CALL_SCENARIO

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SMALL_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
PAGES = ("home", "introduction", "own-question", "phone-interview-start", "mock-call-scenarios", "read-aloud-start",
         "listen-repeat-start", "phone-interview-summary", "mock-call-summary", "read-aloud-summary",
         "listen-repeat-summary", "answers", "review", "review-read-aloud", "compare-pick", "compare", "tips", "tip",
         "tip-edit", "tip-delete", "milestones", "application-edit", "application-delete", "progress", "data",
         "data-delete-all", "data-delete-answer", "prompts", "prompt-edit", "prompt-delete", "not-found")
DESKTOP_PAGES = ("home", "introduction", "mock-call-summary", "answers", "review", "compare", "tips", "milestones",
                 "progress", "data")
TURN_COUNTS = {kind: len(sittings.plan(kind, 1, scenario)) for kind, scenario in (
    ("phone-interview", None), ("mock-call", MOCK_CALL_SCENARIO), ("read-aloud", None), ("listen-repeat", None))}
# Every step on a phone; on a desktop the mock call's turns 2, 4 and 6 and each sitting's last (longest) step.
SITTING_STEPS = [pytest.param(kind, turn, PHONE, id=f"phone-{kind}-{turn + 1}")
                 for kind, count in TURN_COUNTS.items() for turn in range(count)] + [
                pytest.param(kind, turn, DESKTOP, id=f"desktop-{kind}-{turn + 1}")
                for kind, count in TURN_COUNTS.items()
                for turn in sorted({count - 1} | ({1, 3, 5} if kind == "mock-call" else set()))]
SERIOUS = ("serious", "critical")


def page_width_px(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_and_has_no_serious_accessibility_problem(open_page, name):
    page = open_page(name, PHONE)
    shoot(page, f"phone-{name}")
    assert page_width_px(page) <= PHONE["width"]
    assert serious_violations(page) == []


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_small_phone(open_page, name):
    page = open_page(name, SMALL_PHONE)
    assert page_width_px(page) <= SMALL_PHONE["width"]


@pytest.mark.parametrize("name", DESKTOP_PAGES)
def test_main_pages_fit_a_desktop_and_pass_axe(open_page, name):
    page = open_page(name, DESKTOP)
    shoot(page, f"desktop-{name}")
    assert page_width_px(page) <= DESKTOP["width"]
    assert serious_violations(page) == []


@pytest.mark.parametrize("kind", list(TURN_COUNTS))
def test_a_sitting_under_way_has_no_serious_accessibility_problem(open_page, demo_site, kind):
    page = open_page(f"/rehearsals/{demo_site.sittings[f'{kind}@2']}/take", PHONE)
    page.get_by_role("checkbox", name="Mute").check()
    page.locator("#start").click()
    page.wait_for_selector('#turn-panel [data-role="record"]:enabled', timeout=20_000)
    assert serious_violations(page) == []


def test_the_phrase_table_opens_on_request_and_passes_axe(open_page):
    page = open_page("mock-call-summary", PHONE)
    table = page.locator("#how-checked table")
    assert not table.is_visible(), "the long reference table starts collapsed"
    page.locator("#how-checked summary").click()
    assert table.is_visible()
    assert page_width_px(page) <= PHONE["width"]
    assert serious_violations(page) == []


def test_every_answer_is_reached_from_the_list_by_following_rel_next(open_page, demo_site):
    page = open_page("answers", PHONE)
    reached, pages = set(), 0
    while True:
        pages += 1
        assert page_width_px(page) <= PHONE["width"], f"page {pages} of /answers is wider than a phone"
        hrefs = page.eval_on_selector_all("#content a[href]", "links => links.map(a => a.getAttribute('href'))")
        reached |= {int(m.group(1)) for href in hrefs if (m := re.fullmatch(r"/answers/(\d+)", href))}
        following = page.locator('a[rel="next"]')
        if following.count() == 0:
            break
        assert pages < 60, "rel=next never ends"
        following.first.click()
        page.wait_for_load_state()
    assert len(demo_site.answer_ids) > 300
    assert reached == demo_site.answer_ids


def record_box(page) -> dict:
    """Where Record is on the first screen (scrolled to the top) and where it is now."""
    return page.evaluate("""() => {
        const record = [...document.querySelectorAll('[data-role="record"]')].find(b => b.offsetParent);
        const now = record.getBoundingClientRect();
        const y = window.scrollY;
        window.scrollTo(0, 0);
        const top = record.getBoundingClientRect();
        window.scrollTo(0, y);
        return {first_screen_bottom: top.bottom, now_top: now.top, now_bottom: now.bottom};
    }""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", ["introduction", "own-question"])
def test_record_is_on_the_first_screen_of_a_question(open_page, name, viewport):
    page = open_page(name, viewport)
    page.get_by_role("checkbox", name="Mute").check()
    assert record_box(page)["first_screen_bottom"] <= viewport["height"]


@pytest.mark.parametrize(("kind", "turn", "viewport"), SITTING_STEPS)
def test_record_is_on_the_first_screen_of_every_sitting_step(open_page, demo_site, kind, turn, viewport):
    page = open_page(f"/rehearsals/{demo_site.sittings[f'{kind}@{turn}']}/take", viewport)
    page.get_by_role("checkbox", name="Mute").check()
    page.locator("#start").click()
    page.wait_for_selector('#turn-panel [data-role="record"]:enabled', timeout=20_000)
    label = "phone" if viewport is PHONE else "desktop"
    shoot(page, f"{label}-sitting-{kind}-turn-{turn + 1}", full_page=False)
    box = record_box(page)
    assert box["first_screen_bottom"] <= viewport["height"], "Record is below the first screen"
    assert box["now_top"] >= 0 and box["now_bottom"] <= viewport["height"], "Record is off screen during the turn"
    panel = page.locator("#turn-panel").bounding_box()
    line = page.locator('.step.current [data-role="text"]').bounding_box()
    assert line["y"] + line["height"] <= panel["y"] + 1, "the line being answered is hidden behind Record"
    if kind == "mock-call":
        brief = page.locator("#brief").bounding_box()
        assert brief["y"] >= 0, "the agent brief scrolled away"
        assert line["y"] >= brief["y"] + brief["height"] - 1, "the line being answered is hidden behind the brief"

