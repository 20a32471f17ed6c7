"""Natural-style filler test audio: real um/uh/hm cut from the acted clips, placed into real pauses of read speech.

Acted clips put fillers in a row; real speakers drop one into a pause between phrases, at
the level of their own voice. This builds that from the shared clips, deterministically:
the same tokens go into the same pauses every time, so benchmarks and tests can repeat.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from practice.audio.activity import detect_activity
from practice.audio.pauses import find_pauses
from practice.audio.pcm import Pcm
from tests.speech_clips import Clip, load_clips

# Steady voiced stretches of the acted clips, found with Praat (intensity, F0, F1/F2 flat within a
# few %), edges at the intensity dips around them. (clip, start_s, end_s, kind)
TOKEN_SPANS = (
    ("04_mfa_uhum.flac", 2.39, 2.93, "uh"),
    ("04_mfa_uhum.flac", 3.04, 3.78, "um"),
    ("04_mfa_uhum.flac", 4.06, 4.72, "uh"),
    ("04_mfa_uhum.flac", 5.14, 5.91, "hm"),
    ("05_mfa_uhuh.flac", 4.51, 5.30, "uh"),
    ("05_mfa_uhuh.flac", 3.21, 3.53, "uh"),
    ("06_mfa_crossword.flac", 5.83, 6.54, "um"),
    ("33_mfa_uh.flac", 2.37, 3.25, "uh"),
    ("34_mfa_um.flac", 3.77, 4.71, "um"),
)
# Read clips with a human reference; the acted trap clips (35-46) stay out, they are tested as they are.
HOST_CLIPS = ("08_mfa_english_slow.wav", "11_osr_harvard_list72_8k.wav", "15_whisper_jfk.flac",
              "17_pocketsphinx_librivox_0870.wav", "18_pocketsphinx_librivox_0920.wav",
              "21_speechbrain_LJ050-0131.wav", "32_vosk_digits.wav")
# A natural rate: at most this many fillers per clip; the other pauses stay empty and test precision.
MAX_FILLERS_PER_CLIP = 3
# A filler goes only into a pause this long, so silence stays on both sides of it.
MIN_HOST_PAUSE_S = 0.3
# The token's level is matched to the speech within this distance of the pause.
LEVEL_WINDOW_S = 2.0
FADE_S = 0.01
RATE_HZ = 16000


@dataclass(frozen=True)
class Token:
    source: str
    kind: str
    pcm: Pcm


@dataclass(frozen=True)
class InContextClip:
    """A read clip with fillers spliced into its pauses; spans are where they are in the new audio."""

    name: str
    pcm: Pcm
    reference: str  # the read text without the fillers
    filler_spans_s: tuple[tuple[float, float], ...]
    filler_kinds: tuple[str, ...]


def filler_tokens(clips: dict[str, Clip], decode) -> list[Token]:
    """The real filler tokens, faded at their edges so the splice does not click."""
    tokens = []
    for name, start_s, end_s, kind in TOKEN_SPANS:
        samples = decode(clips[name].path).slice_s(start_s, end_s).samples.copy()
        fade = int(FADE_S * RATE_HZ)
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        samples[:fade] *= ramp
        samples[-fade:] *= ramp[::-1]
        tokens.append(Token(name, kind, Pcm(samples, RATE_HZ)))
    return tokens


def build_in_context(clip: Clip, host: Pcm, tokens: list[Token], first_token: int,
                     band_hz: float | None = None, level_offset_db: float = 0.0) -> InContextClip:
    """Splice tokens (taken in turn from first_token) into evenly chosen pauses of host, at its speech level.

    level_offset_db makes them softer (negative) than the speech around them.
    """
    activity = detect_activity(host)
    pauses = [p for p in find_pauses(host, activity) if p.duration_s >= MIN_HOST_PAUSE_S]
    chosen = _spread(pauses, MAX_FILLERS_PER_CLIP)
    pieces, spans, kinds = [], [], []
    cursor = 0
    added_s = 0.0
    for k, pause in enumerate(chosen):
        token = tokens[(first_token + k) % len(tokens)]
        mid = int(round((pause.start_s + pause.end_s) / 2 * RATE_HZ))
        level = _speech_rms(activity, host, pause.start_s, pause.end_s) * 10 ** (level_offset_db / 20)
        samples = _band_limited(token.pcm.samples, band_hz) * (level / _active_rms(token.pcm))
        pieces += [host.samples[cursor:mid], samples.astype(np.float32)]
        start_s = mid / RATE_HZ + added_s
        spans.append((round(start_s, 3), round(start_s + len(samples) / RATE_HZ, 3)))
        kinds.append(token.kind)
        added_s += len(samples) / RATE_HZ
        cursor = mid
    pieces.append(host.samples[cursor:])
    return InContextClip(clip.name, Pcm(np.concatenate(pieces), RATE_HZ), clip.transcript, tuple(spans),
                         tuple(kinds))


def in_context_clips(decode) -> list[InContextClip]:
    """Every host clip with its fillers; empty when the shared clips are absent."""
    clips = {c.name: c for c in load_clips()}
    if not clips:
        return []
    tokens = filler_tokens(clips, decode)
    built, first = [], 0
    for name in HOST_CLIPS:
        clip = clips[name]
        item = build_in_context(clip, decode(clip.path), tokens, first, band_hz=clip.sample_rate_hz / 2)
        built.append(item)
        first += len(item.filler_spans_s)
    return built


def _spread(pauses: list, count: int) -> list:
    """count pauses spread evenly over the clip (all of them when there are fewer)."""
    if len(pauses) <= count:
        return pauses
    picks = np.linspace(0, len(pauses) - 1, count).round().astype(int)
    return [pauses[i] for i in sorted(set(picks.tolist()))]


def _speech_rms(activity, host: Pcm, start_s: float, end_s: float) -> float:
    """RMS of the sounding frames near the pause: the speaker's own level at that point."""
    near = ((activity.times_s >= start_s - LEVEL_WINDOW_S) & (activity.times_s <= end_s + LEVEL_WINDOW_S)
            & activity.active)
    levels_dbfs = activity.level_dbfs[near]
    return float(10 ** (np.median(levels_dbfs) / 20)) if levels_dbfs.size else 0.0


def _active_rms(pcm: Pcm) -> float:
    activity = detect_activity(pcm)
    levels_dbfs = activity.level_dbfs[activity.active]
    return float(10 ** (np.median(levels_dbfs) / 20))


def _band_limited(samples: np.ndarray, band_hz: float | None) -> np.ndarray:
    """The token as the host's microphone chain would carry it (8 kHz clips hold nothing above 4 kHz)."""
    if band_hz is None or band_hz >= RATE_HZ / 2:
        return samples
    spectrum = np.fft.rfft(samples)
    spectrum[np.fft.rfftfreq(samples.size, 1 / RATE_HZ) > band_hz] = 0
    return np.fft.irfft(spectrum, n=samples.size)
