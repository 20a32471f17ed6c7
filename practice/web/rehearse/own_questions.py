"""The user's own questions: add, edit and delete them, e.g. what a company is known to ask."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, request, url_for

from practice.catalog import KINDS, SKILLS
from practice.extensions import db
from practice.ids import whole_number
from practice.models import CustomPrompt, utc_now

bp = Blueprint("own_questions", __name__)

# Single questions only: mock calls and drills need scripted turns and texts.
CUSTOM_KINDS = ("introduction", "phone-interview")
TEXT_CHARS = (5, 500)
COMPANY_CHARS = 120
TARGET_S = (15, 180)
DEFAULT_SKILLS = ("pace", "clarity", "fillers", "content")
MAX_POINTS, POINT_CHARS, MODEL_ANSWER_CHARS = 8, 200, 2000


@dataclass
class PromptForm:
    """What the user typed, kept so a refused form comes back filled in with one plain message."""

    kind: str = "introduction"
    text: str = ""
    company: str = ""
    target_s: str = "60"
    skills: tuple[str, ...] = DEFAULT_SKILLS
    points: str = ""  # one talking point a line
    model_answer: str = ""
    error: str | None = None

    @classmethod
    def from_request(cls) -> PromptForm:
        return cls(kind=request.form.get("kind", ""), text=request.form.get("text", "").strip(),
                   company=request.form.get("company", "").strip(), target_s=request.form.get("target_s", "").strip(),
                   skills=tuple(s for s in request.form.getlist("skills") if s in SKILLS),
                   points=request.form.get("points", "").strip(),
                   model_answer=request.form.get("model_answer", "").strip())

    @classmethod
    def from_row(cls, row: CustomPrompt) -> PromptForm:
        return cls(kind=row.kind, text=row.text, company=row.company or "", target_s=str(row.target_s),
                   skills=tuple(row.skills or ()), points="\n".join(row.points or ()),
                   model_answer=row.model_answer or "")

    def validate(self) -> bool:
        self.error = self._problem()
        return self.error is None

    def _problem(self) -> str | None:
        if self.kind not in CUSTOM_KINDS:
            return "Pick whether this is an in-person or a phone interview question."
        if not TEXT_CHARS[0] <= len(self.text) <= TEXT_CHARS[1]:
            return f"Write the question in {TEXT_CHARS[0]} to {TEXT_CHARS[1]} characters."
        if len(self.company) > COMPANY_CHARS:
            return f"Keep the company name under {COMPANY_CHARS} characters."
        seconds = whole_number(self.target_s, TARGET_S[1])
        if seconds is None or seconds < TARGET_S[0]:
            return f"Give the answer length as {TARGET_S[0]} to {TARGET_S[1]} seconds."
        if len(self.point_list) > MAX_POINTS or any(len(p) > POINT_CHARS for p in self.point_list):
            return f"Write at most {MAX_POINTS} talking points, one a line, each under {POINT_CHARS} characters."
        if len(self.model_answer) > MODEL_ANSWER_CHARS:
            return f"Keep the model answer under {MODEL_ANSWER_CHARS} characters."
        return None

    @property
    def point_list(self) -> list[str]:
        return [" ".join(line.split()) for line in self.points.splitlines() if line.strip()]

    def apply_to(self, row: CustomPrompt) -> None:
        row.kind, row.text, row.company = self.kind, self.text, self.company or None
        row.target_s, row.skills, row.updated_at = int(self.target_s), list(self.skills), utc_now()
        row.points, row.model_answer = self.point_list, self.model_answer or None


def _render_list(form: PromptForm, status: int = 200):
    prompts = db.session.scalars(db.select(CustomPrompt).order_by(CustomPrompt.created_at.desc())).all()
    return render_template("own_questions/list.html", prompts=prompts, form=form,
                           kinds=[KINDS[k] for k in CUSTOM_KINDS], skills=SKILLS), status


@bp.get("/prompts")
def prompt_list():
    return _render_list(PromptForm())


@bp.post("/prompts")
def create_prompt():
    form = PromptForm.from_request()
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
    return render_template("own_questions/edit.html", row=row, form=PromptForm.from_row(row),
                           kinds=[KINDS[k] for k in CUSTOM_KINDS], skills=SKILLS)


@bp.post("/prompts/<int:prompt_id>")
def update_prompt(prompt_id: int):
    row = db.get_or_404(CustomPrompt, prompt_id)
    form = PromptForm.from_request()
    if not form.validate():
        return render_template("own_questions/edit.html", row=row, form=form, kinds=[KINDS[k] for k in CUSTOM_KINDS],
                               skills=SKILLS), 400
    form.apply_to(row)
    db.session.commit()
    flash("Your question is updated. Answers you already recorded keep the wording they had.", "info")
    return redirect(url_for("own_questions.prompt_list"), code=303)


@bp.get("/prompts/<int:prompt_id>/delete")
def confirm_delete_prompt(prompt_id: int):
    return render_template("own_questions/delete.html", row=db.get_or_404(CustomPrompt, prompt_id))


@bp.post("/prompts/<int:prompt_id>/delete")
def delete_prompt(prompt_id: int):
    row = db.get_or_404(CustomPrompt, prompt_id)
    db.session.delete(row)
    db.session.commit()
    flash("The question is deleted. Answers you recorded to it are kept.", "info")
    return redirect(url_for("own_questions.prompt_list"), code=303)
