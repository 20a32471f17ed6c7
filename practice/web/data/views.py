"""Your data: take everything home, or delete one answer or everything, after a confirmation step."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, send_file, url_for

from practice import chunks, storage, streaming
from practice.demo import DEMO_AUDIO_NAME
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Application, CustomPrompt, Interview, Rehearsal, Tip, utc_now
from practice.status import BUSY
from practice.web.data import export as data_export
from practice.web.errors import error_response
from practice.web.lan.gate import passcode_again

bp = Blueprint("data", __name__, url_prefix="/data")

RECENT_ANSWERS = 15
# Typed on the confirmation page, so "delete everything" is never one slip of the mouse.
CONFIRM_WORD = "DELETE"
EXPORT_FAILED = ("The export could not be finished ({reason}), so nothing was sent. Your data is unchanged. "
                 "Try again; if it keeps failing, the database file may be damaged: copy the instance folder.")


def _count(column) -> int:
    return db.session.scalar(db.select(db.func.count(column))) or 0


def _download(build, mimetype: str, name: str) -> Response:
    """Build the whole file first: a failure is an error page, never a 200 with a cut-off file."""
    try:
        export = build()
    except Exception as exc:
        current_app.logger.exception("export %s failed", name)
        return error_response(EXPORT_FAILED.format(reason=str(exc) or exc.__class__.__name__), 500)
    response = send_file(export, mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)
    response.content_length = export.seek(0, 2)
    export.seek(0)
    response.headers["Cache-Control"] = "no-store"
    return response


def _stamp() -> str:
    return utc_now().strftime("%Y-%m-%d")


@bp.get("")
def data_page():
    recent = db.session.execute(db.select(Answer.id, Answer.created_at, Answer.prompt_text, Answer.kind, Answer.status)
                                .order_by(Answer.created_at.desc(), Answer.id.desc()).limit(RECENT_ANSWERS)).all()
    counts = {"answers": _count(Answer.id), "tips": _count(Tip.id), "applications": _count(Application.id),
              "recording_bytes": db.session.scalar(db.select(db.func.sum(Answer.audio_bytes))) or 0}
    return render_template("data/data.html", recent=recent, counts=counts)


@bp.get("/export.json")
@passcode_again(return_to="data.data_page")
def export_json():
    return _download(lambda: data_export.built(data_export.export_json()), "application/json",
                     f"practice-{_stamp()}.json")


@bp.get("/answers.csv")
@passcode_again(return_to="data.data_page")
def export_answers_csv():
    return _download(lambda: data_export.built(data_export.answers_csv()), "text/csv",
                     f"practice-answers-{_stamp()}.csv")


@bp.get("/tips.csv")
@passcode_again(return_to="data.data_page")
def export_tips_csv():
    return _download(lambda: data_export.built(data_export.tips_csv()), "text/csv", f"practice-tips-{_stamp()}.csv")


@bp.get("/recordings.zip")
@passcode_again(return_to="data.data_page")
def export_recordings():
    return _download(lambda: data_export.recordings_zip()[0], "application/zip",
                     f"practice-recordings-{_stamp()}.zip")


@bp.get("/answers/<int:answer_id>/delete")
def confirm_delete_answer(answer_id: int):
    return render_template("data/confirm_answer.html", answer=db.get_or_404(Answer, answer_id))


@bp.post("/answers/<int:answer_id>/delete")
def delete_answer(answer_id: int):
    answer = db.get_or_404(Answer, answer_id)
    if answer.status in BUSY:
        raise UserError("This answer is being analysed right now. Wait a moment, then delete it.", 409)
    filename = answer.audio_filename
    with storage.removing([filename]):
        db.session.delete(answer)
        db.session.commit()
    chunks.remove(chunks.chunk_dir_for(storage.recording_path(filename)))  # an unfinished take's audio
    streaming.hub().drop(answer_id)
    flash("The answer and its recording were deleted.", "success")
    return redirect(url_for("data.data_page"))


@bp.get("/delete-all")
@passcode_again()
def confirm_delete_all():
    return render_template("data/confirm_all.html", confirm_word=CONFIRM_WORD,
                           answers=_count(Answer.id), tips=_count(Tip.id), applications=_count(Application.id))


@bp.post("/delete-all")
@passcode_again()
def delete_all():
    if request.form.get("confirm", "").strip() != CONFIRM_WORD:
        flash(f"Nothing was deleted: type {CONFIRM_WORD} to confirm.", "error")
        return redirect(url_for("data.confirm_delete_all"))
    filenames = db.session.scalars(db.select(Answer.audio_filename)).all()
    with storage.removing([*filenames, DEMO_AUDIO_NAME]):
        for model in (Tip, Interview, Application, Answer, Rehearsal, CustomPrompt):  # children before parents
            db.session.execute(db.delete(model))
        db.session.commit()
    for filename in filenames:
        chunks.remove(chunks.chunk_dir_for(storage.recording_path(filename)))
    flash(f"Everything was deleted: {len(filenames)} answers and their recordings, your notebook and your own "
          "questions.", "success")
    return redirect(url_for("data.data_page"))
