"""Recordings on disk: written atomically, named by a random id, never by user input."""
from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event

from practice.extensions import db

TMP_SUFFIX = ".part"


def init_app(app: Flask) -> None:
    Path(app.config["RECORDINGS_DIR"]).mkdir(parents=True, exist_ok=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _tune_sqlite)


def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets the page read while the worker writes; the busy timeout waits instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


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
        with open(tmp, "wb") as out:
            while chunk := stream.read(chunk_bytes):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        remove_quietly(tmp)
        raise
    return tmp


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
    try:
        path.unlink()
    except FileNotFoundError:
        pass


# Old enough that no upload still in flight can own the file.
ORPHAN_AGE_S = 600


def sweep_orphans(known_filenames: set[str], now_s: float | None = None) -> list[str]:
    """Remove temp files and files with no Answer row, left by a crash mid-upload."""
    now_s = time.time() if now_s is None else now_s
    removed = []
    for path in recordings_dir().iterdir():
        stale = now_s - path.stat().st_mtime > ORPHAN_AGE_S
        if stale and (path.name.endswith(TMP_SUFFIX) or path.name not in known_filenames):
            remove_quietly(path)
            removed.append(path.name)
    return removed
