"""Sentence vectors of a fixed list of texts, kept in a file between starts of the server.

Encoding the catalogue's texts (669 of them) costs about 5 s of CPU, which every start paid again while the
first answer was being recorded. The file is named after the model's checksum and the texts, in order, so a
changed catalogue, model, encoder or numpy never reads another's vectors.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

PREFIX = "content-vectors-"


def vector_file(folder: Path, texts: Sequence[str], encoder_fingerprint: str) -> Path:
    """The file for exactly these texts, in this order, encoded by the encoder with this fingerprint."""
    digest = hashlib.sha256()
    for part in (encoder_fingerprint, *texts):
        digest.update(part.encode() + b"\0")
    return folder / f"{PREFIX}{digest.hexdigest()[:24]}.npy"


def load_or_encode(folder: Path, texts: Sequence[str], encoder_fingerprint: str, width: int,
                   encode: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    """The texts' vectors (one row each) from their file, or from encode(texts), which are then stored."""
    path = vector_file(folder, texts, encoder_fingerprint)
    stored = _read(path, (len(texts), width))
    if stored is not None:
        return stored
    vectors = np.asarray(encode(texts), dtype=np.float32)
    _write(path, vectors)
    return vectors


def _read(path: Path, shape: tuple[int, int]) -> np.ndarray | None:
    """The stored vectors, or None when the file is missing, damaged or not of this shape."""
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if vectors.shape != shape or vectors.dtype != np.float32 or not np.isfinite(vectors).all():
        return None
    return vectors


def _write(path: Path, vectors: np.ndarray) -> None:
    """Write atomically and drop older catalogues' files; a folder that cannot be written only costs a slower start."""
    staging = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staging = tempfile.mkstemp(prefix=".vectors-", suffix=".npy", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            np.save(out, vectors, allow_pickle=False)
        os.replace(staging, path)
        staging = None
        for old in path.parent.glob(f"{PREFIX}*.npy"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not keep the content vectors in %s (%s); the next start encodes them again",
                    path.parent, error)
    finally:
        if staging is not None:
            Path(staging).unlink(missing_ok=True)
