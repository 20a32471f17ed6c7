"""Read a recording's sample rate and channel count from its header, before any decoding is paid for."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from practice.speech.decode import ffmpeg_exe

# ffmpeg prints "Stream #0:0: Audio: flac, 384000 Hz, 7.1, s16" for `ffmpeg -i FILE`; the first audio stream counts.
AUDIO_STREAM = re.compile(r"Stream #\d+:\d+.*?: Audio: [^,\n]+, (\d+) Hz, ([^,\n]+)")
NAMED_LAYOUTS = {"mono": 1, "stereo": 2, "downmix": 2}
PROBE_TIMEOUT_S = 20


@dataclass(frozen=True)
class StreamFormat:
    rate_hz: int
    channels: int | None  # None: a named surround layout ("5.1", "7.1", "quad"): more than two
    layout: str


def probe(path: str | Path) -> StreamFormat | None:
    """The first audio stream's format, or None when ffmpeg names none (the decoder then says why)."""
    try:
        done = subprocess.run([ffmpeg_exe(), "-nostdin", "-hide_banner", "-i", str(path)], capture_output=True,
                              timeout=PROBE_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = AUDIO_STREAM.search(done.stderr.decode(errors="replace"))
    if match is None:
        return None
    layout = match.group(2).strip()
    counted = re.fullmatch(r"(\d+) channels", layout)
    channels = int(counted.group(1)) if counted else NAMED_LAYOUTS.get(layout)
    return StreamFormat(int(match.group(1)), channels, layout)
