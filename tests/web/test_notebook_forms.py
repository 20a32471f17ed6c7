"""The notebook's forms on their own: what a logged interview, a tip and an application's news must hold."""
from datetime import timedelta

import pytest
from werkzeug.datastructures import MultiDict

from practice.models import utc_now
from practice.web.notebook.forms import (
    DATE_MESSAGE,
    MAX_COMPANY_CHARS,
    ApplicationForm,
    InterviewForm,
    TipForm,
    WorkedOnForm,
    known_skills,
)

GOOD_INTERVIEW = {"company": "  Bluepeak  ", "held_on": "2026-01-15", "milestone": "phone-interview",
                  "outcome": "passed", "tip-0-text": "", "tip-1-text": " Slow down. ", "tip-1-skills": "pace"}


@pytest.fixture
def submit(app):
    def post(form_class, **fields):
        with app.test_request_context(method="POST", data=MultiDict(fields)):
            form = form_class()
            form.validate()
            return form
    return post


def test_a_good_interview_keeps_its_written_tips_in_order_and_skips_blank_rows(submit):
    form = submit(InterviewForm, **GOOD_INTERVIEW, **{"tip-2-text": "Smile.", "tip-2-skills": "nonsense"})
    assert form.first_error is None
    assert form.company.data == "Bluepeak"
    assert form.written_tips() == [("Slow down.", ["pace"]), ("Smile.", [])]


@pytest.mark.parametrize(("change", "message"), [
    ({"company": " "}, "Write the company."),
    ({"company": "x" * (MAX_COMPANY_CHARS + 1)}, f"Keep the company under {MAX_COMPANY_CHARS} characters."),
    ({"held_on": "15/01/2026"}, DATE_MESSAGE),
    ({"held_on": (utc_now().date() + timedelta(days=3)).isoformat()},
     "The interview date is in the future; log it after the interview."),
    ({"milestone": "moon-landing"}, "Pick the milestone you reached from the list."),
    ({"outcome": "maybe"}, "Pick the outcome from the list."),
    ({"tip-1-text": ""}, "Write at least one tip the interviewer gave you."),
])
def test_a_bad_interview_names_its_first_problem(submit, change, message):
    assert submit(InterviewForm, **{**GOOD_INTERVIEW, **change}).first_error == message


def test_a_tip_needs_words_and_keeps_known_skills_once_each(submit):
    assert submit(TipForm, text=" ").first_error == "Write the tip."
    form = submit(TipForm, text="Pause before answering.", skills=["pauses", "pace", "pauses", "karaoke"])
    assert form.first_error is None and form.skills.data == ["pace", "pauses"]
    assert known_skills(None) == []


def test_application_news_must_name_a_known_stage_and_outcome(submit):
    assert submit(ApplicationForm, company="Bluepeak", milestone="exam", outcome="hired").first_error is None
    assert submit(ApplicationForm, company="Bluepeak", milestone="exam", outcome="").first_error == \
        "Pick the outcome from the list."


def test_worked_on_is_marked_only_by_one(submit):
    assert submit(WorkedOnForm, worked_on="1").marked
    assert not submit(WorkedOnForm, worked_on="true").marked
