"""The catalogue's content-check vectors for the tests, encoded by the real model once per checkout.

Every test process that checks an answer's content first encodes the catalogue's 669 question texts (about
5 s of CPU), and `scripts/test --fast` runs two such processes on every run. The first process to need them
encodes them for real and saves them the way the server keeps them between starts (practice/checks/
vector_file.py); later processes and runs read the file back.
"""
from __future__ import annotations

import fcntl
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from practice.checks.vector_file import load_or_encode

Encode = Callable[[Sequence[str]], np.ndarray]


def stored_vectors(folder: Path, texts: Sequence[str], encode: Encode) -> dict[str, np.ndarray]:
    """`texts`' vectors from the folder's file, made with `encode` by whichever process asks first."""
    from practice.speech.embeddings import WIDTH, fingerprint

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other xdist worker waits for the file instead of encoding too
        vectors = load_or_encode(folder, texts, fingerprint(), WIDTH, lambda wanted: encode(list(wanted)))
    return dict(zip(texts, vectors, strict=True))


def encode_with_stored(stored: dict[str, np.ndarray], encode: Encode) -> Encode:
    """`encode`, except that stored texts are read from `stored`; every other text goes through the model."""

    def encode_texts(texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in stored]
        if not texts or len(missing) == len(texts):
            return encode(texts)
        fresh = dict(zip(missing, encode(missing), strict=True)) if missing else {}
        return np.vstack([stored[t] if t in stored else fresh[t] for t in texts])

    return encode_texts
