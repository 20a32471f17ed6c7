"""A streamed answer's audio on disk: one file per chunk, named by its sequence number, written atomically.

The chunks sit in a folder beside the recording they become (`<audio_filename>.chunks`), so what
arrived survives a closed tab or a server restart; at Stop they are joined into one WAV file.
"""
from __future__ import annotations

import os
import shutil
import uuid
import wave
from pathlib import Path

from practice.storage import CHUNK_DIR_SUFFIX, fsync_folder

RATE_HZ = 16_000
SAMPLE_BYTES = 2  # 16-bit little-endian mono PCM, what the browser's AudioWorklet posts
CHUNK_SUFFIX = ".pcm"
TMP_SUFFIX = ".part"


class ChunkConflict(ValueError):
    """A chunk with this sequence number was already stored with different bytes."""


def chunk_dir_for(recording: Path) -> Path:
    return recording.with_name(recording.name + CHUNK_DIR_SUFFIX)


def bytes_to_s(n_bytes: int) -> float:
    return n_bytes / (RATE_HZ * SAMPLE_BYTES)


def _chunk_path(directory: Path, seq: int) -> Path:
    return directory / f"{seq:06d}{CHUNK_SUFFIX}"


def create(directory: Path) -> None:
    directory.mkdir(mode=0o700, parents=False, exist_ok=True)
    fsync_folder(directory.parent)


def save_chunk(directory: Path, seq: int, data: bytes) -> bool:
    """Store chunk seq durably; True when new, False when this exact chunk was already stored (a retry)."""
    path = _chunk_path(directory, seq)
    if path.exists():
        if path.read_bytes() == data:
            return False
        raise ChunkConflict(seq)
    tmp = directory / f"{seq:06d}-{uuid.uuid4().hex}{TMP_SUFFIX}"
    with open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    fsync_folder(directory)
    return True


def sequence_numbers(directory: Path) -> list[int]:
    """The sequence numbers stored so far, in order."""
    if not directory.is_dir():
        return []
    return sorted(int(p.name[: -len(CHUNK_SUFFIX)]) for p in directory.glob(f"*{CHUNK_SUFFIX}"))


def missing(directory: Path, count: int) -> list[int]:
    """Sequence numbers below count that never arrived."""
    have = set(sequence_numbers(directory))
    return [seq for seq in range(count) if seq not in have]


def read_chunk(directory: Path, seq: int) -> bytes | None:
    path = _chunk_path(directory, seq)
    return path.read_bytes() if path.exists() else None


def stored_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob(f"*{CHUNK_SUFFIX}")) if directory.is_dir() else 0


def joined_bytes(directory: Path) -> bytes:
    """Every stored chunk in sequence order: the whole take as 16-bit PCM, for checking it before it is kept."""
    return b"".join(_chunk_path(directory, seq).read_bytes() for seq in sequence_numbers(directory))


def join_to_wav(directory: Path, recording: Path) -> int:
    """Write every stored chunk, in sequence order, as one 16 kHz mono WAV; atomic, fsynced; returns its bytes."""
    tmp = recording.with_name(f"{recording.name}-{uuid.uuid4().hex}{TMP_SUFFIX}")
    try:
        with wave.open(str(tmp), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(SAMPLE_BYTES)
            out.setframerate(RATE_HZ)
            for seq in sequence_numbers(directory):
                out.writeframes(_chunk_path(directory, seq).read_bytes())
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, recording)
        fsync_folder(recording.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return recording.stat().st_size


def remove(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
