"""A streamed answer's chunks on disk: stored once each, retries harmless, joined in order into one WAV at Stop."""
import stat
import wave

import numpy as np
import pytest

from practice import chunks


@pytest.fixture
def folder(tmp_path):
    directory = chunks.chunk_dir_for(tmp_path / "answer.wav")
    chunks.create(directory)
    return directory


def pcm(value: int, samples: int = 4) -> bytes:
    return np.full(samples, value, "<i2").tobytes()


def test_the_chunk_folder_sits_beside_its_recording_and_is_owner_only(tmp_path, folder):
    assert folder == tmp_path / "answer.wav.chunks"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_retry_of_the_same_chunk_is_harmless_and_different_bytes_are_refused(folder):
    assert chunks.save_chunk(folder, 0, pcm(1)) is True
    assert chunks.save_chunk(folder, 0, pcm(1)) is False
    with pytest.raises(chunks.ChunkConflict):
        chunks.save_chunk(folder, 0, pcm(2))
    assert chunks.read_chunk(folder, 0) == pcm(1)
    assert chunks.read_chunk(folder, 1) is None
    assert [p.name for p in folder.iterdir()] == ["000000.pcm"]  # no temporary file left


def test_missing_names_every_sequence_number_that_never_arrived(folder):
    for seq in (0, 2, 3, 6):
        chunks.save_chunk(folder, seq, pcm(seq))
    assert chunks.sequence_numbers(folder) == [0, 2, 3, 6]
    assert chunks.missing(folder, 8) == [1, 4, 5, 7]
    assert chunks.stored_bytes(folder) == 4 * 8


def test_chunks_join_in_sequence_order_whatever_order_they_came_in(tmp_path, folder):
    for seq in (2, 0, 1):
        chunks.save_chunk(folder, seq, pcm(seq + 1, samples=16000))
    assert chunks.joined_bytes(folder) == pcm(1, 16000) + pcm(2, 16000) + pcm(3, 16000)
    recording = tmp_path / "answer.wav"
    size = chunks.join_to_wav(folder, recording)
    assert size == recording.stat().st_size == 44 + 3 * 32000
    with wave.open(str(recording)) as joined:
        assert (joined.getframerate(), joined.getnchannels(), joined.getsampwidth()) == (16000, 1, 2)
        frames = np.frombuffer(joined.readframes(joined.getnframes()), "<i2")
    assert frames[[0, 16000, 32000, 47999]].tolist() == [1, 2, 3, 3]
    assert chunks.bytes_to_s(chunks.stored_bytes(folder)) == 3.0


def test_a_failed_join_leaves_no_partial_wav(tmp_path, folder, monkeypatch):
    chunks.save_chunk(folder, 0, pcm(1))

    def disk_gone(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(chunks.os, "fsync", disk_gone)
    with pytest.raises(OSError):
        chunks.join_to_wav(folder, tmp_path / "answer.wav")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.wav.chunks"]


def test_a_folder_that_is_gone_holds_nothing(tmp_path, folder):
    chunks.remove(folder)
    assert not folder.exists()
    assert chunks.sequence_numbers(folder) == [] and chunks.stored_bytes(folder) == 0
    assert chunks.missing(folder, 2) == [0, 1]
