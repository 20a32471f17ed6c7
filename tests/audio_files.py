"""Make real audio files for tests: tones and speech clips in any container, via the bundled ffmpeg."""
from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from tests.audio.signals import RATE_HZ, vowel_train

CODECS = {"webm": ["-c:a", "libopus"], "ogg": ["-c:a", "libopus"], "mp4": ["-c:a", "aac"],
          "flac": ["-c:a", "flac"], "wav": ["-c:a", "pcm_s16le"], "mp3": ["-c:a", "libmp3lame"]}


def write_wav(path: Path, samples: np.ndarray, rate_hz: int = 16000) -> Path:
    """16-bit PCM WAV from float samples in [-1, 1]."""
    data = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate_hz)
        w.writeframes(data.tobytes())
    return path


def tone(duration_s: float, freq_hz: float = 220.0, rate_hz: int = 16000, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(int(duration_s * rate_hz)) / rate_hz
    return (amplitude * np.sin(2 * np.pi * freq_hz * t)).astype(np.float32)


def convert(src: Path, dst: Path, *extra: str) -> Path:
    """Re-encode src into dst's container (chosen by its suffix) with the bundled ffmpeg."""
    fmt = dst.suffix.lstrip(".")
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-y", "-i", str(src),
           *extra, *CODECS[fmt], str(dst)]
    subprocess.run(cmd, check=True, timeout=60)
    return dst


def speech_like_wav(path: Path, text: str, word_s: float = 0.4) -> Path:
    """Voiced syllables with a lively pitch (a pure tone fails the noise check) for as long as
    tests.fakes.spoken(text, word_s) lasts, so a fake transcript of `text` gets every score."""
    seconds = word_s * len(text.split()) + 0.6
    f0_hz = 150 + 40 * np.sin(np.arange(int(seconds * RATE_HZ)) / RATE_HZ * 2 * np.pi / 1.7)
    return write_wav(path, vowel_train(f0_hz, seconds, syllable_s=0.3, gap_s=0.1).samples)
