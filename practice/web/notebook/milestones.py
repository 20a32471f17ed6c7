"""The job hunt as a funnel: how far each application got, and the stage where most of them stop."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, url_for

from practice.catalog import KINDS, LINES, MILESTONES, Kind, Milestone
from practice.charts import Stage, funnel_chart
from practice.extensions import db
from practice.models import STOPPED_OUTCOMES, Application, utc_now
from practice.web.confirm import confirm_then_delete
from practice.web.notebook.forms import MAX_COMPANY_CHARS, OUTCOME_TITLES, ApplicationForm
from practice.web.notebook.tips import application_named

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
def edit_application_page(application_id: int):
    application = db.get_or_404(Application, application_id)
    return _edit_page(application, ApplicationForm.of(application))


def _edit_page(application: Application, form: ApplicationForm, status: int = 200):
    return render_template("milestones/edit.html", application=application, form=form,
                           milestones=MILESTONES.values(), outcomes=OUTCOME_TITLES, max_chars=MAX_COMPANY_CHARS), status


@bp.post("/milestones/applications/<int:application_id>/edit")
def edit_application(application_id: int):
    """Record news that came without an interview (an offer, a rejection email) or fix a company's name."""
    application = db.get_or_404(Application, application_id)
    form = ApplicationForm()
    if not (form.validate() and _name_is_free(form, application)):
        return _edit_page(application, form, 400)
    company = form.company.data
    application.company, application.furthest_milestone, application.outcome = (company, form.milestone.data,
                                                                                form.outcome.data)
    application.updated_at = utc_now()
    db.session.commit()
    flash(f"Updated your application at {company}.", "success")
    return redirect(url_for("milestones.milestones_page"))


def _name_is_free(form: ApplicationForm, application: Application) -> bool:
    """One application a company: a rename onto another application's name is refused on the company field."""
    same_name = application_named(form.company.data)
    if same_name is not None and same_name.id != application.id:
        form.company.errors.append(f"You already have an application at {same_name.company}; edit that one instead.")
        return False
    return True


# The application goes with its interviews and their tips; recordings are not touched.
confirm_then_delete(bp, "/milestones/applications/<int:application_id>/delete", Application, name="application",
                    template="milestones/delete.html",
                    farewell=lambda application: (f"Deleted your application at {application.company} and its tips.",
                                                  url_for("milestones.milestones_page")))
