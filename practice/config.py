"""Defaults for every setting; instance/config.py and PRACTICE_* variables override them."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


class Defaults:
    # Uploads: 25 MiB and 10 minutes are generous for one spoken answer.
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    MAX_DURATION_S = 600
    # Speech recognition: base (0.9 % WER on clean clips against tiny.en's 3.5 %, AUDIO_STACK.md) is the
    # default; tiny.en is the fast option. Both ship in pip packages.
    ASR_MODEL = "base"
    ASR_ENGINE = "whisper"
    ASR_THREADS = 2
    # One analysis at a time keeps memory bounded and leaves a core for the web server.
    ANALYSIS_WORKERS = 1
    SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"timeout": 30}}
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    # Host names served besides 127.0.0.1, localhost and [::1] (always allowed): a list, or "a.local, b.local".
    ALLOWED_HOSTS: list[str] = []
    # Exports up to this size are built whole before sending (an error, never a cut-off file); larger ones stream
    # and end with a marker (the zip's MANIFEST.sha256, the JSON's "end") that a cut-off download lacks.
    EXPORT_WHOLE_MAX_BYTES = 50 * 1000 * 1000


# Keys copied from tutorials and templates; anyone could forge sessions and CSRF tokens with them.
KNOWN_WEAK_SECRET_KEYS = frozenset({
    "dev", "development", "changeme", "change-me", "change_me", "secret", "secret-key", "secretkey",
    "default", "test", "testing", "password", "insecure", "please-change-me", "your-secret-key",
})
MIN_SECRET_KEY_CHARS = 16


def refuse_weak_secret_key(config) -> None:
    """Only debug and test runs may sign sessions with a guessable key; anything else must not start."""
    if config.get("DEBUG") or config.get("TESTING"):
        return
    key = config.get("SECRET_KEY") or ""
    text = key.decode(errors="replace") if isinstance(key, bytes) else str(key)
    if text.strip().lower() in KNOWN_WEAK_SECRET_KEYS or len(text.strip()) < MIN_SECRET_KEY_CHARS:
        raise RuntimeError("SECRET_KEY is a known or short value. Remove it from the settings to use the "
                           "random key kept in the instance folder, or set a long random one.")


def load_secret_key(instance_path: Path) -> str:
    """A random key made once per install, so no known default key ever signs sessions."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_hex(32))
    return key_file.read_text().strip()
