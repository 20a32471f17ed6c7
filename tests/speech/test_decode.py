"""Decoding real recordings in every container a browser or a user may send, and refusing the rest."""
from __future__ import annotations

import subprocess
import wave

import numpy as np
import pytest
import speech_recognition as sr

from practice.audio.pcm import Pcm
from practice.speech.decode import (
    DecodeError, TARGET_RATE_HZ, decode_file, ffmpeg_exe, from_audio_data, sniff_container, to_audio_data,
)
from tests.speech_clips import require_clip

CODECS = {"webm": ["-c:a", "libopus"], "ogg": ["-c:a", "libopus"], "mp4": ["-c:a", "aac"],
          "mp3": ["-c:a", "libmp3lame"], "flac": ["-c:a", "flac"], "wav": ["-c:a", "pcm_s16le"]}


def encode(src, dst, *extra: str):
    """Re-encode a real clip with the bundled ffmpeg, into dst's container."""
    fmt = dst.suffix.lstrip(".")
    subprocess.run([ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-y", "-i", str(src), *extra,
                    *CODECS[fmt], str(dst)], check=True, timeout=60)
    return dst


@pytest.fixture(scope="module")
def jfk_files(tmp_path_factory):
    clip = require_clip("15_whisper_jfk.flac")
    folder = tmp_path_factory.mktemp("jfk")
    files = {fmt: encode(clip.path, folder / f"jfk.{fmt}", "-ar", "48000") for fmt in ("webm", "ogg", "mp4", "mp3")}
    files["flac"] = clip.path
    files["wav"] = encode(clip.path, folder / "jfk.wav")
    return files


@pytest.mark.parametrize("fmt", ["webm", "ogg", "mp4", "mp3", "flac", "wav"])
def test_real_clip_decodes_to_16k_mono_in_every_container(jfk_files, fmt):
    pcm = decode_file(jfk_files[fmt])
    assert pcm.rate_hz == TARGET_RATE_HZ
    assert pcm.samples.dtype == np.float32 and pcm.samples.ndim == 1
    assert pcm.duration_s == pytest.approx(11.0, abs=0.1)
    assert 0.05 < np.abs(pcm.samples).max() <= 1.0


def test_lossy_containers_keep_the_same_speech(jfk_files):
    """Every decoded copy has the same loudness envelope as the lossless original."""
    reference = decode_file(jfk_files["flac"])
    ref_level = np.sqrt(np.mean(reference.samples**2))
    for fmt in ("webm", "ogg", "mp4", "mp3"):
        level = np.sqrt(np.mean(decode_file(jfk_files[fmt]).samples ** 2))
        assert level == pytest.approx(ref_level, rel=0.15), fmt


@pytest.mark.parametrize("fmt", ["webm", "ogg", "mp4", "mp3", "flac", "wav"])
def test_each_container_is_sniffed_from_its_first_bytes(jfk_files, fmt):
    assert sniff_container(jfk_files[fmt].read_bytes()[:64]) == fmt


@pytest.mark.parametrize("head, expected", [
    (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska", None),  # EBML but not webm
    (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87", "webm"),
    (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00", "mp4"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00", "mp3"),
    (b"\xff\xfb\x90\x64\x00\x00", "mp3"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", None),
    (b"hello, this is text", None),
    (b"", None),
])
def test_sniffing_known_heads(head, expected):
    assert sniff_container(head) == expected


def test_wav_at_8k_is_resampled_without_ffmpeg(monkeypatch):
    clip = require_clip("12_deepspeech_ldc93s1_8k.wav")
    monkeypatch.setattr("practice.speech.decode.ffmpeg_exe", lambda: pytest.fail("WAV needs no ffmpeg"))
    pcm = decode_file(clip.path)
    assert pcm.rate_hz == TARGET_RATE_HZ
    assert pcm.duration_s == pytest.approx(clip.duration_s, abs=0.01)


def write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, data", [
    ("answer.webm", b""),
    ("answer.webm", b"this is not audio at all\n" * 20),
    ("answer.webm", b"\x89PNG\r\n\x1a\n" + bytes(200)),  # a PNG renamed .webm
    ("answer.wav", b"RIFF\x24\x00\x00\x00WAVEfmt "),  # header only
])
def test_not_audio_is_a_decode_error_with_a_message(tmp_path, name, data):
    with pytest.raises(DecodeError) as error:
        decode_file(write(tmp_path / name, data))
    assert "record" in str(error.value).lower()


@pytest.mark.parametrize("fmt", ["webm", "ogg", "mp4", "mp3"])
def test_truncated_recording_is_a_decode_error_or_shorter_audio(jfk_files, tmp_path, fmt):
    """Cut mid-stream: we either decode what arrived or refuse kindly, never crash or hang."""
    data = jfk_files[fmt].read_bytes()
    for keep in (48, 300, len(data) // 2):
        try:
            pcm = decode_file(write(tmp_path / f"cut.{fmt}", data[:keep]))
        except DecodeError as error:
            assert str(error)
        else:
            assert 0 < pcm.duration_s < 11.0


def test_truncated_webm_header_is_a_decode_error(jfk_files, tmp_path):
    with pytest.raises(DecodeError):
        decode_file(write(tmp_path / "cut.webm", jfk_files["webm"].read_bytes()[:100]))


def test_missing_file_is_a_decode_error(tmp_path):
    with pytest.raises(DecodeError):
        decode_file(tmp_path / "gone.webm")


def test_audio_data_round_trip_keeps_the_samples():
    samples = (0.5 * np.sin(np.linspace(0, 200 * np.pi, 16000))).astype(np.float32)
    audio = to_audio_data(Pcm(samples, 16000))
    assert isinstance(audio, sr.AudioData)
    assert (audio.sample_rate, audio.sample_width) == (16000, 2)
    back = from_audio_data(audio)
    assert np.max(np.abs(back.samples - samples)) < 1e-3


def test_decoding_a_stereo_44k_wav_averages_the_channels(tmp_path):
    path = tmp_path / "stereo.wav"
    left = (0.4 * np.ones(44100)).astype("<f4")
    frames = np.stack([left, np.full_like(left, 0.2)], axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes((frames * 32767).astype("<i2").tobytes())
    pcm = decode_file(path)
    assert pcm.duration_s == pytest.approx(1.0, abs=0.01)
    assert float(np.median(pcm.samples)) == pytest.approx(0.3, abs=0.01)

