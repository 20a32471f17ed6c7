"""Turn an uploaded recording into 16 kHz mono PCM, refusing bad files with a kind message."""
from __future__ import annotations

import subprocess
import warnings
import wave
from pathlib import Path

import numpy as np

from practice.audio.pcm import Pcm

TARGET_RATE_HZ = 16_000
# Generous for a few minutes of audio on 2 shared cores; a stuck ffmpeg must never hang a worker.
FFMPEG_TIMEOUT_S = 120
HEAD_BYTES = 64

CONTAINERS = ("webm", "ogg", "mp4", "wav", "flac", "mp3")

UNREADABLE = "We couldn't read this recording. Please record your answer again."


class DecodeError(ValueError):
    """The file is not audio we can read; str(error) is safe to show to the user."""


def sniff_container(head: bytes) -> str | None:
    """The container named by the file's first bytes, or None when it is none we accept."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # EBML: webm and matroska share it; the DocType element (0x4282) names which.
        doctype_at = head.find(b"\x42\x82")
        if doctype_at != -1 and head[doctype_at + 3 : doctype_at + 7] == b"webm":
            return "webm"
        if doctype_at == -1 and b"webm" in head[:HEAD_BYTES]:
            return "webm"
        return None
    if head.startswith(b"OggS"):
        return "ogg"
    if len(head) >= 8 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"ID3"):
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06) != 0:
        # MPEG audio frame sync (11 set bits) with a layer other than "reserved".
        return "mp3"
    return None


def decode_file(path: str | Path, max_duration_s: float | None = None) -> Pcm:
    """Decode a recording to 16 kHz mono float PCM; any failure is a DecodeError.

    max_duration_s stops decoding there, so a tiny file that expands to hours can't fill memory.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as error:
        raise DecodeError(UNREADABLE) from error
    if not head:
        raise DecodeError("This recording is empty. Please record your answer again.")
    container = sniff_container(head)
    if container is None:
        raise DecodeError("This file is not a recording we can read (webm, ogg, mp4, wav, flac or mp3).")
    if container == "wav":
        pcm = _decode_wav(path, max_duration_s)
        if pcm is not None:
            return pcm
    if container == "webm":
        return _decode_webm_pydub(path, max_duration_s)
    return _decode_ffmpeg(path, max_duration_s)


def to_audio_data(pcm: Pcm):
    """The SpeechRecognition front-end object for this PCM (16-bit, its own rate)."""
    import speech_recognition as sr

    return sr.AudioData(pcm.to_int16_bytes(), pcm.rate_hz, 2)


def from_audio_data(audio) -> Pcm:
    """PCM at 16 kHz mono from a SpeechRecognition AudioData."""
    raw = audio.get_raw_data(convert_rate=TARGET_RATE_HZ, convert_width=2)
    return Pcm.from_int16_bytes(raw, TARGET_RATE_HZ)


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def _decode_wav(path: Path, max_duration_s: float | None = None) -> Pcm | None:
    """Plain PCM WAV without ffmpeg; None for WAV flavours the wave module can't read."""
    try:
        with wave.open(str(path), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            n_frames = w.getnframes()
            if max_duration_s is not None and rate > 0:
                n_frames = min(n_frames, int(max_duration_s * rate))
            frames = w.readframes(n_frames)
    except (wave.Error, EOFError):
        return None  # e.g. float or A-law WAV: let ffmpeg try
    except OSError as error:
        raise DecodeError(UNREADABLE) from error
    if width not in (1, 2, 3, 4) or channels < 1 or rate <= 0:
        return None
    usable = len(frames) - len(frames) % (width * channels)
    if usable == 0:
        raise DecodeError("This recording has no sound in it. Please record your answer again.")
    samples = _int_samples(frames[:usable], width).reshape(-1, channels).mean(axis=1)
    return _resample(samples.astype(np.float32), rate)


def _int_samples(frames: bytes, width: int) -> np.ndarray:
    if width == 1:
        return (np.frombuffer(frames, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    if width == 2:
        return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if width == 3:
        raw = np.frombuffer(frames, dtype=np.uint8).reshape(-1, 3)
        as_int = (raw[:, 0].astype(np.int32) | (raw[:, 1].astype(np.int32) << 8) | (raw[:, 2].astype(np.int32) << 16))
        as_int = np.where(as_int >= 1 << 23, as_int - (1 << 24), as_int)
        return as_int.astype(np.float32) / float(1 << 23)
    return np.frombuffer(frames, dtype="<i4").astype(np.float32) / float(1 << 31)


def _resample(samples: np.ndarray, rate_hz: int) -> Pcm:
    """Linear-interpolation resample to 16 kHz (speech band; enough for ASR and levels)."""
    if rate_hz == TARGET_RATE_HZ:
        return Pcm(np.clip(samples, -1.0, 1.0).astype(np.float32), TARGET_RATE_HZ)
    n_out = int(round(len(samples) * TARGET_RATE_HZ / rate_hz))
    if n_out == 0:
        raise DecodeError("This recording is too short to use. Please record your answer again.")
    positions = np.arange(n_out) * (rate_hz / TARGET_RATE_HZ)
    out = np.interp(positions, np.arange(len(samples)), samples)
    return Pcm(np.clip(out, -1.0, 1.0).astype(np.float32), TARGET_RATE_HZ)


def _decode_webm_pydub(path: Path, max_duration_s: float | None = None) -> Pcm:
    """Browser webm/opus through pydub; codec="opus" skips the ffprobe we don't have."""
    with warnings.catch_warnings():
        # pydub looks for ffmpeg on PATH at import and warns; we hand it the bundled binary below.
        warnings.filterwarnings("ignore", "Couldn't find ffmpeg", RuntimeWarning)
        from pydub import AudioSegment
        from pydub.exceptions import CouldntDecodeError

    AudioSegment.converter = ffmpeg_exe()
    try:
        # pydub's subprocess call has no timeout: ffmpeg's own CPU-time limit stands in for one.
        segment = AudioSegment.from_file(
            str(path), format="webm", codec="opus", duration=max_duration_s,
            parameters=["-nostdin", "-timelimit", str(FFMPEG_TIMEOUT_S)],
        )
    except (CouldntDecodeError, OSError, IndexError, ValueError) as error:
        raise DecodeError(UNREADABLE) from error
    segment = segment.set_channels(1).set_frame_rate(TARGET_RATE_HZ).set_sample_width(2)
    return _pcm_or_error(segment.raw_data)


def _decode_ffmpeg(path: Path, max_duration_s: float | None = None) -> Pcm:
    """Any other container: the bundled ffmpeg straight to s16le 16 kHz mono on stdout."""
    command = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-xerror",
        "-i", str(path), "-vn", "-ac", "1", "-ar", str(TARGET_RATE_HZ),
        *(["-t", f"{max_duration_s:g}"] if max_duration_s is not None else []), "-f", "s16le", "pipe:1",
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=FFMPEG_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise DecodeError("This recording took too long to read. Please record your answer again.") from error
    except OSError as error:
        raise DecodeError(UNREADABLE) from error
    if done.returncode != 0 and not done.stdout:
        raise DecodeError(UNREADABLE)
    return _pcm_or_error(done.stdout)


def _pcm_or_error(raw: bytes) -> Pcm:
    raw = raw[: len(raw) - len(raw) % 2]
    if not raw:
        raise DecodeError("This recording has no sound in it. Please record your answer again.")
    return Pcm.from_int16_bytes(raw, TARGET_RATE_HZ)


def decode_bytes(data: bytes, suffix: str = "") -> Pcm:
    """Decode in-memory audio via a temporary file (ffmpeg needs a seekable input for mp4)."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        return decode_file(tmp.name)


__all__ = [
    "CONTAINERS", "DecodeError", "TARGET_RATE_HZ", "decode_bytes", "decode_file",
    "from_audio_data", "sniff_container", "to_audio_data",
]
