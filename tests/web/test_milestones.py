"""Milestone tracker: every application's furthest stage, the funnel, and the weakest stage with its drill."""
import pytest

from practice.catalog import MILESTONES
from practice.extensions import db
from practice.models import Application
from practice.web.notebook.milestones import build_funnel, drill_kind


def add(app, company, milestone, outcome):
    with app.app_context():
        db.session.add(Application(company=company, furthest_milestone=milestone, outcome=outcome))
        db.session.commit()


def test_no_applications_points_to_the_notebook(client):
    page = client.get("/milestones").get_data(as_text=True)
    assert "No applications yet" in page and 'href="/tips"' in page


def test_funnel_counts_applications_that_reached_each_stage():
    apps = [Application(company="a", furthest_milestone="exam", outcome="not-passed"),
            Application(company="b", furthest_milestone="phone-interview", outcome="not-passed"),
            Application(company="c", furthest_milestone="job-offer", outcome="hired")]
    funnel = build_funnel(apps)
    reached = {m.key: count for m, count in funnel.stages}
    assert reached["online-application"] == 3
    assert reached["phone-interview"] == 3
    assert reached["in-person-interview"] == 2
    assert reached["exam"] == 2
    assert reached["mock-call"] == 1
    assert reached["job-offer"] == 1


def test_weakest_milestone_is_where_most_applications_stopped():
    apps = [Application(company=c, furthest_milestone=m, outcome=o) for c, m, o in (
        ("a", "exam", "not-passed"), ("b", "exam", "withdrew"), ("c", "phone-interview", "not-passed"),
        ("d", "mock-call", "waiting"), ("e", "mock-call", "waiting"), ("f", "mock-call", "passed"))]
    funnel = build_funnel(apps)
    assert [m.key for m in funnel.weakest] == ["exam"] and not funnel.tied


def test_a_tie_names_every_tied_stage_in_hiring_order():
    apps = [Application(company="a", furthest_milestone="mock-call", outcome="not-passed"),
            Application(company="b", furthest_milestone="phone-interview", outcome="not-passed"),
            Application(company="c", furthest_milestone="exam", outcome="waiting")]
    funnel = build_funnel(apps)
    assert [m.key for m in funnel.weakest] == ["phone-interview", "mock-call"] and funnel.tied


def test_the_page_names_a_tie_as_a_tie_and_links_each_stage(app, client):
    add(app, "Acme", "mock-call", "not-passed")
    add(app, "Globex", "phone-interview", "withdrew")
    page = client.get("/milestones").get_data(as_text=True)
    weakest = page.split('id="weakest"')[1].split("</section>")[0]
    assert "A tie: Phone interview and Mock call" in weakest
    assert "more than at any other stage" not in weakest
    for stage, kind in (("phone-interview", "phone-interview"), ("mock-call", "mock-call")):
        assert f'href="/tips?milestone={stage}#your-interviews"' in weakest
        assert f'href="/progress?kind={kind}"' in weakest
        assert f'href="/rehearse/{kind}"' in weakest


def test_the_weak_stage_links_to_the_tips_logged_there(app, client):
    client.post("/tips", data={"company": "Acme", "held_on": "2026-11-01", "milestone": "exam",
                               "outcome": "not-passed", "tip-0-text": "Read the numbers slowly"})
    client.post("/tips", data={"company": "Globex", "held_on": "2026-11-02", "milestone": "phone-interview",
                               "outcome": "passed", "tip-0-text": "Smile while you talk"})
    page = client.get("/milestones").get_data(as_text=True)
    weakest = page.split('id="weakest"')[1].split("</section>")[0]
    assert "The 1 tip you logged at this stage" in weakest
    tips = client.get("/tips?milestone=exam").get_data(as_text=True)
    listed = tips.split('id="your-interviews"')[1]
    assert "Read the numbers slowly" in listed and "Smile while you talk" not in listed
    assert client.get("/tips?milestone=ceo-chat").status_code == 404


def test_no_stopped_application_means_no_weakest_milestone(app, client):
    add(app, "Acme", "exam", "waiting")
    page = client.get("/milestones").get_data(as_text=True)
    assert "None of your applications has stopped yet" in page


@pytest.mark.parametrize("milestone, kind", [
    ("exam", "read-aloud"), ("phone-interview", "phone-interview"), ("in-person-interview", "introduction"),
    ("mock-call", "mock-call"), ("sales-test", "mock-call"), ("tech-support-test", "mock-call"),
    ("final-interview", "introduction"),
])
def test_each_stage_links_to_its_drills(milestone, kind):
    assert drill_kind(milestone) == kind


def test_page_shows_funnel_weakest_stage_and_drill_link(app, client):
    add(app, "Acme", "exam", "not-passed")
    add(app, "Globex", "exam", "not-passed")
    add(app, "Initech", "job-offer", "hired")
    page = client.get("/milestones").get_data(as_text=True)
    assert 'id="funnel"' in page and 'aria-labelledby="funnel-title funnel-desc"' in page
    weakest = page.split('id="weakest"')[1].split("</section>")[0]
    assert MILESTONES["exam"].title in weakest
    assert 'href="/rehearse/read-aloud"' in weakest
    assert "Initech" in page and "Hired" in page


def test_company_names_are_escaped(app, client):
    add(app, "<script>alert(1)</script>", "exam", "not-passed")
    page = client.get("/milestones").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_every_milestone_has_a_drill_or_is_the_offer():
    assert {m for m in MILESTONES if drill_kind(m) is None} <= {"job-offer"}


SCRIPT = "<script>alert(1)</script>"


def log_interview(client, company, milestone="phone-interview", outcome="waiting"):
    return client.post("/tips", data={"company": company, "held_on": "2026-01-05", "milestone": milestone,
                                      "outcome": outcome, "tip-0-text": "Slow down", "tip-0-skills": ["pace"]})


def test_an_application_can_be_updated_without_logging_an_interview(app, client):
    log_interview(client, "Northwnd")
    form = client.get("/milestones/applications/1/edit").get_data(as_text=True)
    assert 'value="Northwnd"' in form and '<option value="phone-interview" selected>' in form
    response = client.post("/milestones/applications/1/edit",
                           data={"company": f" Northwind {SCRIPT} ", "milestone": "job-offer", "outcome": "hired"})
    assert response.status_code == 302
    with app.app_context():
        application = db.session.get(Application, 1)
        assert (application.company, application.furthest_milestone, application.outcome) == (
            f"Northwind {SCRIPT}", "job-offer", "hired")
        assert len(application.interviews) == 1  # the logged interview and its tip stay
    page = client.get("/milestones").get_data(as_text=True)
    assert SCRIPT not in page and "Northwind &lt;script&gt;" in page and "Updated your application" in page


@pytest.mark.parametrize("field, value, message", [
    ("company", " ", "Write the company"),
    ("company", "ACME", "already have an application at Acme"),
    ("milestone", "ceo-chat", "Pick the furthest milestone"),
    ("outcome", "maybe", "Pick the outcome"),
])
def test_a_bad_application_edit_changes_nothing(app, client, field, value, message):
    log_interview(client, "Northwind")
    log_interview(client, "Acme")
    form = {"company": "Northwind", "milestone": "exam", "outcome": "passed", field: value}
    response = client.post("/milestones/applications/1/edit", data=form)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.app_context():
        application = db.session.get(Application, 1)
        assert (application.company, application.furthest_milestone, application.outcome) == (
            "Northwind", "phone-interview", "waiting")


def test_deleting_an_application_asks_first_and_takes_its_tips(app, client):
    from practice.models import Interview, Tip

    log_interview(client, f"Acme {SCRIPT}")
    log_interview(client, "Northwind")
    confirm = client.get("/milestones/applications/1/delete").get_data(as_text=True)
    assert "with its 1 interview and 1 tip." in " ".join(confirm.split()) and SCRIPT not in confirm
    assert client.post("/milestones/applications/1/delete").status_code == 303
    with app.app_context():
        assert [a.company for a in db.session.scalars(db.select(Application)).unique()] == ["Northwind"]
        assert db.session.scalar(db.select(db.func.count(Interview.id))) == 1
        assert db.session.scalar(db.select(db.func.count(Tip.id))) == 1
    assert client.post("/milestones/applications/1/delete").status_code == 404
    assert client.get("/milestones/applications/1/edit").status_code == 404
