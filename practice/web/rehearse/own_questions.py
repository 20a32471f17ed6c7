"""The user's own questions: add, edit and delete them, e.g. what a company is known to ask."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from wtforms import SelectChoice, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length, NumberRange, ValidationError

from practice.catalog import KINDS, SKILLS
from practice.extensions import db
from practice.models import CustomPrompt, utc_now
from practice.web.confirm import confirm_then_delete
from practice.web.forms import LinesField, PageForm, WholeNumberField, stripped

bp = Blueprint("own_questions", __name__)

CUSTOM_KINDS = tuple(k.key for k in KINDS.values() if k.takes_own_questions)
TEXT_CHARS = (5, 500)
COMPANY_CHARS = 120
TARGET_S = (15, 180)
DEFAULT_SKILLS = ("pace", "clarity", "fillers", "content")
MAX_POINTS, POINT_CHARS, MODEL_ANSWER_CHARS = 8, 200, 2000
KIND_MESSAGE = "Pick whether this is an in-person or a phone interview question."
MODEL_ANSWER_MESSAGE = f"Keep the model answer under {MODEL_ANSWER_CHARS} characters."
TARGET_MESSAGE = f"Give the answer length as {TARGET_S[0]} to {TARGET_S[1]} seconds."


def known_skills(chosen: list[str] | None) -> list[str]:
    """Tags the notebook knows, in the order they were ticked; anything else is dropped, not refused."""
    return [s for s in chosen or () if s in SKILLS]


class QuestionForm(PageForm):
    """One own question; fields are declared in the order their problems are reported."""

    kind = SelectField("Interview", choices=[SelectChoice(k, KINDS[k].title) for k in CUSTOM_KINDS],
                       validate_choice=False, validators=[AnyOf(CUSTOM_KINDS, KIND_MESSAGE)])
    text = TextAreaField("Question", filters=[stripped], validators=[
        Length(*TEXT_CHARS, f"Write the question in {TEXT_CHARS[0]} to {TEXT_CHARS[1]} characters.")])
    company = StringField("Company (optional)", filters=[stripped], validators=[
        Length(max=COMPANY_CHARS, message=f"Keep the company name under {COMPANY_CHARS} characters.")])
    target_s = WholeNumberField("Target answer length (seconds)", invalid_value_message=TARGET_MESSAGE,
                                validators=[NumberRange(*TARGET_S, TARGET_MESSAGE)])
    points = LinesField("Talking points, one a line (optional: the content check listens for them)")
    model_answer = TextAreaField("Model answer (optional: shown beside your transcript)", filters=[stripped],
                                 validators=[Length(max=MODEL_ANSWER_CHARS, message=MODEL_ANSWER_MESSAGE)])
    skills = SelectMultipleField("Skills to watch", choices=list(SKILLS), validate_choice=False,
                                 filters=[known_skills])

    def validate_points(self, field: LinesField) -> None:
        points = field.data or ()
        if len(points) > MAX_POINTS or any(len(p) > POINT_CHARS for p in points):
            raise ValidationError(f"Write at most {MAX_POINTS} talking points, one a line, each under {POINT_CHARS} "
                                  "characters.")

    @classmethod
    def blank(cls) -> QuestionForm:
        return cls(kind="introduction", target_s=60, skills=list(DEFAULT_SKILLS))

    def apply_to(self, row: CustomPrompt) -> None:
        row.kind, row.text, row.company = self.kind.data, self.text.data, self.company.data or None
        row.target_s, row.skills, row.updated_at = self.target_s.data, list(self.skills.data), utc_now()
        row.points, row.model_answer = list(self.points.data or ()), self.model_answer.data or None


def _render_list(form: QuestionForm, status: int = 200):
    prompts = db.session.scalars(db.select(CustomPrompt).order_by(CustomPrompt.created_at.desc())).all()
    return render_template("own_questions/list.html", prompts=prompts, form=form, skills=SKILLS), status


@bp.get("/prompts")
def prompt_list():
    return _render_list(QuestionForm.blank())


@bp.post("/prompts")
def create_prompt():
    form = QuestionForm()
    if not form.validate():
        return _render_list(form, 400)
    row = CustomPrompt()
    form.apply_to(row)
    db.session.add(row)
    db.session.commit()
    flash("Your question is saved. Rehearse it now, or find it later on this page.", "info")
    return redirect(url_for("rehearse.rehearse", kind=row.kind, prompt=row.key), code=303)


@bp.get("/prompts/<int:prompt_id>/edit")
def edit_prompt(prompt_id: int):
    row = db.get_or_404(CustomPrompt, prompt_id)
    return render_template("own_questions/edit.html", row=row, form=QuestionForm(obj=row), skills=SKILLS)


@bp.post("/prompts/<int:prompt_id>")
def update_prompt(prompt_id: int):
    row = db.get_or_404(CustomPrompt, prompt_id)
    form = QuestionForm()
    if not form.validate():
        return render_template("own_questions/edit.html", row=row, form=form, skills=SKILLS), 400
    form.apply_to(row)
    db.session.commit()
    flash("Your question is updated. Answers you already recorded keep the wording they had.", "info")
    return redirect(url_for("own_questions.prompt_list"), code=303)


confirm_then_delete(bp, "/prompts/<int:prompt_id>/delete", CustomPrompt, name="prompt",
                    template="own_questions/delete.html",
                    farewell=lambda _row: ("The question is deleted. Answers you recorded to it are kept.",
                                           url_for("own_questions.prompt_list")))
