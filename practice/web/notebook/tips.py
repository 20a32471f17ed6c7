"""The tips notebook: what real interviewers said, recalled before the next rehearsal of the same skill."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from flask import Blueprint, flash, redirect, render_template, request, url_for

from practice import measures as specs
from practice.catalog import MILESTONES, SKILLS
from practice.charts import line_chart
from practice.errors import UserError
from practice.extensions import db
from practice.models import APPLICATION_OUTCOMES, Answer, Application, Interview, Tip, utc_now
from practice.status import AnswerStatus
from practice.web.review.progress import daily_means

bp = Blueprint("tips", __name__)

MAX_COMPANY_CHARS = 120
MAX_TIP_CHARS = 2000
MAX_TIPS_PER_LOG = 20
BLANK_TIP_ROWS = 3
TREND_WIDTH = 720  # a full-width card: a wider viewBox keeps the tick labels small
OUTCOME_TITLES = {"waiting": "Waiting to hear", "passed": "Passed this stage", "not-passed": "Did not pass",
                  "withdrew": "I withdrew", "hired": "Hired"}
SKILL_TITLES = {s: s.replace("-", " ").capitalize() for s in SKILLS}
# The number each skill's trend is drawn from; grammar and content have no number yet.
SKILL_METRICS = {"pace": specs.PACE, "clarity": specs.CLARITY, "fillers": specs.FILLERS, "volume": specs.LEVEL,
                 "pauses": specs.PAUSES, "confidence": specs.PITCH, "call-flow": specs.QA}


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
def notebook(error: str | None = None, status: int = 200):
    stage = request.args.get("milestone") or None
    if stage is not None and stage not in MILESTONES:
        raise UserError(f"There is no milestone called '{stage}'.", 404)
    query = db.select(Interview).order_by(Interview.held_on.desc(), Interview.id.desc())
    if stage:
        query = query.where(Interview.milestone == stage)
    interviews = db.session.scalars(query).unique().all()
    companies = db.session.scalars(db.select(Application.company).order_by(Application.company)).all()
    form = request.form if error else {}
    return render_template("tips/notebook.html", interviews=interviews, stage=MILESTONES.get(stage or ""),
                           companies=companies, **form_choices(),
                           today=utc_now().date(), blank_rows=range(BLANK_TIP_ROWS), error=error,
                           form=form), status


def form_choices() -> dict:
    return {"milestones": MILESTONES.values(), "milestones_by_key": MILESTONES, "outcomes": OUTCOME_TITLES,
            "skills": SKILL_TITLES}


@bp.post("/tips")
def log_interview():
    try:
        return _save_interview()
    except UserError as exc:  # show the form again with what was typed, and what to fix
        return notebook(error=exc.message, status=exc.status)


def _save_interview():
    company = required_text(request.form.get("company"), "the company", MAX_COMPANY_CHARS)
    held_on = _parse_date(request.form.get("held_on", ""))
    milestone, outcome = stage_from_form("the milestone you reached")
    tips = _tips_from_form()
    if not tips:
        raise UserError("Write at least one tip the interviewer gave you.")
    application = _application_for(company)
    if MILESTONES[milestone].order >= MILESTONES[application.furthest_milestone].order:
        application.furthest_milestone = milestone
        application.outcome = outcome
    application.updated_at = utc_now()
    db.session.add(Interview(application=application, held_on=held_on, milestone=milestone, outcome=outcome,
                             tips=tips))
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
    tip.worked_on = request.form.get("worked_on") == "1"
    db.session.commit()
    flash("Marked as worked on." if tip.worked_on else "Marked as not worked on yet.", "success")
    return redirect(url_for("tips.tip_page", tip_id=tip.id))


@bp.get("/tips/<int:tip_id>/edit")
def edit_tip_page(tip_id: int, error: str | None = None, status: int = 200):
    tip = db.get_or_404(Tip, tip_id)
    text = request.form.get("text", "") if error else tip.text
    chosen = request.form.getlist("skills") if error else tip.skills or []
    return render_template("tips/edit.html", tip=tip, text=text, chosen=chosen, skills=SKILL_TITLES,
                           error=error, max_chars=MAX_TIP_CHARS), status


@bp.post("/tips/<int:tip_id>/edit")
def edit_tip(tip_id: int):
    """Fix a typo or retag a tip; on bad input the stored tip is left as it was."""
    tip = db.get_or_404(Tip, tip_id)
    try:
        text = required_text(request.form.get("text"), "the tip", MAX_TIP_CHARS)
    except UserError as exc:
        return edit_tip_page(tip_id, error=exc.message, status=exc.status)
    tip.text = text
    tip.skills = _chosen_skills(request.form.getlist("skills"))
    db.session.commit()
    flash("The tip was updated.", "success")
    return redirect(url_for("tips.tip_page", tip_id=tip.id))


@bp.get("/tips/<int:tip_id>/delete")
def confirm_delete_tip(tip_id: int):
    return render_template("tips/delete.html", tip=db.get_or_404(Tip, tip_id))


@bp.post("/tips/<int:tip_id>/delete")
def delete_tip(tip_id: int):
    """Only the tip goes: the interview it came from still counts in the milestone tracker."""
    db.session.delete(db.get_or_404(Tip, tip_id))
    db.session.commit()
    flash("The tip was deleted.", "success")
    return redirect(url_for("tips.notebook"))


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


def _tips_from_form() -> list[Tip]:
    tips = []
    for i in range(MAX_TIPS_PER_LOG):
        text = (request.form.get(f"tip-{i}-text") or "").strip()
        if not text:
            continue
        if len(text) > MAX_TIP_CHARS:
            raise UserError(f"A tip can be at most {MAX_TIP_CHARS} characters.")
        tips.append(Tip(text=text, skills=_chosen_skills(request.form.getlist(f"tip-{i}-skills"))))
    return tips


def _chosen_skills(raw: list[str]) -> list[str]:
    """Known skills only, once each, in a stable order."""
    return sorted({s for s in raw if s in SKILLS})


def stage_from_form(milestone_what: str) -> tuple[str, str]:
    """The milestone and outcome pickers' values (tips/_stage_fields.html), each checked against its list."""
    milestone, outcome = request.form.get("milestone", ""), request.form.get("outcome", "")
    if milestone not in MILESTONES:
        raise UserError(f"Pick {milestone_what} from the list.")
    if outcome not in APPLICATION_OUTCOMES:
        raise UserError("Pick the outcome from the list.")
    return milestone, outcome


def required_text(value: str | None, what: str, max_chars: int) -> str:
    """Stripped text, or a UserError naming `what` when it is blank or too long."""
    value = (value or "").strip()
    if not value:
        raise UserError(f"Write {what}.")
    if len(value) > max_chars:
        raise UserError(f"Keep {what} under {max_chars} characters.")
    return value


def _parse_date(raw: str) -> date:
    try:
        held_on = date.fromisoformat(raw.strip())
    except ValueError:
        raise UserError("Give the interview date as a date, like 2026-03-14.") from None
    if held_on > utc_now().date() + timedelta(days=1):  # a day of slack for time zones ahead of UTC
        raise UserError("The interview date is in the future; log it after the interview.")
    return held_on
