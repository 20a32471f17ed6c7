"""The tips notebook: what real interviewers said, recalled before the next rehearsal of the same skill."""
from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from flask import Blueprint, flash, redirect, render_template, request, url_for

from practice import measures as specs
from practice.catalog import MILESTONES, SKILLS
from practice.charts import line_chart
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Application, Interview, Tip, utc_now
from practice.status import AnswerStatus
from practice.web.confirm import confirm_then_delete
from practice.web.notebook.forms import MAX_TIP_CHARS, OUTCOME_TITLES, InterviewForm, TipForm, WorkedOnForm
from practice.web.review.progress import daily_means

bp = Blueprint("tips", __name__)

TREND_WIDTH = 720  # a full-width card: a wider viewBox keeps the tick labels small
SKILL_TITLES = {s: s.replace("-", " ").capitalize() for s in SKILLS}
# The number each skill's trend is drawn from; grammar has no number yet.
SKILL_METRICS = {"pace": specs.PACE, "clarity": specs.CLARITY, "fillers": specs.FILLERS, "volume": specs.LEVEL,
                 "pauses": specs.PAUSES, "confidence": specs.PITCH, "call-flow": specs.QA, "content": specs.CONTENT}


def milestone_title(key: str) -> str:
    """A milestone's name for pages (a stage removed from the catalogue shows as its key)."""
    milestone = MILESTONES.get(key)
    return milestone.title if milestone else key


def reminders_for(stages, skills, limit: int = 3) -> list[Tip]:
    """Tips to recall before recording, none already worked on: first those logged at the stage being
    rehearsed, then others tagged with one of `skills`; newest first within each."""
    stages, wanted = set(stages), set(skills)
    tips = db.session.scalars(db.select(Tip).where(Tip.worked_on.is_(False))
                              .order_by(Tip.created_at.desc(), Tip.id.desc())).unique().all()
    at_stage = [t for t in tips if t.interview.milestone in stages]
    by_skill = [t for t in tips if t.interview.milestone not in stages and wanted & set(t.skills or [])]
    return (at_stage + by_skill)[:limit]


@dataclass(frozen=True)
class Trend:
    """A tagged metric before and since a tip was logged."""

    spec: specs.Measure
    before: float | None
    since: float | None
    verdict: str
    svg: str
    count: int


def tip_trend(tip: Tip, spec: specs.Measure) -> Trend:
    rows = db.session.execute(db.select(Answer.created_at, Answer.metrics)
                              .where(Answer.status == AnswerStatus.DONE, Answer.metrics.is_not(None))
                              .order_by(Answer.created_at)).all()
    before = [m[spec.key] for at, m in rows if at < tip.created_at and m.get(spec.key) is not None]
    since = [(at, m[spec.key]) for at, m in rows if at >= tip.created_at and m.get(spec.key) is not None]
    _, points = daily_means(since, spec)
    mean_before = fmean(before) if before else None
    mean_since = fmean(v for _, v in since) if since else None
    svg = line_chart(points, chart_id=f"trend-{spec.key.replace('_', '-')}",
                     title=f"{spec.title} since this tip",
                     desc=f"Daily average over {len(since)} answers since the tip was logged.",
                     band=spec.band if spec.better == "band" else None, bounds=spec.bounds, width=TREND_WIDTH)
    return Trend(spec, mean_before, mean_since, spec.verdict(mean_before, mean_since), svg, len(since))


@bp.get("/tips")
def notebook():
    return _notebook_page(InterviewForm.blank(utc_now().date()))


def _notebook_page(form: InterviewForm, status: int = 200):
    stage = request.args.get("milestone") or None
    if stage is not None and stage not in MILESTONES:
        raise UserError(f"There is no milestone called '{stage}'.", 404)
    query = db.select(Interview).order_by(Interview.held_on.desc(), Interview.id.desc())
    if stage:
        query = query.where(Interview.milestone == stage)
    interviews = db.session.scalars(query).unique().all()
    companies = db.session.scalars(db.select(Application.company).order_by(Application.company)).all()
    return render_template("tips/notebook.html", interviews=interviews, stage=MILESTONES.get(stage or ""),
                           companies=companies, milestones=MILESTONES.values(), milestones_by_key=MILESTONES,
                           outcomes=OUTCOME_TITLES, skills=SKILL_TITLES, today=utc_now().date(), form=form), status


@bp.post("/tips")
def log_interview():
    form = InterviewForm()
    if not form.validate():  # show the form again with what was typed, and what to fix
        return _notebook_page(form, 400)
    company, milestone, outcome = form.company.data, form.milestone.data, form.outcome.data
    tips = [Tip(text=text, skills=skills) for text, skills in form.written_tips()]
    application = _application_for(company)
    if MILESTONES[milestone].order >= MILESTONES[application.furthest_milestone].order:
        application.furthest_milestone = milestone
        application.outcome = outcome
    application.updated_at = utc_now()
    db.session.add(Interview(application=application, held_on=form.held_on.data, milestone=milestone,
                             outcome=outcome, tips=tips))
    db.session.commit()
    flash(f"Saved {len(tips)} tip{'s' if len(tips) != 1 else ''} from {company}.", "success")
    return redirect(url_for("tips.notebook"))


@bp.get("/tips/<int:tip_id>")
def tip_page(tip_id: int):
    tip = db.get_or_404(Tip, tip_id)
    trends = [tip_trend(tip, SKILL_METRICS[s]) for s in tip.skills or [] if s in SKILL_METRICS]
    return render_template("tips/tip.html", tip=tip, trends=trends, skills=SKILL_TITLES, outcomes=OUTCOME_TITLES,
                           milestones=MILESTONES)


@bp.post("/tips/<int:tip_id>/worked-on")
def mark_worked_on(tip_id: int):
    tip = db.get_or_404(Tip, tip_id)
    tip.worked_on = WorkedOnForm().marked
    db.session.commit()
    flash("Marked as worked on." if tip.worked_on else "Marked as not worked on yet.", "success")
    return redirect(url_for("tips.tip_page", tip_id=tip.id))


@bp.get("/tips/<int:tip_id>/edit")
def edit_tip_page(tip_id: int):
    tip = db.get_or_404(Tip, tip_id)
    return _edit_page(tip, TipForm(obj=tip))


def _edit_page(tip: Tip, form: TipForm, status: int = 200):
    return render_template("tips/edit.html", tip=tip, form=form, skills=SKILL_TITLES, max_chars=MAX_TIP_CHARS), status


@bp.post("/tips/<int:tip_id>/edit")
def edit_tip(tip_id: int):
    """Fix a typo or retag a tip; on bad input the stored tip is left as it was."""
    tip = db.get_or_404(Tip, tip_id)
    form = TipForm()
    if not form.validate():
        return _edit_page(tip, form, 400)
    tip.text, tip.skills = form.text.data, form.skills.data
    db.session.commit()
    flash("The tip was updated.", "success")
    return redirect(url_for("tips.tip_page", tip_id=tip.id))


# Only the tip goes: the interview it came from still counts in the milestone tracker.
confirm_then_delete(bp, "/tips/<int:tip_id>/delete", Tip, name="tip", template="tips/delete.html",
                    farewell=lambda _tip: ("The tip was deleted.", url_for("tips.notebook")))


def application_named(company: str) -> Application | None:
    """Interviews at the same company (any capitalisation) belong to one application."""
    return db.session.scalars(db.select(Application).where(db.func.lower(Application.company) == company.lower())
                              ).unique().first()


def _application_for(company: str) -> Application:
    found = application_named(company)
    if found is None:
        found = Application(company=company, furthest_milestone="online-application", outcome="waiting")
        db.session.add(found)
    return found
