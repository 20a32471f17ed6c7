"""Test signals: real clips decoded with the bundled ffmpeg, and synthesized speech-like sounds."""
from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import numpy as np

from practice.audio.pcm import Pcm

RATE_HZ = 16000


@lru_cache(maxsize=32)
def _decode(path: str, tempo: float) -> bytes:
    import imageio_ffmpeg

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-v", "error", "-i", path]
    if tempo != 1.0:
        command += ["-filter:a", f"atempo={tempo}"]
    command += ["-ac", "1", "-ar", str(RATE_HZ), "-f", "s16le", "-"]
    return subprocess.run(command, check=True, capture_output=True).stdout


def load_pcm(path: Path, tempo: float = 1.0) -> Pcm:
    """A clip as 16 kHz mono, optionally time-stretched by ffmpeg's atempo (pitch kept)."""
    return Pcm.from_int16_bytes(_decode(str(path), tempo), RATE_HZ)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(round(seconds * RATE_HZ)), np.float32)


def with_gain_db(pcm: Pcm, gain_db: float) -> Pcm:
    """Scale like a mixer would, saturating at full scale as an int16 recorder does."""
    return Pcm(np.clip(pcm.samples * 10 ** (gain_db / 20), -1.0, 32767 / 32768).astype(np.float32), pcm.rate_hz)


def with_white_noise(pcm: Pcm, snr_db: float, seed: int = 0) -> Pcm:
    """Add Gaussian white noise at snr_db below the clip's mean power."""
    power = float(np.mean(pcm.samples.astype(np.float64) ** 2))
    noise = np.random.default_rng(seed).normal(0, np.sqrt(power / 10 ** (snr_db / 10)), pcm.samples.size)
    return Pcm((pcm.samples + noise).astype(np.float32), pcm.rate_hz)


def vowel_train(f0_hz: float | np.ndarray = 120.0, seconds: float = 4.0, syllable_s: float = 0.2,
                gap_s: float = 0.05, level: float = 0.3, seed: int = 0) -> Pcm:
    """Harmonics of f0 shaped by /a/-like formants, chopped into syllables: speech without words."""
    n = int(seconds * RATE_HZ)
    t = np.arange(n) / RATE_HZ
    f0 = np.broadcast_to(np.asarray(f0_hz, dtype=np.float64), (n,)) if np.ndim(f0_hz) == 0 else np.asarray(f0_hz)
    phase = 2 * np.pi * np.cumsum(f0) / RATE_HZ
    formants = ((700, 110), (1220, 120), (2600, 160))
    wave = np.zeros(n)
    for k in range(1, 40):
        fk = k * f0
        gain = sum(1 / (1 + ((fk - fc) / bw) ** 2) for fc, bw in formants) / k
        wave += np.where(fk < RATE_HZ / 2, gain, 0) * np.sin(k * phase)
    period_s = syllable_s + gap_s
    position = (t % period_s) / syllable_s
    envelope = np.where(position < 1, np.sin(np.pi * np.clip(position, 0, 1)) ** 0.5, 0.0)
    wave *= envelope
    wave += np.random.default_rng(seed).normal(0, 1e-4, n)  # a real mic is never digitally silent
    return Pcm((wave / np.max(np.abs(wave)) * level).astype(np.float32), RATE_HZ)


def insert_silences(pcm: Pcm, at_s: list[float], lengths_s: list[float]) -> tuple[Pcm, list[tuple[float, float]]]:
    """Splice digital silence into pcm; returns the new audio and where each silence now sits."""
    pieces, placed, cursor, shift = [], [], 0, 0.0
    for at, length in sorted(zip(at_s, lengths_s, strict=False)):
        cut = int(round(at * RATE_HZ))
        pieces += [pcm.samples[cursor:cut], silence(length)]
        placed.append((at + shift, at + shift + length))
        shift += length
        cursor = cut
    pieces.append(pcm.samples[cursor:])
    return Pcm(np.concatenate(pieces).astype(np.float32), pcm.rate_hz), placed
