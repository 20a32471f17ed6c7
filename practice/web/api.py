"""JSON API: upload an answer, poll its analysis, ask for it again."""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify, request, url_for

from practice import jobs, streaming
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Rehearsal
from practice.prompts import resolve_prompt
from practice.uploads import accept_upload
from practice.web.forms import optional_int

bp = Blueprint("api", __name__, url_prefix="/api")


def register(app: Flask) -> None:
    app.register_blueprint(bp)


def answer_json(answer: Answer) -> dict:
    body = {
        "id": answer.id,
        "status": answer.status,
        "url": url_for("api.get_answer", answer_id=answer.id),
        "review_url": url_for("review.answer_page", answer_id=answer.id),
        "prompt_key": answer.prompt_key,
        "kind": answer.kind,
    }
    if answer.error:
        body["error"] = answer.error
    if answer.result is not None:
        body["analysis"] = answer.result.to_dict()
        body["metrics"] = answer.metrics
    session = streaming.hub().get(answer.id)
    if session is not None:
        body["live"] = session.live()
    return body


@bp.post("/answers")
def create_answer():
    prompt_key = request.form.get("prompt_id", "").strip()
    if not prompt_key:
        raise UserError("Say which question this answers: the form field 'prompt_id' is missing.", 400)
    prompt = resolve_prompt(prompt_key)
    rehearsal_id = _form_int("rehearsal_id")
    if rehearsal_id is not None and db.session.get(Rehearsal, rehearsal_id) is None:
        raise UserError(f"There is no rehearsal with the id {rehearsal_id}; start the sitting again.", 400)
    turn_index = _form_int("turn_index")
    answer = accept_upload(request.files.get("audio"), prompt, rehearsal_id=rehearsal_id, turn_index=turn_index)
    jobs.runner().submit(answer.id)
    response = jsonify(answer_json(answer))
    response.status_code = 202
    response.headers["Location"] = url_for("api.get_answer", answer_id=answer.id)
    return response


@bp.get("/answers/<int:answer_id>")
def get_answer(answer_id: int):
    return jsonify(answer_json(db.get_or_404(Answer, answer_id)))


@bp.post("/answers/<int:answer_id>/analyse")
def analyse_again(answer_id: int):
    answer = jobs.analyse_again(db.get_or_404(Answer, answer_id))
    return jsonify(answer_json(answer)), 202


def _form_int(field: str) -> int | None:
    return optional_int(request.form, field, f"The form field '{field}' must be a whole number.")
