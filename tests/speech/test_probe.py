"""The header probe: a recording's sample rate and channels, read before any decoding is paid for."""
import subprocess

import imageio_ffmpeg
import pytest

from practice.speech.probe import StreamFormat, probe
from tests.audio_files import tone, write_wav


def silent_flac(path, rate_hz: int, layout: str):
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    f"anullsrc=r={rate_hz}:cl={layout}", "-t", "0.5", "-c:a", "flac", str(path)], check=True,
                   timeout=60)
    return path


def test_a_mono_wav_is_read_from_its_header(tmp_path):
    assert probe(write_wav(tmp_path / "a.wav", tone(0.5), rate_hz=22050)) == StreamFormat(22050, 1, "mono")


@pytest.mark.parametrize(("rate_hz", "layout", "channels"), [(48000, "stereo", 2), (96000, "5.1", None),
                                                             (384000, "7.1", None)])
def test_stereo_counts_two_and_a_surround_layout_is_named(tmp_path, rate_hz, layout, channels):
    found = probe(silent_flac(tmp_path / "a.flac", rate_hz, layout))
    assert found.rate_hz == rate_hz and found.channels == channels and found.layout.startswith(layout)


def test_a_file_with_no_audio_stream_gives_none(tmp_path):
    text = tmp_path / "notes.webm"
    text.write_text("not audio at all")
    assert probe(text) is None
    assert probe(tmp_path / "missing.wav") is None
