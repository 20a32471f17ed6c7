"""Runs analyse() for an answer id off the request thread, in a bounded in-process pool."""
from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app

from practice import storage
from practice.analysis import analyse
from practice.checks.apply import kind_metrics, kind_results
from practice.extensions import db
from practice.models import Answer, utc_now
from practice.errors import UserError

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
            try:
                run_analysis(answer_id)
            except Exception as exc:  # the pool thread must survive anything one answer does
                log.exception("analysis of answer %s crashed", answer_id)
                db.session.rollback()
                mark_failed(answer_id, exc)
            finally:
                db.session.remove()


def run_analysis(answer_id: int) -> None:
    """Analyse one answer and store the result; a failure is recorded, the file always stays."""
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.status == "done":
        return
    answer.status = "running"
    answer.attempts += 1
    db.session.commit()
    config = current_app.config
    try:
        result = analyse(storage.recording_path(answer.audio_filename), script=answer.script,
                         transcriber=config.get("TRANSCRIBER"),
                         model=config["ASR_MODEL"], engine=config["ASR_ENGINE"],
                         cpu_threads=config["ASR_THREADS"])
    except Exception as exc:
        log.warning("analysis of answer %s failed: %s", answer_id, exc)
        answer.status = "failed"
        answer.error = failure_message(exc)
    else:
        analysis = result.to_dict()
        extra = kind_results(answer, analysis)
        answer.analysis = {**analysis, **extra}
        answer.metrics = {**result.headline(), **kind_metrics(extra)}
        answer.overall_score = answer.metrics.get("overall")
        answer.duration_s = result.duration_s
        answer.status = "done"
        answer.error = None
    answer.finished_at = utc_now()
    db.session.commit()


def mark_failed(answer_id: int, exc: Exception) -> None:
    """Record a crash outside analyse() (e.g. saving the result) so the answer never stays 'running'."""
    try:
        answer = db.session.get(Answer, answer_id)
        if answer is not None and answer.status != "done":
            answer.status = "failed"
            answer.error = failure_message(exc)
            answer.finished_at = utc_now()
            db.session.commit()
    except Exception:
        log.exception("could not mark answer %s failed", answer_id)
        db.session.rollback()


def failure_message(exc: Exception) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return f"The analysis could not finish: {text}. Your recording is kept; try “Analyse again”."


# An answer that was running this many times when the server died is probably what killed it.
MAX_ATTEMPTS_AFTER_CRASH = 3
CRASH_LOOP_MESSAGE = ("The analysis stopped the server {attempts} times, so it was not tried again. "
                      "Your recording is kept; try “Analyse again” or record a shorter answer.")


def analyse_again(answer: Answer) -> Answer:
    """Queue a finished answer for a fresh analysis from its kept recording."""
    if answer.status in ("queued", "running"):
        raise UserError("This answer is already being analysed.", 409)
    answer.status = "queued"
    answer.error = None
    db.session.commit()
    runner().submit(answer.id)
    return answer


def requeue_unfinished(runner: JobRunner) -> list[int]:
    """Answers left queued or running by a stopped server are analysed again at start, unless they crash-loop."""
    answers = db.session.scalars(db.select(Answer).where(Answer.status.in_(("queued", "running")))
                                 .order_by(Answer.id)).all()
    requeued = []
    for answer in answers:
        if answer.status == "running" and answer.attempts >= MAX_ATTEMPTS_AFTER_CRASH:
            answer.status = "failed"
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
