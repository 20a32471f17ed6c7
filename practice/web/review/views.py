"""Past answers: the list, and one answer with playback and its timed transcript."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from practice import chunks, jobs, storage
from practice.audio.scoring import SCORE_TITLES
from practice.catalog import KINDS
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer
from practice.status import AnswerStatus
from practice.web import streams
from practice.web.review.answer_list import list_page, question_choices, read_filters

bp = Blueprint("review", __name__)

AUDIO_MIMETYPES = {
    "webm": "audio/webm", "ogg": "audio/ogg", "mp4": "audio/mp4",
    "wav": "audio/wav", "flac": "audio/flac", "mp3": "audio/mpeg",
}


@bp.get("/answers")
def answer_list():
    number, kind, question = read_filters(request.args)
    return render_template("review/list.html", page=list_page(number, kind, question), kinds=KINDS.values(),
                           questions=question_choices(kind))


@bp.get("/answers/<int:answer_id>")
def answer_page(answer_id: int):
    answer = db.get_or_404(Answer, answer_id)
    arrived_s = None
    if answer.status == AnswerStatus.RECORDING:
        arrived_s = chunks.bytes_to_s(chunks.stored_bytes(streams.chunk_dir(answer)))
    return render_template("review/answer.html", answer=answer, analysis=answer.result, arrived_s=arrived_s,
                           score_titles=SCORE_TITLES)


@bp.post("/answers/<int:answer_id>/finish")
def finish_take(answer_id: int):
    """A take left unfinished (a closed tab, a server restart): analyse the audio that arrived."""
    answer = db.get_or_404(Answer, answer_id)
    if answer.status == AnswerStatus.RECORDING:
        if chunks.stored_bytes(streams.chunk_dir(answer)) == 0:
            raise UserError("No audio arrived for this take, so there is nothing to analyse. Delete it instead.", 422)
        streams.finish_recording(answer)
        flash("Analysing the part of the take that arrived.", "info")
    return redirect(url_for("review.answer_page", answer_id=answer_id))


@bp.post("/answers/<int:answer_id>/analyse")
def analyse_again(answer_id: int):
    """The page's own form, so "Analyse again" works without JavaScript and lands back here."""
    jobs.analyse_again(db.get_or_404(Answer, answer_id))
    flash("Analysing your recording again.", "info")
    return redirect(url_for("review.answer_page", answer_id=answer_id))


@bp.get("/answers/<int:answer_id>/audio")
def answer_audio(answer_id: int):
    """Served by id only; conditional=True gives HTTP range requests, so seeking works."""
    answer = db.get_or_404(Answer, answer_id)
    path = storage.recording_path(answer.audio_filename)
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=AUDIO_MIMETYPES.get(answer.audio_format, "application/octet-stream"),
                     conditional=True, max_age=0)
