"""The rehearse pages: home lists every kind, each kind's start page, and starting a sitting (or refusing to)."""
import re

import pytest

from practice.extensions import db
from practice.models import Rehearsal
from tests.web.test_sittings import start


def test_a_kind_that_does_not_exist_is_404(client):
    assert client.get("/rehearse/karaoke", headers={"Accept": "text/html"}).status_code == 404


def test_a_single_question_page_asks_it_with_record_and_hints(client):
    html = client.get("/rehearse/introduction").get_data(as_text=True)
    assert "Tell me about yourself" in html and 'id="record"' in html


def test_home_lists_drills_below_the_three_main_kinds(client):
    html = client.get("/").get_data(as_text=True)
    assert html.index("Mock call") < html.index("Drills") < html.index("Read aloud")
    assert 'href="/rehearse/read-aloud"' in html and 'href="/rehearse/listen-repeat"' in html


def test_mock_call_start_page_offers_nine_scenarios_by_line(client):
    html = client.get("/rehearse/mock-call").get_data(as_text=True)
    assert html.count('name="scenario"') == 9
    for title in ("Customer service", "Sales", "Tech support"):
        assert f">{title}</h2>" in html
    assert "the caller gets upset" in html


@pytest.mark.parametrize("kind", ["phone-interview", "read-aloud", "listen-repeat"])
def test_start_pages_start_a_sitting(client, kind):
    assert b'name="kind" value="' + kind.encode() in client.get(f"/rehearse/{kind}").data
    rehearsal_id = start(client, kind)
    page = client.get(f"/rehearsals/{rehearsal_id}/take")
    assert page.status_code == 200
    steps = re.findall(r'<li class="step[ "]', page.get_data(as_text=True))
    assert len(steps) == (5 if kind == "phone-interview" else 8)


@pytest.mark.parametrize("form, message", [
    ({"kind": "introduction"}, "Choose a phone interview, a mock call or an exam drill"),
    ({"kind": "nonsense"}, "Choose a phone interview, a mock call or an exam drill"),
    ({}, "Choose a phone interview, a mock call or an exam drill"),
    ({"kind": "mock-call"}, "Choose one of the mock-call scenarios"),
    ({"kind": "mock-call", "scenario": "no-such-call"}, "Choose one of the mock-call scenarios"),
])
def test_bad_sitting_requests_are_a_400_that_says_why_and_stores_nothing(app, client, form, message):
    response = client.post("/rehearsals", data=form, headers={"Accept": "text/html"})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Rehearsal.id))) == 0
