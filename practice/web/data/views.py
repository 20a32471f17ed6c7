"""Your data: take everything home, or delete one answer or everything, after a confirmation step."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, send_file, stream_with_context, \
    url_for

from practice import storage
from practice.demo import DEMO_AUDIO_NAME
from practice.extensions import db
from practice.models import Answer, Application, CustomPrompt, Interview, Rehearsal, Tip, utc_now
from practice.web.data import export as data_export
from practice.errors import UserError

bp = Blueprint("data", __name__, url_prefix="/data")

RECENT_ANSWERS = 15
# Typed on the confirmation page, so "delete everything" is never one slip of the mouse.
CONFIRM_WORD = "DELETE"


def _count(column) -> int:
    return db.session.scalar(db.select(db.func.count(column))) or 0


def _download(chunks, mimetype: str, name: str) -> Response:
    response = Response(stream_with_context(chunks), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
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
def export_json():
    return _download(data_export.export_json(), "application/json", f"practice-{_stamp()}.json")


@bp.get("/answers.csv")
def export_answers_csv():
    return _download(data_export.answers_csv(), "text/csv", f"practice-answers-{_stamp()}.csv")


@bp.get("/tips.csv")
def export_tips_csv():
    return _download(data_export.tips_csv(), "text/csv", f"practice-tips-{_stamp()}.csv")


@bp.get("/recordings.zip")
def export_recordings():
    archive, _count_files = data_export.recordings_zip()
    return send_file(archive, mimetype="application/zip", as_attachment=True,
                     download_name=f"practice-recordings-{_stamp()}.zip", max_age=0)


@bp.get("/answers/<int:answer_id>/delete")
def confirm_delete_answer(answer_id: int):
    return render_template("data/confirm_answer.html", answer=db.get_or_404(Answer, answer_id))


@bp.post("/answers/<int:answer_id>/delete")
def delete_answer(answer_id: int):
    answer = db.get_or_404(Answer, answer_id)
    if answer.status in ("queued", "running"):
        raise UserError("This answer is being analysed right now. Wait a moment, then delete it.", 409)
    path = storage.recording_path(answer.audio_filename)
    db.session.delete(answer)
    db.session.commit()
    storage.remove_quietly(path)  # after the commit: a failed commit must not lose the recording
    flash("The answer and its recording were deleted.", "success")
    return redirect(url_for("data.data_page"))


@bp.get("/delete-all")
def confirm_delete_all():
    return render_template("data/confirm_all.html", confirm_word=CONFIRM_WORD,
                           answers=_count(Answer.id), tips=_count(Tip.id), applications=_count(Application.id))


@bp.post("/delete-all")
def delete_all():
    if request.form.get("confirm", "").strip() != CONFIRM_WORD:
        flash(f"Nothing was deleted: type {CONFIRM_WORD} to confirm.", "error")
        return redirect(url_for("data.confirm_delete_all"))
    filenames = db.session.scalars(db.select(Answer.audio_filename)).all()
    for model in (Tip, Interview, Application, Answer, Rehearsal, CustomPrompt):  # children before parents
        db.session.execute(db.delete(model))
    db.session.commit()
    for filename in filenames + [DEMO_AUDIO_NAME]:
        storage.remove_quietly(storage.recording_path(filename))
    flash(f"Everything was deleted: {len(filenames)} answers and their recordings, your notebook and your own "
          "questions.", "success")
    return redirect(url_for("data.data_page"))
