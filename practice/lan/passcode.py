"""The LAN passcode, kept only as a salted hash in the instance folder."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from practice.lan.files import write_private

PASSCODE_FILE_NAME = "passcode.hash"
# 8 random digits: 10^8 guesses at 5 a minute is about 38 years of trying, and it is easy to type on a phone.
GENERATED_DIGITS = 8
MIN_PASSCODE_CHARS = 6
# Werkzeug's default: scrypt, n=2^15 — about half a second per guess here, which slows any offline guessing too.
HASH_METHOD = "scrypt"


class PasscodeError(ValueError):
    """A passcode the user chose is too weak to protect the recordings."""


def passcode_file(folder: Path) -> Path:
    return folder / PASSCODE_FILE_NAME


def ensure_passcode(folder: Path, chosen: str | None) -> str | None:
    """Store the chosen passcode, or make one on the first start; returns a newly made one so it can be shown."""
    path = passcode_file(folder)
    if chosen is not None:
        chosen = str(chosen).strip()
        if len(chosen) < MIN_PASSCODE_CHARS:
            raise PasscodeError(f"PRACTICE_PASSCODE must be at least {MIN_PASSCODE_CHARS} characters.")
        if not check_passcode(folder, chosen):  # rewriting an equal one would change the salt and log phones out
            write_private(path, generate_password_hash(chosen, HASH_METHOD).encode())
        return None
    if path.exists():
        return None
    return new_passcode(folder)


def new_passcode(folder: Path) -> str:
    """Replace the passcode with a fresh random one; every device must log in again."""
    made = "".join(secrets.choice("0123456789") for _ in range(GENERATED_DIGITS))
    write_private(passcode_file(folder), generate_password_hash(made, HASH_METHOD).encode())
    return made


def check_passcode(folder: Path, typed: str) -> bool:
    stored = _stored_hash(folder)
    return bool(stored) and check_password_hash(stored, typed.strip())


def passcode_fingerprint(folder: Path) -> str:
    """Part of the login session: a new passcode changes it, so sessions made with the old one end."""
    stored = _stored_hash(folder)
    return hashlib.sha256(stored.encode()).hexdigest()[:16] if stored else ""


def same_fingerprint(a: str, b: str) -> bool:
    return bool(a) and hmac.compare_digest(a, b)


def _stored_hash(folder: Path) -> str:
    try:
        return passcode_file(folder).read_text().strip()
    except FileNotFoundError:
        return ""
