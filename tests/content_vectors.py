"""The catalogue's content-check vectors for the tests, encoded by the real model once per checkout.

Every test process that checks an answer's content first encodes the catalogue's 669 question texts (about
5 s of CPU), and `scripts/test --fast` runs two such processes on every run. The first process to need them
encodes them for real and saves the result; later processes and runs read the file back. The file's name
is a hash of everything its vectors depend on (the model's checksums, the encoder's source, numpy's version
and the texts), so a change to any of them makes the next run encode again.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]


def store_name(texts: Sequence[str]) -> str:
    from practice.speech import embeddings

    digest = hashlib.sha256()
    for part in (embeddings.WEIGHTS_SHA256, embeddings.TOKENIZER_SHA256, np.__version__, *texts):
        digest.update(part.encode() + b"\0")
    digest.update(Path(embeddings.__file__).read_bytes())
    return f"{digest.hexdigest()[:24]}.npy"


def stored_vectors(folder: Path, texts: Sequence[str], encode: Encode) -> dict[str, np.ndarray]:
    """`texts`' vectors from the folder's file, made with `encode` by whichever process asks first."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / store_name(texts)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other xdist worker waits for the file instead of encoding too
        if not path.exists():
            for old in folder.glob("*.npy"):
                old.unlink()
            part = folder / "vectors.part"
            with part.open("wb") as out:
                np.save(out, encode(list(texts)))
            os.replace(part, path)
        vectors = np.load(path)
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
