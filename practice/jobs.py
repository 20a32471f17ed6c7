"""Runs analyse() for an answer id off the request thread, in a bounded in-process pool."""
from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app

from practice import sittings, storage
from practice.catalog import SCENARIO_KINDS
from practice.analysis import Analysis, Streamed, analyse_with
from practice.checks.apply import kind_results
from practice.content import check_answer
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Rehearsal, utc_now
from practice.speech.decode import DecodeError
from practice.status import BUSY, AnswerStatus

log = logging.getLogger(__name__)


class JobRunner:
    """The same interface an RQ-backed runner would offer: submit(answer_id) and nothing else."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=app.config["ANALYSIS_WORKERS"],
                                           thread_name_prefix="analysis")

    def submit(self, answer_id: int) -> Future:
        return self.executor.submit(self._run, answer_id)

    def _run(self, answer_id: int) -> None:
        with self.app.app_context():
            run_guarded(answer_id)


def run_guarded(answer_id: int, streamed: Streamed | None = None) -> None:
    """run_analysis() that never raises: a crash is recorded on the answer (needs an app context)."""
    try:
        run_analysis(answer_id, streamed)
    except Exception as exc:  # the pool thread must survive anything one answer does
        log.exception("analysis of answer %s crashed", answer_id)
        db.session.rollback()
        mark_failed(answer_id, exc)
    finally:
        db.session.remove()


def run_analysis(answer_id: int, streamed: Streamed | None = None) -> None:
    """Analyse one answer and store the result; a failure is recorded, the file always stays.

    A streamed answer brings the transcript decoded while it was recorded and its audio; the rest is the same.
    """
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.status == AnswerStatus.DONE:
        return
    answer.status = AnswerStatus.RUNNING
    answer.attempts += 1
    db.session.commit()
    try:
        path = storage.recording_path(answer.audio_filename)
        if not path.is_file():
            raise FileNotFoundError(path)
        result = analyse_with(current_app.config, path, script=answer.script, streamed=streamed)
    except Exception as exc:
        log.warning("analysis of answer %s failed: %s", answer_id, exc)
        answer.status = AnswerStatus.FAILED
        answer.error = failure_message(exc)
    else:
        result = result.with_kind_results(**kind_results(answer.prompt_key, answer.kind, result,
                                                         _call_turns(answer, result)))
        result = result.with_content(check_answer(answer.prompt_key, result.transcript,
                                                  duration_s=result.duration_s, turn_index=answer.turn_index))
        answer.analysis = result.to_dict()
        answer.metrics = result.headline()
        answer.overall_score = answer.metrics.get("overall")
        answer.duration_s = result.duration_s
        answer.status = AnswerStatus.DONE
        answer.error = None
    answer.finished_at = utc_now()
    if answer.rehearsal is not None:
        _finish_if_complete(answer.rehearsal)  # in the answer's own commit, so a poller sees both at once
    db.session.commit()
    if answer.rehearsal_id is not None:
        finish_sitting(answer.rehearsal_id)  # again, for a turn that another worker finished meanwhile


def _call_turns(answer: Answer, result: Analysis) -> list[Analysis | None]:
    """Every turn of this answer's mock call, newest analysed take each, this answer's new result in its place."""
    if answer.kind not in SCENARIO_KINDS or answer.rehearsal is None:
        return []
    summary = sittings.summarise(answer.rehearsal)
    return [result if row.step.index == answer.turn_index
            else (row.answer.result if row.answer is not None and row.answer.status == AnswerStatus.DONE else None)
            for row in summary.rows]


def finish_sitting(rehearsal_id: int) -> None:
    """When a sitting's last turn is analysed: mark it finished and give every turn the call's QA percentage.

    Run after each answer's own commit, so of two turns finishing together the later one sees both.
    """
    rehearsal = db.session.get(Rehearsal, rehearsal_id)
    if rehearsal is None:
        return
    db.session.refresh(rehearsal)
    if _finish_if_complete(rehearsal):
        db.session.commit()


def _finish_if_complete(rehearsal: Rehearsal) -> bool:
    summary = sittings.summarise(rehearsal)
    if not summary.complete:
        return False
    rehearsal.finished_at = rehearsal.finished_at or utc_now()
    if summary.call is not None:
        store_qa_percent([row.answer for row in summary.rows], summary.call.score_pct)
    return True


def store_qa_percent(answers, qa_percent: float) -> None:
    """Put the call's QA percentage into each answer's metrics (a new dict, so the JSON column saves)."""
    for answer in answers:
        if answer.metrics is not None and answer.metrics.get("qa_percent") != qa_percent:
            answer.metrics = {**answer.metrics, "qa_percent": qa_percent}


def mark_failed(answer_id: int, exc: Exception) -> None:
    """Record a crash outside analyse() (e.g. saving the result) so the answer never stays 'running'."""
    try:
        answer = db.session.get(Answer, answer_id)
        if answer is not None and answer.status != AnswerStatus.DONE:
            answer.status = AnswerStatus.FAILED
            answer.error = failure_message(exc)
            answer.finished_at = utc_now()
            db.session.commit()
    except Exception:
        log.exception("could not mark answer %s failed", answer_id)
        db.session.rollback()


def failure_message(exc: Exception) -> str:
    """One plain sentence or two; "Analyse again" is offered only when it can help."""
    if isinstance(exc, FileNotFoundError):
        return MISSING_RECORDING
    text = (str(exc).strip() or exc.__class__.__name__).rstrip(".")
    if isinstance(exc, DecodeError):
        return f"{text}. The file is kept in the recordings folder."
    return f"The analysis could not finish: {text}. Your recording is kept; try “Analyse again”."


MISSING_RECORDING = ("The recording file is no longer in the recordings folder, so this answer cannot be analysed. "
                     "Record it again.")


# An answer that was running this many times when the server died is probably what killed it.
MAX_ATTEMPTS_AFTER_CRASH = 3
CRASH_LOOP_MESSAGE = ("The analysis stopped the server {attempts} times, so it was not tried again. "
                      "Your recording is kept; try “Analyse again” or record a shorter answer.")


def analyse_again(answer: Answer) -> Answer:
    """Queue a finished answer for a fresh analysis from its kept recording."""
    if answer.status in BUSY:
        raise UserError("This answer is already being analysed.", 409)
    if answer.status == AnswerStatus.RECORDING:
        raise UserError("This take is still being recorded or was not finished: finish it first.", 409)
    answer.status = AnswerStatus.QUEUED
    answer.error = None
    db.session.commit()
    runner().submit(answer.id)
    return answer


def requeue_unfinished(runner: JobRunner) -> list[int]:
    """Answers left queued or running by a stopped server are analysed again at start, unless they crash-loop."""
    answers = db.session.scalars(db.select(Answer).where(Answer.status.in_(BUSY))
                                 .order_by(Answer.id)).all()
    requeued = []
    for answer in answers:
        if answer.status == AnswerStatus.RUNNING and answer.attempts >= MAX_ATTEMPTS_AFTER_CRASH:
            answer.status = AnswerStatus.FAILED
            answer.error = CRASH_LOOP_MESSAGE.format(attempts=answer.attempts)
            answer.finished_at = utc_now()
        else:
            requeued.append(answer.id)
    db.session.commit()
    for answer_id in requeued:
        runner.submit(answer_id)
    return requeued


def init_app(app: Flask) -> None:
    """Only a pool that answers submit(); nothing is queued here (see recover_after_restart)."""
    app.extensions["practice.jobs"] = JobRunner(app)


def recover_after_restart(app: Flask, started_at_s: float) -> list[int]:
    """The serving process's start-up: sweep what a killed server left, then re-queue its unfinished answers."""
    if not db.inspect(db.engine).has_table("answer"):
        return []
    storage.sweep_leftovers(set(db.session.scalars(db.select(Answer.audio_filename))), started_at_s)
    return requeue_unfinished(app.extensions["practice.jobs"])


def runner() -> JobRunner:
    return current_app.extensions["practice.jobs"]
