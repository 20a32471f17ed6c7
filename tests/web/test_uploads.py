"""Uploads: limits, type by bytes, a plain 4xx for every bad input, and never a file without a row or back."""
from __future__ import annotations

import io
import os
import subprocess
import wave
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice.extensions import db
from practice.models import Answer
from practice.speech.decode import CONTAINERS
from scripts.load_lib.client import multipart
from tests.audio_files import convert, tone, write_wav
from tests.fuzz import examples
from tests.web.helpers import DEFAULT_PROMPT, upload, wait_until_finished

MB = 1024 * 1024


@pytest.fixture(scope="module")
def tone_files(tmp_path_factory) -> dict[str, bytes]:
    """A 3 s tone in every container we accept (over the 2 s of voice a take needs)."""
    folder = tmp_path_factory.mktemp("tones")
    wav = write_wav(folder / "tone.wav", tone(3.0))
    return {fmt: (wav if fmt == "wav" else convert(wav, folder / f"tone.{fmt}")).read_bytes() for fmt in CONTAINERS}


@pytest.fixture(scope="module")
def ten_minute_wav(tmp_path_factory) -> bytes:
    """Just over 10 minutes of 8 kHz 8-bit silence-ish audio: 4.8 MB, well under the size limit."""
    path = tmp_path_factory.mktemp("long") / "long.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(bytes([128, 140]) * (8000 * 602 // 2))
    return path.read_bytes()


def upload_large(client, payload: bytes, filename: str):
    """Like helpers.upload, but with a prebuilt body: the test client leaks a temp file for big form data."""
    body, content_type = multipart({"prompt_id": DEFAULT_PROMPT}, {"audio": (filename, payload)})
    return client.post("/api/answers", data=body, content_type=content_type, headers={"Accept": "application/json"})


def count_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Answer.id)))


def stored_files(app) -> list[str]:
    return sorted(p.name for p in Path(app.config["RECORDINGS_DIR"]).iterdir())


def assert_nothing_stored(app) -> None:
    assert count_rows(app) == 0
    assert stored_files(app) == []


def assert_good_upload_still_analysed(client, tone_files) -> None:
    """The server stays up: after bad input a good answer still goes all the way to done."""
    response = upload(client, tone_files["wav"], filename="answer.wav")
    assert response.status_code == 202, response.get_json()
    assert wait_until_finished(client, response.get_json()["url"])["status"] == "done"


# --- every bad input: a 4xx, a plain message, nothing stored -----------------------------------

BAD_INPUTS = {
    "text renamed .webm": (b"Dear hiring manager, I am writing to apply" * 10, 415, "not audio"),
    "image renamed .webm": (b"\x89PNG\r\n\x1a\n" + bytes(400), 415, "not audio"),
    "jpeg renamed .webm": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(400), 415, "not audio"),
    "empty file": (b"", 400, "empty"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_file_gets_plain_4xx_and_leaves_nothing(client, app, tone_files, name):
    payload, status, message = BAD_INPUTS[name]
    response = upload(client, payload, filename="answer.webm")
    assert response.status_code == status
    assert message in response.get_json()["error"]
    assert_nothing_stored(app)
    assert_good_upload_still_analysed(client, tone_files)


@pytest.mark.parametrize("cut_bytes", [40, 200, 1000])
def test_truncated_webm_is_refused_plainly(client, app, tone_files, cut_bytes):
    response = upload(client, tone_files["webm"][:cut_bytes])
    assert response.status_code == 422
    assert "record" in response.get_json()["error"].lower()
    assert_nothing_stored(app)


@pytest.mark.parametrize("samples", [0, 4000])
def test_zero_length_or_click_length_audio_is_refused(client, app, tmp_path, samples):
    """A valid WAV with no samples, or a quarter second: nothing to analyse."""
    wav = write_wav(tmp_path / "short.wav", tone(samples / 16000))
    response = upload(client, wav, filename="answer.wav")
    assert response.status_code == 422
    assert "record" in response.get_json()["error"].lower()
    assert_nothing_stored(app)


def test_ten_minute_recording_is_refused_with_the_limit_named(client, app, ten_minute_wav):
    response = upload_large(client, ten_minute_wav, filename="answer.wav")
    assert response.status_code == 413
    assert "longer than the 10-minute limit" in response.get_json()["error"]
    assert_nothing_stored(app)


def test_empty_body_is_400(client, app):
    response = client.post("/api/answers", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert "missing" in response.get_json()["error"]
    assert_nothing_stored(app)


def test_missing_audio_field_is_400_and_names_it(client, app):
    response = client.post("/api/answers", data={"prompt_id": DEFAULT_PROMPT})
    assert response.status_code == 400
    assert "'audio'" in response.get_json()["error"]
    assert_nothing_stored(app)


def test_missing_prompt_field_is_400_and_names_it(client, app, tone_files):
    response = client.post("/api/answers", data={"audio": (io.BytesIO(tone_files["wav"]), "a.wav")})
    assert response.status_code == 400
    assert "'prompt_id'" in response.get_json()["error"]
    assert_nothing_stored(app)


class EndlessBody(io.RawIOBase):
    """A request body that would be 200 MB; counts what the server actually read."""

    def __init__(self) -> None:
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"x" * len(buffer)
        self.bytes_read += len(buffer)
        return len(buffer)


def test_200_mb_body_is_refused_413_json_without_reading_it(client, app):
    body = EndlessBody()
    response = client.post("/api/answers", headers={"Accept": "application/json"},
                           environ_overrides={"wsgi.input": body, "CONTENT_LENGTH": str(200 * MB),
                                              "CONTENT_TYPE": "multipart/form-data; boundary=x"})
    assert response.status_code == 413
    assert "25 MiB limit" in response.get_json()["error"]
    assert body.bytes_read < 1 * MB
    assert_nothing_stored(app)


# --- limits are settings ----------------------------------------------------------------------

@pytest.fixture
def small_limits(app_config):
    app_config.update(MAX_CONTENT_LENGTH=1 * MB, MAX_DURATION_S=3)
    return app_config


def test_size_limit_is_configurable(small_limits, app, client, tone_files):
    response = upload_large(client, tone_files["wav"] + bytes(2 * MB), filename="answer.wav")
    assert response.status_code == 413
    assert "1 MiB limit" in response.get_json()["error"]
    assert_nothing_stored(app)


def test_duration_limit_is_configurable(small_limits, app, client, tmp_path):
    response = upload(client, write_wav(tmp_path / "four.wav", tone(4.0)), filename="answer.wav")
    assert response.status_code == 413
    assert "3-second limit" in response.get_json()["error"]
    assert upload(client, write_wav(tmp_path / "three.wav", tone(2.9)), filename="a.wav").status_code == 202


# --- type comes from the bytes ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", CONTAINERS)
def test_every_browser_and_common_format_is_accepted_by_its_bytes(client, app, tone_files, fmt):
    """Named .bin with a made-up type: only the bytes decide."""
    form = {"audio": (io.BytesIO(tone_files[fmt]), "recording.bin", "application/x-made-up"),
            "prompt_id": DEFAULT_PROMPT}
    response = client.post("/api/answers", data=form, content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    with app.app_context():
        answer = db.session.get(Answer, response.get_json()["id"])
        assert answer.audio_format == fmt
        assert answer.audio_filename.endswith(f".{fmt}")
    assert wait_until_finished(client, response.get_json()["url"])["status"] == "done"


def test_claimed_name_and_type_are_ignored(client, app, tone_files):
    form = {"audio": (io.BytesIO(tone_files["webm"]), "../../evil.wav", "audio/wav"), "prompt_id": DEFAULT_PROMPT}
    response = client.post("/api/answers", data=form, content_type="multipart/form-data")
    assert response.status_code == 202
    with app.app_context():
        answer = db.session.get(Answer, response.get_json()["id"])
        assert answer.audio_format == "webm"
        assert "evil" not in answer.audio_filename
    assert stored_files(app) == [answer.audio_filename]


# --- file and row exist together or not at all ------------------------------------------------

def test_accepted_upload_has_exactly_one_file_and_one_row(client, app, tone_files):
    response = upload(client, tone_files["ogg"], filename="a.ogg")
    with app.app_context():
        answer = db.session.get(Answer, response.get_json()["id"])
        assert stored_files(app) == [answer.audio_filename]
        assert answer.audio_bytes == len(tone_files["ogg"])


def test_database_failure_removes_the_stored_file(client, app, tone_files, monkeypatch):
    def broken_commit():
        raise RuntimeError("database is gone")

    with app.app_context():
        monkeypatch.setattr(db.session, "commit", broken_commit)
    monkeypatch.setattr("practice.uploads.db.session.commit", broken_commit)
    response = upload(client, tone_files["wav"], filename="answer.wav")
    assert response.status_code == 500
    monkeypatch.undo()
    assert_nothing_stored(app)


def test_rename_failure_leaves_no_temp_file_and_no_row(client, app, tone_files, monkeypatch):
    def broken_replace(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("practice.storage.os.replace", broken_replace)
    response = upload(client, tone_files["wav"], filename="answer.wav")
    assert response.status_code == 507
    assert "could not be saved on this computer (No space left on device), so nothing was stored. Free some disk " \
           "space" in response.get_json()["error"]
    monkeypatch.undo()
    assert_nothing_stored(app)


def test_an_upload_into_an_unwritable_folder_says_nothing_was_saved(client, app, tone_files, monkeypatch):
    """What an immutable (chattr +i) or read-only recordings folder does to creating the temp file."""
    real_open = os.open

    def refused_open(path, flags, *args):
        if str(path).startswith(app.config["RECORDINGS_DIR"]) and flags & os.O_CREAT:
            raise PermissionError(1, "Operation not permitted")
        return real_open(path, flags, *args)

    monkeypatch.setattr("practice.storage.os.open", refused_open)
    response = upload(client, tone_files["wav"], filename="answer.wav")
    monkeypatch.undo()
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert "could not be saved on this computer (Operation not permitted), so nothing was stored" in error
    assert "safe" not in error
    assert_nothing_stored(app)


# --- fuzzing the endpoint ---------------------------------------------------------------------

@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_uploads_never_500_and_never_kill_the_worker(client, app, tone_files, data):
    """Random bytes, or a real file cut anywhere: always 202 or a plain 4xx, never a 500."""
    source = data.draw(st.sampled_from(["random", *CONTAINERS]), label="source")
    if source == "random":
        payload = data.draw(st.binary(max_size=2048), label="payload")
    else:
        whole = tone_files[source]
        payload = whole[: data.draw(st.integers(0, len(whole)), label="cut_at")]
    response = upload(client, payload, filename="answer.webm")
    assert response.status_code == 202 or 400 <= response.status_code < 500, response.status_code
    assert response.get_json()["error" if response.status_code != 202 else "status"]
    if response.status_code == 202:
        assert wait_until_finished(client, response.get_json()["url"])["status"] in ("done", "failed")


def test_after_fuzzing_a_good_upload_is_still_analysed(client, tone_files):
    for payload in (b"", b"OggS" + bytes(100), tone_files["webm"][:300], tone_files["mp4"][:500]):
        assert 400 <= upload(client, payload).status_code < 500
    assert_good_upload_still_analysed(client, tone_files)


@pytest.mark.parametrize(("rate_hz", "layout", "shape"), [(384000, "7.1", "7.1 surround sound at 384 kHz"),
                                                           (48000, "5.1", "5.1 surround sound at 48 kHz"),
                                                           (384000, "mono", "1 channels at 384 kHz")])
def test_absurd_channels_or_rates_are_refused_from_the_header(client, app, tmp_path, rate_hz, layout, shape):
    """Like the 600 s of 8-channel 384 kHz silence that took 6.9 s to decode before its 4xx (20 s here)."""
    flac = tmp_path / "absurd.flac"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    f"anullsrc=r={rate_hz}:cl={layout}", "-t", "20", "-c:a", "flac", str(flac)], check=True,
                   timeout=120)
    response = upload(client, flac, filename="absurd.flac")
    assert response.status_code == 422
    assert response.get_json()["error"] == (f"The recording has {shape}. Record your answer in mono or stereo at "
                                            "up to 192 kHz.")
    assert_nothing_stored(app)


@pytest.mark.parametrize("layout", ["mono", "stereo"])
def test_ordinary_mono_and_stereo_pass_the_header_check(client, tmp_path, layout):
    webm = tmp_path / "ok.webm"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    f"sine=frequency=220:sample_rate=48000,aformat=channel_layouts={layout}", "-t", "3",
                    "-c:a", "libopus", str(webm)], check=True, timeout=60)
    assert upload(client, webm, filename="ok.webm").status_code == 202


# --- no wasted takes ---------------------------------------------------------------------------

def test_silent_take_is_refused_right_away_and_not_stored(client, app, tmp_path):
    response = upload(client, write_wav(tmp_path / "silent.wav", np.zeros(3 * 16000, np.float32)), filename="a.wav")
    assert response.status_code == 422
    assert response.get_json()["error"].startswith("The recording is silent, so it was not saved.")
    assert_nothing_stored(app)


def test_noise_without_a_voice_is_refused_and_not_stored(client, app, tmp_path):
    hiss = np.random.default_rng(7).normal(0, 0.05, 3 * 16000).astype(np.float32)
    response = upload(client, write_wav(tmp_path / "hiss.wav", hiss), filename="a.wav")
    assert response.status_code == 422
    assert "no voice" in response.get_json()["error"]
    assert_nothing_stored(app)


def test_one_second_of_voice_is_refused_saying_how_much_was_heard(client, app, tmp_path):
    one_second = np.concatenate([tone(1.0), np.zeros(2 * 16000, np.float32)])
    response = upload(client, write_wav(tmp_path / "short.wav", one_second), filename="a.wav")
    assert response.status_code == 422
    assert "We heard only 1.0 s of speech" in response.get_json()["error"]
    assert_nothing_stored(app)
