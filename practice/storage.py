"""Recordings on disk: written atomically, named by a random id, never by user input."""
from __future__ import annotations

import contextlib
import os
import time
import uuid
from pathlib import Path

from flask import Flask, current_app

TMP_SUFFIX = ".part"
# Owner-only, whatever the umask: recordings and notes are private to the user who runs the app.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def init_app(app: Flask) -> None:
    make_private_dir(Path(app.instance_path))
    make_private_dir(Path(app.config["RECORDINGS_DIR"]))


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(PRIVATE_DIR_MODE)


def recordings_dir() -> Path:
    return Path(current_app.config["RECORDINGS_DIR"])


def recording_path(filename: str) -> Path:
    return recordings_dir() / filename


def new_filename(container: str) -> str:
    return f"{uuid.uuid4().hex}.{container}"


def write_temp(stream, chunk_bytes: int = 1 << 16) -> Path:
    """Copy an upload stream to a temp file in the recordings folder and fsync it; no partial file survives."""
    tmp = recordings_dir() / f"{uuid.uuid4().hex}{TMP_SUFFIX}"
    try:
        with private_file(tmp) as out:
            while chunk := stream.read(chunk_bytes):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        remove_quietly(tmp)
        raise
    return tmp


def private_file(path: Path):
    """A new file opened for binary writing, created owner-only (0600) whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE), "wb")


def commit_file(tmp: Path, filename: str) -> Path:
    """Atomically move a fully written temp file to its final name."""
    final = recording_path(filename)
    os.replace(tmp, final)
    dir_fd = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return final


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


# Old enough that no upload still in flight can own the file.
ORPHAN_AGE_S = 600


def sweep_leftovers(known_filenames: set[str], started_at_s: float, now_s: float | None = None) -> list[str]:
    """At start: temp files from before this process, and old files with no Answer row, go; the rest become 0600."""
    now_s = time.time() if now_s is None else now_s
    removed = []
    for path in recordings_dir().iterdir():
        modified_s = path.stat().st_mtime
        is_temp = path.name.endswith(TMP_SUFFIX)
        orphan = not is_temp and path.name not in known_filenames and now_s - modified_s > ORPHAN_AGE_S
        if orphan or (is_temp and modified_s < started_at_s):
            remove_quietly(path)
            removed.append(path.name)
        elif path.is_file() and path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_FILE_MODE)
    return removed
