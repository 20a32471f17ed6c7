"""Streamed answers: open one, post its PCM chunks by sequence number while recording, stop it."""
from __future__ import annotations

import logging
import uuid
from functools import partial

from flask import Blueprint, Flask, current_app, jsonify, request, url_for

from practice import chunks, jobs, storage, streaming
from practice.analysis import Streamed
from practice.audio.activity import Activity
from practice.audio.pcm import Pcm
from practice.audio.pitch import PitchStats
from practice.audio.report import Signal, measure_signal
from practice.audio.take import check_take
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Rehearsal
from practice.prompts import resolve_prompt
from practice.speech.transcript import Transcript
from practice.status import AnswerStatus
from practice.web.api import answer_json
from practice.web.forms import optional_int

log = logging.getLogger(__name__)

bp = Blueprint("streams", __name__, url_prefix="/api")

# The browser posts every 1-2 s; 10 s of audio per chunk is far more than any client sends.
MAX_CHUNK_S = 10.0
RECORDING = AnswerStatus.RECORDING


def register(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.post("/streams")
def open_stream():
    """Create the answer as 'recording' before any audio arrives, so nothing that arrives can be lost."""
    prompt_key = request.form.get("prompt_id", "").strip()
    if not prompt_key:
        raise UserError("Say which question this answers: the form field 'prompt_id' is missing.", 400)
    prompt = resolve_prompt(prompt_key)
    if request.form.get("sample_rate", str(chunks.RATE_HZ)) != str(chunks.RATE_HZ):
        raise UserError(f"Streamed audio must be {chunks.RATE_HZ} Hz mono 16-bit PCM.", 415)
    rehearsal_id = _form_int("rehearsal_id")
    if rehearsal_id is not None and db.session.get(Rehearsal, rehearsal_id) is None:
        raise UserError(f"There is no rehearsal with the id {rehearsal_id}; start the sitting again.", 400)
    filename = f"{uuid.uuid4().hex}.wav"
    directory = chunks.chunk_dir_for(storage.recording_path(filename))
    chunks.create(directory)
    answer = Answer(prompt_key=prompt.key, prompt_text=prompt.text, kind=prompt.kind, script=prompt.script,
                    audio_filename=filename, audio_format="wav", audio_bytes=0, rehearsal_id=rehearsal_id,
                    turn_index=_form_int("turn_index"), status=RECORDING)
    db.session.add(answer)
    db.session.commit()
    streaming.hub().session(answer.id, directory)
    response = jsonify({**answer_json(answer), **_urls(answer)})
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_answer", answer_id=answer.id)
    return response


@bp.post("/answers/<int:answer_id>/chunks/<int:seq>")
def post_chunk(answer_id: int, seq: int):
    """Store one chunk; sending the same chunk again is harmless, so the browser may retry freely."""
    answer = db.get_or_404(Answer, answer_id)
    directory = chunk_dir(answer)
    data = request.get_data(cache=False)
    if len(data) == 0 or len(data) % chunks.SAMPLE_BYTES:
        raise UserError("A chunk must be 16-bit mono PCM: a non-empty, even number of bytes.", 400)
    if chunks.bytes_to_s(len(data)) > MAX_CHUNK_S:
        raise UserError(f"A chunk may hold at most {MAX_CHUNK_S:g} s of audio.", 413)
    if answer.status != RECORDING:  # a late retry: the recording was already joined at Stop
        return jsonify({"stored": False, "status": answer.status}), 200
    max_s = current_app.config["MAX_DURATION_S"]
    total_s = chunks.bytes_to_s(chunks.stored_bytes(directory) + len(data))
    if chunks.read_chunk(directory, seq) is None and total_s > max_s:
        raise UserError(f"The answer is longer than the {max_s / 60:g}-minute limit; press Stop.", 413)
    try:
        stored = chunks.save_chunk(directory, seq, data)
    except chunks.ChunkConflict:
        raise UserError(f"Chunk {seq} already arrived with different audio.", 409) from None
    session = streaming.hub().session(answer.id, directory)
    streaming.hub().chunk_stored(session)
    return jsonify({"stored": stored, "status": answer.status, "live": session.live()})


@bp.post("/answers/<int:answer_id>/stop")
def stop_stream(answer_id: int):
    """Join the chunks into the kept recording, then analyse it with the words decoded while recording.

    With 'chunks' (how many were sent) a gap is refused with the missing numbers, so the browser resends
    them; without it, whatever arrived is the answer (finishing a take left by a closed tab).
    """
    answer = db.get_or_404(Answer, answer_id)
    if answer.status != RECORDING:
        return jsonify(answer_json(answer)), 202  # a retried Stop
    directory = chunk_dir(answer)
    count = _form_int("chunks")
    if count is not None:
        gaps = chunks.missing(directory, count)
        if gaps:
            return jsonify({"error": f"{len(gaps)} chunk(s) have not arrived yet; send them again.",
                            "missing": gaps, "status": 409}), 409
    stored_samples = chunks.stored_bytes(directory) // chunks.SAMPLE_BYTES
    if stored_samples == 0:
        raise UserError("No audio arrived for this answer. Record again.", 422)
    session = streaming.hub().get(answer.id)
    # The last segment starts decoding before the take is joined; a live session holds the take's samples already,
    # so the 200 chunk files of a 5-minute take are read back only after a restart.
    tracked = streaming.hub().tracks_at_stop(session, stored_samples) if session is not None else None
    pcm = session.whole(stored_samples) if session is not None else None
    if pcm is None:
        pcm = Pcm.from_int16_bytes(chunks.joined_bytes(directory), chunks.RATE_HZ)
    voice, pitch, samples_f64 = (tracked if tracked is not None and len(pcm.samples) == stored_samples
                                 else (None, None, None))
    take = check_take(pcm, voice, samples_f64=samples_f64)
    if not take.ok:
        discard_take(answer)
        raise UserError(take.message, 422)
    finish_recording(answer, pcm, _signal(pcm, take.activity, pitch))
    return jsonify(answer_json(answer)), 202


def finish_recording(answer: Answer, pcm: Pcm | None = None, signal: Signal | None = None) -> None:
    """Keep the full answer as one WAV, queue its analysis, and only then drop the chunks.

    pcm and signal: the joined audio and its signal measures, already made at Stop; the analysis of a live
    session starts from them instead of reading the WAV again.
    """
    directory = chunk_dir(answer)
    recording = storage.recording_path(answer.audio_filename)
    session = streaming.hub().get(answer.id)
    answer.audio_bytes = chunks.join_to_wav(directory, recording)
    answer.status = AnswerStatus.QUEUED
    db.session.commit()
    if session is not None:
        streaming.hub().stop(session, partial(_analyse_streamed, pcm=pcm, signal=signal))
    else:
        jobs.runner().submit(answer.id)
    chunks.remove(directory)


def discard_take(answer: Answer) -> None:
    """A take with no speech, or too little to score, is not kept as an answer, as with an upload."""
    streaming.hub().drop(answer.id)
    chunks.remove(chunk_dir(answer))
    db.session.delete(answer)
    db.session.commit()


def _analyse_streamed(answer_id: int, transcript: Transcript | None, streamed_asr_s: float, *,
                      pcm: Pcm | None, signal: Signal | None) -> None:
    """The words decoded while recording go into the same analysis an upload gets; None: decode the file."""
    jobs.run_guarded(answer_id, None if transcript is None else Streamed(transcript, streamed_asr_s, pcm, signal))


def _signal(pcm: Pcm, activity: Activity | None, pitch: PitchStats | None) -> Signal | None:
    """The signal measures made now, while the last segment decodes, so the analysis after it only adds the words.

    None if they fail: the analysis measures them again, where a failure is recorded on the answer.
    """
    try:
        return measure_signal(pcm, activity, pitch)
    except Exception:  # only a head start; the guarded analysis reports a real fault
        log.exception("measuring the signal at Stop failed")
        return None


def chunk_dir(answer: Answer):
    """Where a streamed answer's chunks wait until Stop joins them into its recording."""
    return chunks.chunk_dir_for(storage.recording_path(answer.audio_filename))


def _urls(answer: Answer) -> dict:
    return {"chunk_url": url_for("streams.post_chunk", answer_id=answer.id, seq=0)[:-1],
            "stop_url": url_for("streams.stop_stream", answer_id=answer.id)}


def _form_int(field: str) -> int | None:
    return optional_int(request.form, field, f"The form field '{field}' must be a whole number.")
