"""The interviewer's and caller's lines as audio files, rendered on the server so every browser can play them."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, send_file

from practice import sittings
from practice.catalog import KINDS
from practice.extensions import db
from practice.models import Rehearsal
from practice.prompts import find_prompt
from practice.speech import voice
from practice.errors import UserError

bp = Blueprint("voice", __name__, url_prefix="/voice")

# A line's audio never changes for its URL's text; an edited question gets a new file name in the cache.
CACHE_SECONDS = 3600


def band_for(kind: str) -> str:
    """Lines of a kind rehearsed as a phone call go through the telephone band."""
    return "phone" if KINDS[kind].on_the_phone else "clear"


@bp.get("/prompts/<key>.wav")
def prompt_line(key: str):
    prompt = find_prompt(key)
    if prompt is None:
        abort(404)
    return _spoken(prompt.text, band_for(prompt.kind))


@bp.get("/rehearsals/<int:rehearsal_id>/turns/<int:turn>.wav")
def turn_line(rehearsal_id: int, turn: int):
    rehearsal = db.get_or_404(Rehearsal, rehearsal_id)
    steps = sittings.plan(rehearsal.kind, rehearsal.id, rehearsal.scenario_key)
    if turn >= len(steps) or not steps[turn].speak:
        abort(404)
    return _spoken(steps[turn].speak, band_for(rehearsal.kind))


def _spoken(text: str, band: str):
    try:
        line = voice.render_line(text, band=band, cache_dir=cache_dir())
    except voice.VoiceUnavailable as error:
        current_app.logger.warning("server voice unavailable: %s", error)
        raise UserError("The server voice is not available; your browser's voice is used instead.", 503) from error
    response = send_file(line.path, mimetype="audio/wav", conditional=True, max_age=CACHE_SECONDS)
    response.headers["X-Render-Seconds"] = "cached" if line.render_s is None else f"{line.render_s:.2f}"
    return response


def cache_dir() -> Path:
    return Path(current_app.instance_path) / "voice"
