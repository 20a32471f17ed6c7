"""Pick a rehearsal kind and record answers to its prompts; sittings of several turns and their summaries."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from wtforms import StringField
from wtforms.validators import AnyOf, ValidationError

from practice import sittings
from practice.catalog import KINDS, load_catalog
from practice.catalog.kinds import LINE_TITLES
from practice.content import guide_for
from practice.errors import UserError
from practice.extensions import db
from practice.models import CUSTOM_KEY_PREFIX, Rehearsal
from practice.prompts import find_prompt, own_questions_of
from practice.web.forms import PageForm
from practice.web.notebook.tips import reminders_for

bp = Blueprint("rehearse", __name__)

# The kinds the home page offers first; drills have their own section below them.
HOME_KINDS = tuple(k.key for k in KINDS.values() if not k.drill)


@bp.get("/")
def home():
    catalog = load_catalog()
    kinds = [(KINDS[k], len(catalog.prompts_of(k))) for k in HOME_KINDS]
    drills = [KINDS[k] for k in sittings.DRILL_KINDS]
    return render_template("rehearse/home.html", kinds=kinds, drills=drills)


@bp.get("/rehearse/<kind>")
def rehearse(kind: str):
    if kind not in KINDS:
        abort(404)
    catalog = load_catalog()
    prompts = catalog.prompts_of(kind)
    if not prompts:
        abort(404)
    key = request.args.get("prompt")
    if key and key.startswith(CUSTOM_KEY_PREFIX):
        return _custom_question(kind, key)
    if kind in sittings.SITTING_KINDS:
        return _start_page(kind, catalog)
    prompt = catalog.prompt(key) if key else prompts[0]
    if prompt is None or prompt.kind != kind:
        abort(404)
    return _question_page(kind, prompt)


def _custom_question(kind: str, key: str):
    """One of the user's own questions, always answered on its own, whatever its kind."""
    prompt = find_prompt(key)
    if prompt is None:
        flash("That question was deleted. Pick another one, or add it again.", "error")
        return redirect(url_for("own_questions.prompt_list"))
    if prompt.kind != kind:
        abort(404)
    return _question_page(kind, prompt)


def _question_page(kind: str, prompt):
    others = own_questions_of(kind)
    if kind not in sittings.SITTING_KINDS:
        others += load_catalog().prompts_of(kind)
    return render_template("rehearse/rehearse.html", kind=KINDS[kind], prompt=prompt, prompts=others,
                           reminders=reminders_for({prompt.milestone}, prompt.skills), guide=guide_for(prompt.key))


def _start_page(kind: str, catalog):
    lines = [(line, title, catalog.scenarios_of(line)) for line, title in LINE_TITLES.items()]
    chosen = request.args.get("prompt")
    steps_count = None if KINDS[kind].from_scenario else len(sittings.plan(kind, 0, catalog=catalog))
    return render_template("rehearse/start.html", kind=KINDS[kind], lines=lines, chosen=chosen, steps_count=steps_count)


class SittingForm(PageForm):
    """The start button of a sitting: its kind, and for a mock call the scenario."""

    kind = StringField(validators=[AnyOf(sittings.SITTING_KINDS,
                                         "Choose a phone interview, a mock call or an exam drill to start.")])
    scenario = StringField(filters=[lambda key: key or None])

    def validate_scenario(self, field: StringField) -> None:
        kind = KINDS.get(self.kind.data or "")
        if kind is not None and kind.from_scenario and load_catalog().scenario(field.data or "") is None:
            raise ValidationError("Choose one of the mock-call scenarios to start the call.")


@bp.post("/rehearsals")
def create_rehearsal():
    """Start a sitting; its questions are fixed by its id, so it can be resumed."""
    form = SittingForm()
    if not form.validate():
        raise UserError(form.first_error, 400)
    kind = KINDS[form.kind.data]
    rehearsal = Rehearsal(kind=kind.key, scenario_key=form.scenario.data if kind.from_scenario else None)
    db.session.add(rehearsal)
    db.session.commit()
    return redirect(url_for("rehearse.sitting", rehearsal_id=rehearsal.id), code=303)


@bp.get("/rehearsals/<int:rehearsal_id>/take")
def sitting(rehearsal_id: int):
    rehearsal = db.get_or_404(Rehearsal, rehearsal_id)
    summary = sittings.summarise(rehearsal)
    if summary.next_turn is None:
        return redirect(url_for("rehearse.summary", rehearsal_id=rehearsal.id))
    return render_template("rehearse/sitting.html", rehearsal=rehearsal, kind=KINDS[rehearsal.kind],
                           summary=summary, scenario=summary.scenario,
                           reminders=reminders_for(_sitting_stages(summary), _sitting_skills(summary)))


def _sitting_stages(summary) -> set[str]:
    """The milestones a sitting rehearses: its kind's, and a mock call's line test."""
    stages = {KINDS[summary.kind].milestone}
    if summary.scenario is not None:
        stages.add(summary.scenario.milestone)
    return stages


def _sitting_skills(summary) -> set[str]:
    """What a sitting trains: the scenario's skills, or those of all its questions."""
    if summary.scenario is not None:
        return set(summary.scenario.skills)
    catalog = load_catalog()
    return {skill for row in summary.rows for skill in catalog.prompt(row.step.prompt_key).skills}


@bp.get("/rehearsals/<int:rehearsal_id>")
def summary(rehearsal_id: int):
    rehearsal = db.get_or_404(Rehearsal, rehearsal_id)
    summary = sittings.summarise(rehearsal)  # the worker stores what completing the sitting changes
    rules = load_catalog().call_flow_rules if KINDS[rehearsal.kind].from_scenario else None
    return render_template("rehearse/summary.html", rehearsal=rehearsal, kind=KINDS[rehearsal.kind],
                           summary=summary, scenario=summary.scenario, rules=rules)
