"""Progress over time from the small `metrics` column only, so the page stays fast with years of answers."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean

from flask import Blueprint, render_template, request

from practice.catalog import KINDS
from practice.charts import Point, line_chart
from practice.errors import UserError
from practice.extensions import db
from practice.measures import PROGRESS_METRICS, Measure, passed_quality
from practice.models import Answer, utc_now
from practice.status import AnswerStatus

bp = Blueprint("progress", __name__)

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Row:
    """The three columns progress needs from an answer; never the whole analysis."""

    id: int
    created_at: datetime
    metrics: dict


@dataclass(frozen=True)
class Chart:
    spec: Measure
    svg: str
    days: list[tuple[date, float, int]]  # day, mean shown value, answers that day


@dataclass(frozen=True)
class Best:
    spec: Measure
    value: float
    answer_id: int
    created_at: datetime


@dataclass(frozen=True)
class WeekChange:
    spec: Measure
    last: float | None
    before: float | None
    verdict: str


def load_rows(kind: str | None) -> list[Row]:
    """One query, three narrow columns, oldest first; takes that failed the quality gate say nothing about progress."""
    query = (db.select(Answer.id, Answer.created_at, Answer.metrics)
             .where(Answer.status == AnswerStatus.DONE, Answer.metrics.is_not(None))
             .order_by(Answer.created_at, Answer.id))
    if kind:
        query = query.where(Answer.kind == kind)
    return [Row(*r) for r in db.session.execute(query) if passed_quality(r.metrics)]


def values_of(rows: list[Row], spec: Measure) -> list[tuple[Row, float]]:
    return [(r, r.metrics[spec.key]) for r in rows if r.metrics.get(spec.key) is not None]


def daily_means(dated_values, spec: Measure) -> tuple[list[tuple[date, float, int]], list[Point]]:
    """One dot per day keeps a chart readable and its size independent of the answer count."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for created_at, value in dated_values:
        by_day[created_at.date()].append(spec.display(value))
    days = [(day, fmean(vals), len(vals)) for day, vals in sorted(by_day.items())]
    points = [Point(day, mean, f"{day.strftime('%d %b %Y')}: {mean:.{spec.digits}f}{spec.unit_suffix}"
                    f" ({count} answer{'s' if count != 1 else ''})") for day, mean, count in days]
    return days, points


def build_chart(rows: list[Row], spec: Measure) -> Chart:
    days, points = daily_means(((row.created_at, value) for row, value in values_of(rows, spec)), spec)
    band = None
    if spec.band and spec.better == "band":
        band = spec.band
    desc = (f"{spec.title} per day, {len(points)} days." if points else f"No answers with a {spec.title.lower()} yet.")
    if spec.better != "band":
        desc += f" {spec.better.capitalize()} is better."
    else:
        desc += f" The shaded band is the target, {spec.band[0]:.0f} to {spec.band[1]:.0f} {spec.unit}."
    svg = line_chart(points, chart_id=f"chart-{spec.key.replace('_', '-')}", title=f"{spec.title} over time",
                     desc=desc, band=band, bounds=spec.bounds)
    return Chart(spec, svg, days)


def personal_bests(rows: list[Row]) -> list[Best]:
    bests = []
    for spec in PROGRESS_METRICS:
        found = values_of(rows, spec)
        if found:
            row, value = max(found, key=lambda rv: (spec.score(rv[1]), rv[0].created_at))
            bests.append(Best(spec, value, row.id, row.created_at))
    return bests


def week_changes(rows: list[Row], now: datetime) -> tuple[list[WeekChange], int, int]:
    """The last 7 days against the 7 before: mean of each metric, and whether it got better."""
    last = [r for r in rows if r.created_at >= now - WEEK]
    before = [r for r in rows if now - 2 * WEEK <= r.created_at < now - WEEK]
    changes = []
    for spec in PROGRESS_METRICS:
        mean_last = _mean(values_of(last, spec))
        mean_before = _mean(values_of(before, spec))
        if mean_last is not None or mean_before is not None:
            changes.append(WeekChange(spec, mean_last, mean_before, spec.verdict(mean_before, mean_last)))
    return changes, len(last), len(before)


def _mean(found: list[tuple[Row, float]]) -> float | None:
    return fmean(v for _, v in found) if found else None


@bp.get("/progress")
def progress_page():
    kind = request.args.get("kind", "").strip() or None
    if kind is not None and kind not in KINDS:
        raise UserError(f"There is no rehearsal kind called '{kind}'.", 404)
    rows = load_rows(kind)
    changes, last_count, before_count = week_changes(rows, utc_now())
    return render_template("progress/progress.html", kinds=KINDS.values(), kind=kind, answer_count=len(rows),
                           charts=[build_chart(rows, spec) for spec in PROGRESS_METRICS],
                           bests=personal_bests(rows), changes=changes, last_count=last_count,
                           before_count=before_count)
