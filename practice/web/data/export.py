"""Everything the user stored, as JSON and CSV; small files are built whole in a private temp file, then sent."""
from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from practice.extensions import db
from practice.measures import HEADLINE
from practice.models import Answer, Application, CustomPrompt, Rehearsal, Tip, utc_now

ANSWER_COLUMNS = ("id", "created_at", "finished_at", "kind", "prompt_key", "prompt_text", "status", "duration_s",
                  "overall_score", "audio_filename", "audio_format", "audio_bytes", "rehearsal_id", "turn_index")
METRIC_COLUMNS = tuple(m.key for m in HEADLINE)
TIP_COLUMNS = ("tip_id", "company", "interview_date", "milestone", "outcome", "tip", "skills", "worked_on",
               "logged_at")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH_ROWS = 200
# An exported answer's columns, script and JSON punctuation besides its analysis and metrics.
ANSWER_OVERHEAD_BYTES = 1024


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _answer_dict(answer: Answer, with_analysis: bool = True) -> dict:
    data = {column: _plain(getattr(answer, column)) for column in ANSWER_COLUMNS}
    data["script"] = answer.script
    data["metrics"] = answer.metrics
    if with_analysis:
        data["analysis"] = answer.analysis
    return data


def _application_dict(application: Application) -> dict:
    return {
        "id": application.id, "company": application.company, "furthest_milestone": application.furthest_milestone,
        "outcome": application.outcome, "created_at": _plain(application.created_at),
        "interviews": [{
            "id": i.id, "held_on": _plain(i.held_on), "milestone": i.milestone, "outcome": i.outcome,
            "created_at": _plain(i.created_at),
            "tips": [{"id": t.id, "text": t.text, "skills": t.skills, "worked_on": t.worked_on,
                      "created_at": _plain(t.created_at)} for t in i.tips],
        } for i in application.interviews],
    }


def export_json() -> Iterator[str]:
    """Read in batches so a large history never sits in memory; "end" (the counts) comes last, so a cut-off file
    is invalid JSON and a whole one can be checked."""
    yield '{"format": "practice-export-1", "exported_at": ' + json.dumps(_plain(utc_now())) + ',\n"answers": ['
    answer_count = 0
    for answer in db.session.scalars(db.select(Answer).order_by(Answer.id).execution_options(yield_per=BATCH_ROWS)):
        yield ("" if answer_count == 0 else ",\n") + json.dumps(_answer_dict(answer))
        answer_count += 1
    rehearsals = db.session.scalars(db.select(Rehearsal).order_by(Rehearsal.id)).all()
    yield '],\n"rehearsals": ' + json.dumps([
        {"id": r.id, "kind": r.kind, "scenario_key": r.scenario_key, "created_at": _plain(r.created_at),
         "finished_at": _plain(r.finished_at)} for r in rehearsals])
    applications = db.session.scalars(db.select(Application).order_by(Application.id)).unique().all()
    yield ',\n"applications": ' + json.dumps([_application_dict(a) for a in applications])
    questions = db.session.scalars(db.select(CustomPrompt).order_by(CustomPrompt.id)).all()
    yield ',\n"own_questions": ' + json.dumps([
        {"key": q.key, "kind": q.kind, "text": q.text, "company": q.company, "target_s": q.target_s,
         "skills": q.skills, "points": q.points or [], "model_answer": q.model_answer,
         "created_at": _plain(q.created_at)} for q in questions])
    counts = {"answers": answer_count, "rehearsals": len(rehearsals), "applications": len(applications),
              "own_questions": len(questions)}
    yield ',\n"end": ' + json.dumps(counts) + "}\n"


def export_json_size_estimate_bytes() -> int:
    """Close enough to decide between building whole and streaming, without building."""
    row = db.session.execute(db.select(
        db.func.count(Answer.id),
        db.func.coalesce(db.func.sum(db.func.length(Answer.analysis) + db.func.length(Answer.metrics)), 0))).one()
    return row[0] * ANSWER_OVERHEAD_BYTES + row[1]


def safe_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else _plain(value)


def _csv_lines(header, rows) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def answers_csv() -> Iterator[str]:
    """One row per answer with its headline numbers; the full analysis is in the JSON export."""
    query = (db.select(Answer).options(db.defer(Answer.analysis)).order_by(Answer.id)
             .execution_options(yield_per=BATCH_ROWS))
    rows = ([_plain(getattr(a, c)) for c in ANSWER_COLUMNS] + [(a.metrics or {}).get(m) for m in METRIC_COLUMNS]
            for a in db.session.scalars(query))
    yield from _csv_lines(ANSWER_COLUMNS + METRIC_COLUMNS, rows)  # a generator: the query runs while streaming


def tips_csv() -> Iterator[str]:
    tips = db.session.scalars(db.select(Tip).order_by(Tip.id)).unique().all()
    rows = ([t.id, t.interview.application.company, t.interview.held_on, t.interview.milestone, t.interview.outcome,
             t.text, " ".join(t.skills or []), t.worked_on, t.created_at] for t in tips)
    yield from _csv_lines(TIP_COLUMNS, rows)


def built(chunks: Iterable[str | bytes]) -> tempfile.SpooledTemporaryFile:
    """The whole export, read to its end before anything is sent: a failure midway raises instead of truncating."""
    spool = _spool()
    try:
        for chunk in chunks:
            spool.write(chunk.encode() if isinstance(chunk, str) else chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _spool() -> tempfile.SpooledTemporaryFile:
    """In memory up to 32 MB, then an unnamed temp file (created 0600); returned open, send_file closes it."""
    return tempfile.SpooledTemporaryFile(max_size=32 << 20)  # noqa: SIM115
