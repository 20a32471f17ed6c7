"""The notebook's forms: an interview with its tips, one tip, and news about an application."""
from __future__ import annotations

from datetime import date, timedelta

from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, ValidationError

from practice.catalog import MILESTONES, SKILLS
from practice.models import APPLICATION_OUTCOMES, utc_now
from practice.web.forms import PageForm, stripped

MAX_COMPANY_CHARS = 120
MAX_TIP_CHARS = 2000
MAX_TIPS_PER_LOG = 20
BLANK_TIP_ROWS = 3
OUTCOME_TITLES = {"waiting": "Waiting to hear", "passed": "Passed this stage", "not-passed": "Did not pass",
                  "withdrew": "I withdrew", "hired": "Hired"}
DATE_MESSAGE = "Give the interview date as a date, like 2026-03-14."


def known_skills(chosen: list[str] | None) -> list[str]:
    """Known skills only, once each, in a stable order."""
    return sorted({s for s in chosen or () if s in SKILLS})


def required_text(what: str, max_chars: int) -> list:
    """Validators for text that must be written and kept short, with messages that name `what`."""
    return [DataRequired(f"Write {what}."), Length(max=max_chars, message=f"Keep {what} under {max_chars} characters.")]


def company_field() -> StringField:
    return StringField("Company", filters=[stripped], validators=required_text("the company", MAX_COMPANY_CHARS))


def milestone_field(what: str) -> SelectField:
    return SelectField(choices=[SelectChoice(m.key, m.title) for m in MILESTONES.values()], validate_choice=False,
                       validators=[AnyOf(list(MILESTONES), f"Pick {what} from the list.")])


def outcome_field() -> SelectField:
    return SelectField("Outcome", choices=[SelectChoice(key, title) for key, title in OUTCOME_TITLES.items()],
                       validate_choice=False,
                       validators=[AnyOf(APPLICATION_OUTCOMES, "Pick the outcome from the list.")])


def skills_field() -> SelectMultipleField:
    return SelectMultipleField(choices=list(SKILLS), validate_choice=False, filters=[known_skills])


class TipRow(Form):
    """One tip row of the interview log; a blank row is skipped, not refused."""

    text = TextAreaField(filters=[stripped], validators=[
        Length(max=MAX_TIP_CHARS, message=f"A tip can be at most {MAX_TIP_CHARS} characters.")])
    skills = skills_field()


class InterviewForm(PageForm):
    """A real interview: where, when, how far it got, and the interviewer's tips; checked in that order."""

    company = company_field()
    held_on = DateField(invalid_value_message=DATE_MESSAGE, validators=[InputRequired(DATE_MESSAGE)])
    milestone = milestone_field("the milestone you reached")
    outcome = outcome_field()
    # Named "tip" so the rows are tip-0-text, tip-0-skills, …, the names static/js/pages/tips.js numbers.
    tips = FieldList(FormField(TipRow), name="tip", min_entries=BLANK_TIP_ROWS, max_entries=MAX_TIPS_PER_LOG)

    def validate_held_on(self, field: DateField) -> None:
        # A day of slack for time zones ahead of UTC.
        if field.data is not None and field.data > utc_now().date() + timedelta(days=1):
            raise ValidationError("The interview date is in the future; log it after the interview.")

    def validate_tips(self, field: FieldList) -> None:
        if not self.written_tips():
            raise ValidationError("Write at least one tip the interviewer gave you.")

    def written_tips(self) -> list[tuple[str, list[str]]]:
        """(text, skills) of every row with text, in the order written."""
        return [(row.form.text.data, row.form.skills.data) for row in self.tips if row.form.text.data]

    @classmethod
    def blank(cls, today: date) -> InterviewForm:
        return cls(held_on=today)


class TipForm(PageForm):
    """Fix a tip's wording or its skill tags."""

    text = TextAreaField("What the interviewer said", filters=[stripped],
                         validators=required_text("the tip", MAX_TIP_CHARS))
    skills = skills_field()


class ApplicationForm(PageForm):
    """News about an application that came without an interview, or a fixed company name."""

    company = company_field()
    milestone = milestone_field("the furthest milestone")
    outcome = outcome_field()

    @classmethod
    def of(cls, application) -> ApplicationForm:
        return cls(company=application.company, milestone=application.furthest_milestone,
                   outcome=application.outcome)


class WorkedOnForm(PageForm):
    """The worked-on switch on a tip's page: "1" marks it worked on, anything else marks it not yet."""

    worked_on = HiddenField()

    @property
    def marked(self) -> bool:
        return self.worked_on.data == "1"
