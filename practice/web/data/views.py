"""Your data: take everything home, or delete one answer or everything, after a confirmation step."""
from __future__ import annotations

from flask import (Blueprint, Response, current_app, flash, redirect, render_template, send_file,
                   stream_with_context, url_for)
from wtforms import StringField
from wtforms.validators import AnyOf

from practice import chunks, storage, streaming
from practice.demo import DEMO_AUDIO_NAME
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Application, CustomPrompt, Interview, Rehearsal, Tip, utc_now
from practice.status import BUSY
from practice.web.data import archive as data_archive
from practice.web.data import export as data_export
from practice.web.errors import error_response
from practice.web.forms import PageForm, stripped
from practice.web.lan.gate import passcode_again

bp = Blueprint("data", __name__, url_prefix="/data")

RECENT_ANSWERS = 15
# Typed on the confirmation page, so "delete everything" is never one slip of the mouse.
CONFIRM_WORD = "DELETE"
EXPORT_FAILED = ("The export could not be finished ({reason}), so nothing was sent. Your data is unchanged. "
                 "Try again; if it keeps failing, the database file may be damaged: copy the instance folder.")


class ConfirmAllForm(PageForm):
    """The word typed on the delete-everything page."""

    confirm = StringField(filters=[stripped], validators=[AnyOf([CONFIRM_WORD])])


def _count(column) -> int:
    return db.session.scalar(db.select(db.func.count(column))) or 0


def _export_failed(name: str, exc: Exception) -> Response:
    current_app.logger.exception("export %s failed", name)
    return error_response(EXPORT_FAILED.format(reason=str(exc) or exc.__class__.__name__), 500)


def _download(build, mimetype: str, name: str) -> Response:
    """Build the whole file first: a failure is an error page, never a 200 with a cut-off file."""
    try:
        export = data_export.built(build())
    except Exception as exc:
        return _export_failed(name, exc)
    response = send_file(export, mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)
    response.content_length = export.seek(0, 2)
    export.seek(0)
    response.headers["Cache-Control"] = "no-store"
    return response


def _stream(chunks, mimetype: str, name: str, length_bytes: int | None = None) -> Response:
    """Too large to build first: sent as it is made. A failure midway cuts the connection before the file's end
    marker (and short of Content-Length when known), so the download is plainly incomplete."""
    response = Response(stream_with_context(_logged(chunks, name)), mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename={name}"
    response.headers["Cache-Control"] = "no-store"
    if length_bytes is not None:
        response.content_length = length_bytes
    return response


def _logged(chunks, name: str):
    try:
        yield from chunks
    except Exception:
        current_app.logger.exception("export %s failed while streaming; the connection is cut", name)
        raise


def _built_whole(size_bytes: int) -> bool:
    return size_bytes <= current_app.config["EXPORT_WHOLE_MAX_BYTES"]


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
    name = f"practice-{_stamp()}.json"
    try:
        whole = _built_whole(data_export.export_json_size_estimate_bytes())
    except Exception as exc:
        return _export_failed(name, exc)
    if whole:
        return _download(data_export.export_json, "application/json", name)
    return _stream(data_export.export_json(), "application/json", name)


@bp.get("/answers.csv")
@passcode_again(return_to="data.data_page")
def export_answers_csv():
    return _download(data_export.answers_csv, "text/csv", f"practice-answers-{_stamp()}.csv")


@bp.get("/tips.csv")
@passcode_again(return_to="data.data_page")
def export_tips_csv():
    return _download(data_export.tips_csv, "text/csv", f"practice-tips-{_stamp()}.csv")


@bp.get("/recordings.zip")
@passcode_again(return_to="data.data_page")
def export_recordings():
    name = f"practice-recordings-{_stamp()}.zip"
    try:
        archive = data_archive.recordings_archive()
    except Exception as exc:
        return _export_failed(name, exc)
    if _built_whole(len(archive)):
        return _download(lambda: archive, "application/zip", name)
    return _stream(archive, "application/zip", name, length_bytes=len(archive))


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
    if not ConfirmAllForm().validate():
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
