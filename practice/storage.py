"""Recordings on disk: written atomically, named by a random id, never by user input."""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from flask import Flask, current_app

from practice.errors import StorageError

log = logging.getLogger(__name__)

TMP_SUFFIX = ".part"
# A recording renamed aside while its row is deleted; removed once the delete is committed.
ASIDE_SUFFIX = ".deleting"
# Owner-only, whatever the umask: recordings and notes are private to the user who runs the app.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
CHUNK_DIR_SUFFIX = ".chunks"


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
    """Copy an upload stream to a temp file in the recordings folder and fsync it; no partial file survives.

    A failure of the disk is a StorageError; a failure reading the stream (the client left) is raised as it is.
    """
    tmp = recordings_dir() / f"{uuid.uuid4().hex}{TMP_SUFFIX}"
    reading = False
    try:
        with private_file(tmp) as out:
            while True:
                reading = True
                chunk = stream.read(chunk_bytes)
                reading = False
                if not chunk:
                    break
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        remove_quietly(tmp)
        if reading:
            raise
        raise not_saved(error) from error
    except BaseException:
        remove_quietly(tmp)
        raise
    return tmp


def not_saved(error: OSError) -> StorageError:
    full = error.errno in (errno.ENOSPC, errno.EDQUOT)
    return StorageError(f"Your recording could not be saved on this computer ({_reason(error)}), so nothing was "
                        "stored. " + ("Free some disk space" if full else "Check that the instance folder is "
                                      "writable") + ", then record again.", 507 if full else 500)


def _reason(error: OSError) -> str:
    return error.strerror or error.__class__.__name__


def private_file(path: Path):
    """A new file opened for binary writing, created owner-only (0600) whatever the umask."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE), "wb")


def commit_file(tmp: Path, filename: str) -> Path:
    """Atomically move a fully written temp file to its final name."""
    final = recording_path(filename)
    try:
        os.replace(tmp, final)
        fsync_folder(final.parent)
    except OSError as error:
        raise not_saved(error) from error
    return final


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in folder survive a power cut, not just the file's bytes."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_quietly(path: Path) -> None:
    """Clean-up that must not hide the error being handled: a file that cannot go is logged and left."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("could not remove %s: %s", path, error)


@contextlib.contextmanager
def removing(filenames: list[str]) -> Iterator[None]:
    """Delete recordings together with the database rows the block deletes: both go, or neither.

    The files are first renamed aside (nothing is deleted if one cannot be); if the block raises they are
    put back; only after it succeeds are they removed.
    """
    moved: list[tuple[Path, Path]] = []
    try:
        for name in dict.fromkeys(filenames):
            path = recording_path(name)
            if path.exists():
                aside = path.with_name(path.name + ASIDE_SUFFIX)
                os.replace(path, aside)
                moved.append((path, aside))
    except OSError as error:
        _put_back(moved)
        raise StorageError(f"Nothing was deleted: a recording could not be removed ({_reason(error)}). "
                           "Check that the instance folder is writable, then try again.") from error
    try:
        yield
    except BaseException:
        _put_back(moved)
        raise
    for _path, aside in moved:
        remove_quietly(aside)


def _put_back(moved: list[tuple[Path, Path]]) -> None:
    for path, aside in reversed(moved):
        try:
            os.replace(aside, path)
        except OSError:
            log.exception("could not put %s back; the start-up sweep will", path)


# Old enough that no upload still in flight can own the file.
ORPHAN_AGE_S = 600


def sweep_leftovers(known_filenames: set[str], started_at_s: float, now_s: float | None = None) -> list[str]:
    """At start: temp and set-aside files from before this start, and old files without a row, go; the rest: 0600.

    A streamed answer's chunk folder (`<audio_filename>.chunks`) stays while its answer exists.
    """
    now_s = time.time() if now_s is None else now_s
    removed = []
    for path in recordings_dir().iterdir():
        modified_s = path.stat().st_mtime
        if path.is_dir():
            if path.name.removesuffix(CHUNK_DIR_SUFFIX) not in known_filenames and now_s - modified_s > ORPHAN_AGE_S:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
            continue
        if path.name.endswith(ASIDE_SUFFIX) and path.name.removesuffix(ASIDE_SUFFIX) in known_filenames:
            os.replace(path, path.with_name(path.name.removesuffix(ASIDE_SUFFIX)))  # its delete did not happen
            continue
        is_temp = path.name.endswith((TMP_SUFFIX, ASIDE_SUFFIX))
        orphan = not is_temp and path.name not in known_filenames and now_s - modified_s > ORPHAN_AGE_S
        if orphan or (is_temp and modified_s < started_at_s):
            remove_quietly(path)
            removed.append(path.name)
        elif path.is_file() and path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_FILE_MODE)
    return removed
