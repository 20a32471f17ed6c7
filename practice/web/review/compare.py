"""Compare two takes of the same prompt side by side, so the user hears and sees what changed."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, request

from practice.errors import UserError
from practice.extensions import db
from practice.measures import BY_KEY, COMPARE_METRICS, SUB_SCORES, Measure, passed_quality
from practice.models import Answer
from practice.status import AnswerStatus
from practice.web.forms import optional_int

bp = Blueprint("compare", __name__)


@dataclass(frozen=True)
class MetricChange:
    spec: Measure
    a: float | None
    b: float | None
    verdict: str
    judge: Measure | None = None  # the sub-score whose change this row reports, with its two values
    judged: tuple[float | None, float | None] = (None, None)

    @property
    def label(self) -> str:
        if self.judge is not None:
            return self.judge.change_label(*self.judged)
        return self.spec.change_label(self.a, self.b)

    @property
    def delta(self) -> str:
        if self.a is None or self.b is None:
            return ""
        diff = self.spec.display(self.b) - self.spec.display(self.a)
        return f"{diff:+.{self.spec.digits}f}{self.spec.unit_suffix}"


def metric_changes(a: Answer, b: Answer) -> list[MetricChange]:
    """Every number either take has, from A to B. A measure with a sub-score is judged better or worse by
    that score (which weighs all of it), so "Pauses" and "Pauses score" never disagree on one page."""
    ma, mb = a.metrics or {}, b.metrics or {}
    changes = []
    for spec in COMPARE_METRICS + SUB_SCORES:
        va, vb = ma.get(spec.key), mb.get(spec.key)
        if va is None and vb is None:
            continue
        judge = BY_KEY.get(spec.judged_by)
        judged = (ma.get(judge.key), mb.get(judge.key)) if judge is not None else (None, None)
        if judge is None or judged == (None, None):
            changes.append(MetricChange(spec, va, vb, spec.verdict(va, vb)))
        else:
            changes.append(MetricChange(spec, va, vb, judge.verdict(*judged), judge, judged))
    return changes


def comparable_prompts() -> list:
    """Prompts with at least two finished takes: one grouped query, whatever the number of answers."""
    return db.session.execute(
        db.select(Answer.prompt_key, db.func.max(Answer.prompt_text).label("prompt_text"),
                  db.func.max(Answer.kind).label("kind"), db.func.count(Answer.id).label("takes"),
                  db.func.max(Answer.created_at).label("latest"))
        .where(Answer.status == AnswerStatus.DONE).group_by(Answer.prompt_key).having(db.func.count(Answer.id) >= 2)
        .order_by(db.func.max(Answer.created_at).desc())).all()


def _take_id(field: str) -> int | None:
    return optional_int(request.args, field, f"'{field}' must be an answer number.")


@bp.get("/compare")
def compare_page():
    prompt_key = request.args.get("prompt", "").strip()
    if not prompt_key:
        return render_template("compare/index.html", prompts=comparable_prompts())
    takes = db.session.execute(db.select(Answer.id, Answer.created_at, Answer.overall_score, Answer.metrics)
                               .where(Answer.prompt_key == prompt_key, Answer.status == AnswerStatus.DONE)
                               .order_by(Answer.created_at, Answer.id)).all()
    if len(takes) < 2:
        raise UserError("This question needs two finished takes before they can be compared.", 404)
    ids = [t.id for t in takes]
    scored = [t.id for t in takes if passed_quality(t.metrics)]
    default = scored if len(scored) >= 2 else ids  # a take that failed the quality gate has nothing to compare
    a_id, b_id = _take_id("a") or default[-2], _take_id("b") or default[-1]
    if a_id not in ids or b_id not in ids:
        raise UserError("Both takes must be answers to this question.", 404)
    a, b = db.session.get(Answer, a_id), db.session.get(Answer, b_id)
    return render_template("compare/compare.html", prompt_key=prompt_key, prompt_text=b.prompt_text, takes=takes,
                           a=a, b=b, changes=metric_changes(a, b))
