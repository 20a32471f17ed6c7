"""Accept one uploaded answer: validate by its bytes, store it atomically, then create its row."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from werkzeug.datastructures import FileStorage

from practice import storage
from practice.errors import UserError
from practice.extensions import db
from practice.audio.take import check_take
from practice.models import Answer
from practice.speech.decode import DecodeError, decode_file, sniff_container
from practice.speech.probe import probe
from practice.status import AnswerStatus

SNIFF_BYTES = 64
# Less than this is a click of the button, not an answer.
MIN_DURATION_S = 0.5
# A microphone records one or two channels; 192 kHz is the highest rate recorders offer.
MAX_CHANNELS = 2
MAX_RATE_HZ = 192_000


@dataclass(frozen=True)
class PromptRef:
    key: str
    text: str
    kind: str
    script: str | None = None


def accept_upload(upload: FileStorage | None, prompt: PromptRef, *, rehearsal_id: int | None = None,
                  turn_index: int | None = None) -> Answer:
    """Reject bad input with a UserError and leave nothing behind; on success the file and row both exist."""
    if upload is None:
        raise UserError("No recording arrived: the form field 'audio' is missing.", 400)
    tmp = storage.write_temp(upload.stream)
    try:
        container = _check_audio(tmp)
        filename = storage.new_filename(container)
        final = storage.commit_file(tmp, filename)
    except BaseException:
        storage.remove_quietly(tmp)
        raise
    try:
        answer = Answer(prompt_key=prompt.key, prompt_text=prompt.text, kind=prompt.kind, script=prompt.script,
                        audio_filename=filename, audio_format=container, audio_bytes=final.stat().st_size,
                        rehearsal_id=rehearsal_id, turn_index=turn_index, status=AnswerStatus.QUEUED)
        db.session.add(answer)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        storage.remove_quietly(final)
        raise
    return answer


def _check_audio(path: Path) -> str:
    size = path.stat().st_size
    if size == 0:
        raise UserError("The recording is empty (0 bytes). Record again and press Stop after speaking.", 400)
    with open(path, "rb") as f:
        container = sniff_container(f.read(SNIFF_BYTES))
    if container is None:
        raise UserError("That file is not audio we can read. Upload a webm, ogg, mp4, wav, flac or mp3 "
                        "recording.", 415)
    _check_format(path)
    max_s = current_app.config["MAX_DURATION_S"]
    try:
        # Decoding a little past the limit is enough to know; a file that expands to hours stops there.
        pcm = decode_file(path, max_duration_s=max_s + 1)
    except DecodeError as exc:
        raise UserError(f"The recording could not be decoded: {exc}", 422) from exc
    if pcm.duration_s > max_s:
        raise UserError(f"The recording is longer than the {_minutes(max_s)} limit. "
                        "Keep answers shorter and record again.", 413)
    if pcm.duration_s < MIN_DURATION_S:
        raise UserError("The recording has no audio in it (under half a second). Record again.", 422)
    take = check_take(pcm)
    if not take.ok:
        raise UserError(take.message, 422)
    return container


def _check_format(path: Path) -> None:
    """Refuse absurd channel counts and sample rates from the header at once: decoding them costs seconds."""
    found = probe(path)
    if found is None:
        return
    if found.channels is not None and found.channels <= MAX_CHANNELS and found.rate_hz <= MAX_RATE_HZ:
        return
    shape = f"{found.channels} channels" if found.channels is not None else f"{found.layout} surround sound"
    raise UserError(f"The recording has {shape} at {found.rate_hz / 1000:g} kHz. Record your answer in mono or "
                    f"stereo at up to {MAX_RATE_HZ // 1000} kHz.", 422)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g}-minute" if seconds >= 60 else f"{seconds:g}-second"
