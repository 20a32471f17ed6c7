"""Random, truncated and corrupted bytes never crash the decoder: it returns PCM or a DecodeError."""
from __future__ import annotations

import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice.audio.pcm import Pcm
from practice.speech.decode import CONTAINERS, DecodeError, decode_file, sniff_container
from tests.audio_files import convert
from tests.fuzz import examples
from tests.speech_clips import require_clip

# Each example may spawn ffmpeg (~50 ms), so counts stay small: the whole module runs in well under a minute.
FUZZ = settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])

MAGIC_HEADS = [
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm",
    b"OggS\x00\x02",
    b"\x00\x00\x00\x20ftypisom",
    b"RIFF\x24\x00\x00\x00WAVEfmt ",
    b"fLaC\x00\x00\x00\x22",
    b"ID3\x03\x00\x00\x00\x00\x00\x00",
    b"\xff\xfb\x90\x00",
]


@pytest.fixture(scope="module")
def clip_files(tmp_path_factory) -> dict[str, bytes]:
    """One real speech clip in every container we accept, as bytes."""
    clip = require_clip("15_whisper_jfk.flac")
    folder = tmp_path_factory.mktemp("containers")
    return {fmt: convert(clip.path, folder / f"jfk.{fmt}", "-t", "4").read_bytes() for fmt in CONTAINERS}


def decode_bytes_checked(data: bytes) -> Pcm | None:
    """Decode data from a file; the only failure allowed is DecodeError, with a message for people."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            pcm = decode_file(tmp.name)
        except DecodeError as error:
            assert str(error).strip(), "a DecodeError must carry a message for the user"
            return None
    assert pcm.rate_hz == 16_000
    assert pcm.samples.ndim == 1
    return pcm


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_are_pcm_or_decode_error(data):
    decode_bytes_checked(data)


@FUZZ
@given(st.sampled_from(MAGIC_HEADS), st.binary(max_size=2048))
def test_garbage_behind_a_real_magic_number_is_pcm_or_decode_error(head, tail):
    """Past the sniffer, so ffmpeg itself meets the garbage (random MP3 frames can decode to noise)."""
    decode_bytes_checked(head + tail)


@pytest.mark.parametrize("head", MAGIC_HEADS)
def test_a_magic_number_with_no_audio_behind_it_is_a_decode_error(head):
    assert decode_bytes_checked(head) is None


@settings(FUZZ, max_examples=examples(30))
@given(data=st.data())
def test_real_webm_cut_anywhere_is_pcm_or_decode_error(clip_files, data):
    webm = clip_files["webm"]
    cut_at = data.draw(st.integers(min_value=0, max_value=len(webm)), label="cut_at")
    decode_bytes_checked(webm[:cut_at])


@settings(FUZZ, max_examples=examples(20))
@given(data=st.data())
def test_real_webm_with_corrupted_bytes_is_pcm_or_decode_error(clip_files, data):
    webm = bytearray(clip_files["webm"])
    positions = data.draw(st.lists(st.integers(0, len(webm) - 1), min_size=1, max_size=16), label="positions")
    for position in positions:
        webm[position] = data.draw(st.integers(0, 255))
    decode_bytes_checked(bytes(webm))


@pytest.mark.parametrize("fmt", [f for f in CONTAINERS if f != "webm"])
def test_every_container_cut_short_is_pcm_or_decode_error(clip_files, fmt):
    """A handful of fixed cut points per container; webm gets the random cuts above."""
    whole = clip_files[fmt]
    assert sniff_container(whole[:64]) == fmt
    for fraction in (0.0, 0.01, 0.1, 0.5, 0.9, 0.999):
        decode_bytes_checked(whole[: int(len(whole) * fraction)])


def test_whole_clip_decodes_in_every_container(clip_files):
    for fmt, data in clip_files.items():
        pcm = decode_bytes_checked(data)
        assert pcm is not None, fmt
        assert 3.5 < pcm.duration_s < 4.5, fmt


def test_max_duration_stops_decoding_early_in_every_container(clip_files):
    """A short file that expands to hours must not fill memory: decoding stops at the cap."""
    for fmt, data in clip_files.items():
        with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as tmp:
            tmp.write(data)
            tmp.flush()
            assert decode_file(tmp.name, max_duration_s=1.5).duration_s == pytest.approx(1.5, abs=0.03), fmt
