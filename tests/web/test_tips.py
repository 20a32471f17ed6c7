"""Tips notebook: log an interview with tagged tips, recall them by skill, mark worked-on, see the trend."""
from datetime import timedelta

import pytest
from flask import render_template

from practice.extensions import db
from practice.models import Answer, Application, Tip, utc_now
from practice.web.notebook.tips import reminders_for

SCRIPT = "<script>alert(1)</script>"


def log(client, *, company="Northwind", milestone="phone-interview", outcome="passed", tips=(("Slow down", ["pace"]),),
        held_on=None):
    form = {"company": company, "held_on": (held_on or utc_now().date()).isoformat(), "milestone": milestone,
            "outcome": outcome}
    for i, (text, skills) in enumerate(tips):
        form[f"tip-{i}-text"] = text
        form[f"tip-{i}-skills"] = skills
    return client.post("/tips", data=form)


def test_logging_an_interview_saves_each_tip_with_its_skills(app, client):
    response = log(client, tips=(("Slow down with numbers", ["pace", "clarity"]), ("Fewer ums", ["fillers"]),
                                 ("", ["volume"])))
    assert response.status_code == 302
    with app.app_context():
        tips = db.session.scalars(db.select(Tip).order_by(Tip.id)).unique().all()
        assert [(t.text, t.skills) for t in tips] == [("Slow down with numbers", ["clarity", "pace"]),
                                                      ("Fewer ums", ["fillers"])]
        assert tips[0].interview.application.company == "Northwind"
    page = client.get("/tips").get_data(as_text=True)
    assert "Slow down with numbers" in page and "Saved 2 tips from Northwind." in page


def test_everything_typed_is_escaped(client):
    log(client, company=SCRIPT, tips=((SCRIPT, ["pace"]),))
    for url in ("/tips", "/tips/1"):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_later_milestone_at_the_same_company_moves_the_application_forward(app, client):
    log(client, company="Northwind", milestone="phone-interview", outcome="passed")
    log(client, company="northwind", milestone="exam", outcome="not-passed")
    log(client, company="NORTHWIND", milestone="online-application", outcome="passed")
    with app.app_context():
        [application] = db.session.scalars(db.select(Application)).unique().all()
        assert (application.furthest_milestone, application.outcome) == ("exam", "not-passed")
        assert len(application.interviews) == 3


@pytest.mark.parametrize("field, value, message", [
    ("company", "  ", "Write the company"),
    ("milestone", "ceo-chat", "Pick the milestone"),
    ("outcome", "maybe", "Pick the outcome"),
    ("held_on", "yesterday", "as a date"),
    ("held_on", (utc_now().date() + timedelta(days=30)).isoformat(), "in the future"),
])
def test_bad_input_shows_the_form_again_with_a_kind_message(client, field, value, message):
    form = {"company": "Acme", "held_on": utc_now().date().isoformat(), "milestone": "exam", "outcome": "passed",
            "tip-0-text": "Keep it up", field: value}
    response = client.post("/tips", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "Keep it up" in page


def test_a_log_needs_at_least_one_tip(client):
    response = log(client, tips=(("   ", []),))
    assert response.status_code == 400
    assert "at least one tip" in response.get_data(as_text=True)


def test_reminders_match_skills_newest_first(app, client):
    log(client, company="A", tips=(("Old pace tip", ["pace"]),))
    log(client, company="B", tips=(("Volume tip", ["volume"]), ("New pace tip", ["pace", "fillers"])))
    with app.app_context():
        assert [t.text for t in reminders_for(set(), ["pace"])] == ["New pace tip", "Old pace tip"]
        assert [t.text for t in reminders_for(set(), ["grammar"])] == []
        assert reminders_for(set(), []) == []


def test_reminders_put_the_rehearsed_stage_first_and_leave_out_tips_worked_on(app, client):
    log(client, company="Phone Co", milestone="phone-interview",
        tips=(("You talk too fast", ["pace"]), ("Too many um", ["fillers"]), ("Say your name", ["clarity"])))
    log(client, company="Call Co", milestone="mock-call", tips=(("Slow down on the call", ["pace"]),))
    log(client, company="Exam Co", milestone="exam", tips=(("Pace yourself", ["pace"]),))
    assert client.post("/tips/3/worked-on", data={"worked_on": "1"}).status_code == 302  # "Say your name"
    with app.app_context():
        phone = [t.text for t in reminders_for({"phone-interview"}, ["pace", "fillers"])]
        assert phone == ["Too many um", "You talk too fast", "Pace yourself"]
        call = [t.text for t in reminders_for({"mock-call", "customer-service-test"}, ["pace"])]
        assert call == ["Slow down on the call", "Pace yourself", "You talk too fast"]


def test_the_phone_interview_sitting_shows_its_stages_tips_and_links_all_tips(app, client):
    log(client, company="Phone Co", milestone="phone-interview", tips=(("You talk too fast", ["pace"]),))
    log(client, company="Exam Co", milestone="exam", tips=(("Mind your grammar", ["grammar"]),))
    log(client, company="Phone Co", milestone="phone-interview", tips=(("Too many um", ["fillers"]),))
    response = client.post("/rehearsals", data={"kind": "phone-interview"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    reminders = html[html.index('class="reminders"'):html.index("</aside>")]
    assert "At your phone interview at <strong>Phone Co</strong>" in reminders
    assert reminders.index("Too many um") < reminders.index("You talk too fast") < reminders.index("Mind your grammar")
    assert 'href="/tips">All your tips</a>' in reminders


def test_reminders_partial_names_the_company(app, client):
    log(client, company=SCRIPT, tips=(("Smile", ["confidence"]),))
    with app.test_request_context():
        html = render_template("tips/_reminders.html", reminders=reminders_for(set(), ["confidence"]))
    assert "at <strong>&lt;script&gt;" in html and "Smile" in html
    with app.test_request_context():
        assert render_template("tips/_reminders.html", reminders=[]).strip() == ""


def test_marking_a_tip_worked_on_and_back(app, client):
    log(client)
    assert client.post("/tips/1/worked-on", data={"worked_on": "1"}).status_code == 302
    with app.app_context():
        assert db.session.get(Tip, 1).worked_on
    assert "Mark as not worked on yet" in client.get("/tips/1").get_data(as_text=True)
    client.post("/tips/1/worked-on", data={"worked_on": "0"})
    with app.app_context():
        assert not db.session.get(Tip, 1).worked_on


def test_tip_page_shows_the_tagged_metric_trend_since_the_tip(app, client):
    with app.app_context():
        for days_ago, fillers in ((20, 9.0), (10, 9.0)):
            db.session.add(Answer(prompt_key="p", prompt_text="Q", kind="introduction",
                                  audio_filename=f"f{days_ago}.webm", audio_format="webm", audio_bytes=1,
                                  status="done", metrics={"fillers_per_min": fillers},
                                  created_at=utc_now() - timedelta(days=days_ago)))
        db.session.commit()
    log(client, tips=(("Fewer ums", ["fillers"]),))
    with app.app_context():
        db.session.get(Tip, 1).created_at = utc_now() - timedelta(days=15)
        db.session.commit()
    page = client.get("/tips/1").get_data(as_text=True)
    assert "Fillers since you logged this tip" in page
    assert 'id="trend-fillers-per-min"' in page
    assert "over 1 answer" in page


def test_state_changing_tip_routes_refuse_get(client):
    assert client.get("/tips/1/worked-on").status_code == 405


def test_rehearse_page_shows_matching_tips_before_recording(client):
    log(client, company="Northwind <b>BPO</b>", tips=(("Slow down when you give your name", ["pace"]),))
    page = client.get("/rehearse/introduction").get_data(as_text=True)
    assert "At your phone interview at" in page
    assert "Northwind &lt;b&gt;BPO&lt;/b&gt;" in page
    assert page.index("Slow down when you give your name") < page.index('id="record"')


def test_rehearse_page_leaves_out_tips_for_other_skills(client):
    log(client, tips=(("Check the customer's account number first", ["call-flow"]),))
    page = client.get("/rehearse/introduction").get_data(as_text=True)
    assert "account number first" not in page


def test_mock_call_sitting_shows_call_flow_tips(client):
    log(client, tips=(("Always verify the account before you fix anything", ["call-flow"]),))
    created = client.post("/rehearsals", data={"kind": "mock-call", "scenario": "cs-bill-higher-than-usual"})
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "Always verify the account" in page


def test_deleting_a_tip_asks_first_and_keeps_the_interview(app, client):
    log(client, company=f"Acme {SCRIPT}", tips=(("Smile while you talk", ["confidence"]), ("Slow down", ["pace"])))
    with app.app_context():
        tip_id = db.session.scalars(db.select(Tip.id).where(Tip.text == "Slow down")).one()
    confirm = client.get(f"/tips/{tip_id}/delete").get_data(as_text=True)
    assert "Delete this tip?" in confirm and SCRIPT not in confirm
    response = client.post(f"/tips/{tip_id}/delete")
    assert response.status_code == 303
    with app.app_context():
        assert [t.text for t in db.session.scalars(db.select(Tip)).unique()] == ["Smile while you talk"]
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 1
    assert client.post("/tips/9999/delete").status_code == 404


def test_editing_a_tip_changes_its_text_and_skills(app, client):
    log(client, company="Northwind", tips=(("Slow dwon", ["pace"]),))
    form = client.get("/tips/1/edit").get_data(as_text=True)
    assert "Slow dwon" in form and 'value="pace" checked' in form
    response = client.post("/tips/1/edit", data={"text": f"  Slow down {SCRIPT} ", "skills": ["clarity", "bogus"]})
    assert response.status_code == 302 and response.headers["Location"].endswith("/tips/1")
    with app.app_context():
        tip = db.session.get(Tip, 1)
        assert (tip.text, tip.skills) == (f"Slow down {SCRIPT}", ["clarity"])
    page = client.get("/tips/1").get_data(as_text=True)
    assert "The tip was updated." in page and SCRIPT not in page and "Slow down &lt;script&gt;" in page


@pytest.mark.parametrize("text, message", [("   ", "Write the tip."), ("x" * 2001, "under 2000 characters")])
def test_a_bad_edit_keeps_the_stored_tip_and_shows_what_was_typed(app, client, text, message):
    log(client, tips=(("Smile while you talk", ["confidence"]),))
    response = client.post("/tips/1/edit", data={"text": text, "skills": ["volume"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and 'value="volume" checked' in page
    with app.app_context():
        tip = db.session.get(Tip, 1)
        assert (tip.text, tip.skills) == ("Smile while you talk", ["confidence"])
    assert client.post("/tips/9999/edit", data={"text": "x"}).status_code == 404


def test_a_content_tip_shows_the_content_score_trend(app, client):
    with app.app_context():
        for days_ago, score in ((20, 30), (10, 55), (5, 70)):
            db.session.add(Answer(prompt_key="p", prompt_text="Q", kind="introduction",
                                  audio_filename=f"c{days_ago}.webm", audio_format="webm", audio_bytes=1,
                                  status="done", metrics={"content_score": score},
                                  created_at=utc_now() - timedelta(days=days_ago)))
        db.session.commit()
    log(client, tips=(("Answer the question they asked, with an example", ["content"]),))
    with app.app_context():
        db.session.get(Tip, 1).created_at = utc_now() - timedelta(days=15)
        db.session.commit()
    page = client.get("/tips/1").get_data(as_text=True)
    assert "Content score since you logged this tip" in page
    assert 'id="trend-content-score"' in page and "over 2 answers" in page
