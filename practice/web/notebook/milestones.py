"""The job hunt as a funnel: how far each application got, and the stage where most of them stop."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, request, url_for

from practice.catalog import KINDS, LINES, MILESTONES, Kind, Milestone
from practice.charts import Stage, funnel_chart
from practice.errors import UserError
from practice.extensions import db
from practice.models import STOPPED_OUTCOMES, Application, utc_now
from practice.web.notebook.tips import (
    MAX_COMPANY_CHARS,
    OUTCOME_TITLES,
    application_named,
    required_text,
    stage_from_form,
)

bp = Blueprint("milestones", __name__)

# Stages with no rehearsal kind of their own borrow the closest one.
BORROWED_DRILLS = {"online-application": "introduction", "final-interview": "introduction",
                   **{milestone: "mock-call" for milestone in LINES.values()}}


def drill_kind(milestone: str) -> str | None:
    """The rehearsal kind that prepares for a milestone (the first listed, so exam -> read-aloud)."""
    own = next((k.key for k in KINDS.values() if k.milestone == milestone), None)
    return own or BORROWED_DRILLS.get(milestone)


@dataclass(frozen=True)
class Funnel:
    stages: list[tuple[Milestone, int]]  # every milestone and how many applications reached it
    stopped: Counter  # milestone key -> applications that ended there
    weakest: list[Milestone]  # where the most applications stopped: more than one when they tie, in hiring order

    @property
    def tied(self) -> bool:
        return len(self.weakest) > 1


@dataclass(frozen=True)
class WeakStage:
    """A weakest milestone with where to go next: its drills, its practice scores, its logged tips."""

    milestone: Milestone
    kind: Kind | None
    tip_count: int


def build_funnel(applications: list[Application]) -> Funnel:
    reached = [MILESTONES[a.furthest_milestone].order for a in applications if a.furthest_milestone in MILESTONES]
    stages = [(m, sum(order >= m.order for order in reached)) for m in MILESTONES.values()]
    stopped = Counter(a.furthest_milestone for a in applications
                      if a.outcome in STOPPED_OUTCOMES and a.furthest_milestone in MILESTONES)
    most = max(stopped.values(), default=0)
    weakest = sorted((MILESTONES[k] for k, n in stopped.items() if n == most), key=lambda m: m.order) if most else []
    return Funnel(stages, stopped, weakest)


def weak_stages(funnel: Funnel, applications: list[Application]) -> list[WeakStage]:
    """Each weakest milestone with its drill kind and how many tips were logged at that stage."""
    tips_at: Counter = Counter()
    for application in applications:
        for interview in application.interviews:
            tips_at[interview.milestone] += len(interview.tips)
    return [WeakStage(m, KINDS.get(drill_kind(m.key)), tips_at[m.key]) for m in funnel.weakest]


@bp.get("/milestones")
def milestones_page():
    applications = db.session.scalars(db.select(Application).order_by(Application.updated_at.desc(),
                                                                      Application.id.desc())).unique().all()
    funnel = build_funnel(applications)
    chart = funnel_chart(
        [Stage(m.title, count, highlight=m in funnel.weakest)
         for m, count in funnel.stages],
        chart_id="funnel", title="How many applications reached each stage",
        desc="; ".join(f"{m.title}: {count}" for m, count in funnel.stages))
    return render_template("milestones/milestones.html", applications=applications, funnel=funnel, chart=chart,
                           weak=weak_stages(funnel, applications), milestones=MILESTONES, outcomes=OUTCOME_TITLES)


@bp.get("/milestones/applications/<int:application_id>/edit")
def edit_application_page(application_id: int, error: str | None = None, status: int = 200):
    application = db.get_or_404(Application, application_id)
    form = request.form if error else {"company": application.company, "milestone": application.furthest_milestone,
                                       "outcome": application.outcome}
    return render_template("milestones/edit.html", application=application, form=form, error=error,
                           milestones=MILESTONES.values(), outcomes=OUTCOME_TITLES, max_chars=MAX_COMPANY_CHARS), status


@bp.post("/milestones/applications/<int:application_id>/edit")
def edit_application(application_id: int):
    """Record news that came without an interview (an offer, a rejection email) or fix a company's name."""
    application = db.get_or_404(Application, application_id)
    try:
        company = required_text(request.form.get("company"), "the company", MAX_COMPANY_CHARS)
        milestone, outcome = stage_from_form("the furthest milestone")
        same_name = application_named(company)
        if same_name is not None and same_name.id != application.id:
            raise UserError(f"You already have an application at {same_name.company}; edit that one instead.")
    except UserError as exc:
        return edit_application_page(application_id, error=exc.message, status=exc.status)
    application.company, application.furthest_milestone, application.outcome = company, milestone, outcome
    application.updated_at = utc_now()
    db.session.commit()
    flash(f"Updated your application at {company}.", "success")
    return redirect(url_for("milestones.milestones_page"))


@bp.get("/milestones/applications/<int:application_id>/delete")
def confirm_delete_application(application_id: int):
    return render_template("milestones/delete.html", application=db.get_or_404(Application, application_id))


@bp.post("/milestones/applications/<int:application_id>/delete")
def delete_application(application_id: int):
    """The application goes with its interviews and their tips; recordings are not touched."""
    application = db.get_or_404(Application, application_id)
    db.session.delete(application)
    db.session.commit()
    flash(f"Deleted your application at {application.company} and its tips.", "success")
    return redirect(url_for("milestones.milestones_page"))
