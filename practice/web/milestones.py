"""The job hunt as a funnel: how far each application got, and the stage where most of them stop."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Blueprint, render_template

from practice.catalog import KINDS, LINES, MILESTONES, Milestone
from practice.charts import Stage, funnel_chart
from practice.extensions import db
from practice.models import STOPPED_OUTCOMES, Application
from practice.web.tips import OUTCOME_TITLES

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
    weakest: Milestone | None


def build_funnel(applications: list[Application]) -> Funnel:
    reached = [MILESTONES[a.furthest_milestone].order for a in applications if a.furthest_milestone in MILESTONES]
    stages = [(m, sum(order >= m.order for order in reached)) for m in MILESTONES.values()]
    stopped = Counter(a.furthest_milestone for a in applications if a.outcome in STOPPED_OUTCOMES)
    weakest = None
    if stopped:
        key = max(stopped, key=lambda k: (stopped[k], -MILESTONES[k].order))  # ties: the earlier stage
        weakest = MILESTONES[key]
    return Funnel(stages, stopped, weakest)


@bp.get("/milestones")
def milestones_page():
    applications = db.session.scalars(db.select(Application).order_by(Application.updated_at.desc(),
                                                                      Application.id.desc())).unique().all()
    funnel = build_funnel(applications)
    chart = funnel_chart(
        [Stage(m.title, count, highlight=funnel.weakest is not None and m.key == funnel.weakest.key)
         for m, count in funnel.stages],
        chart_id="funnel", title="How many applications reached each stage",
        desc="; ".join(f"{m.title}: {count}" for m, count in funnel.stages))
    weakest_kind = KINDS.get(drill_kind(funnel.weakest.key)) if funnel.weakest else None
    return render_template("milestones/milestones.html", applications=applications, funnel=funnel, chart=chart,
                           weakest_kind=weakest_kind, milestones=MILESTONES, outcomes=OUTCOME_TITLES)
