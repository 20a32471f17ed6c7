"""The recordings as one zip whose length is known before the first byte, with MANIFEST.sha256 written last.

A reader can tell a cut-off download three ways: fewer bytes than Content-Length, no zip central
directory, and no manifest. After unzipping, `sha256sum -c MANIFEST.sha256` checks every recording.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from zipstream import ZipStream

from practice import storage
from practice.extensions import db
from practice.models import Answer

MANIFEST_NAME = "MANIFEST.sha256"
READ_BYTES = 1 << 16
SHA256_HEX_CHARS = 64


@dataclass(frozen=True)
class Entry:
    path: Path
    name: str
    size_bytes: int


class RecordingsArchive:
    """Iterate it for the zip's bytes; len() is its exact size. Files are read (and hashed) only while iterating."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._digests: list[str] = []
        self._zip = ZipStream(sized=True)  # stored, not deflated: audio is already compressed
        for entry in entries:
            self._zip.add(self._hashed(entry), entry.name, size=entry.size_bytes)
        self._zip.add(self._manifest(), MANIFEST_NAME, size=manifest_size_bytes(entries))
        self._zip.comment = f"practice: {len(entries)} recordings; {MANIFEST_NAME} holds their SHA-256".encode()

    def __len__(self) -> int:
        return len(self._zip)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._zip)

    def _hashed(self, entry: Entry) -> Iterator[bytes]:
        digest = hashlib.sha256()
        with open(entry.path, "rb") as stream:
            while chunk := stream.read(READ_BYTES):
                digest.update(chunk)
                yield chunk
        self._digests.append(digest.hexdigest())

    def _manifest(self) -> Iterator[bytes]:
        """sha256sum's own format, one line a recording; reached only after every recording was read whole."""
        if len(self._digests) != len(self.entries):
            raise RuntimeError("the manifest was reached before every recording was read")
        yield "".join(manifest_line(digest, entry.name)
                      for digest, entry in zip(self._digests, self.entries, strict=True)).encode()


def manifest_line(sha256_hex: str, name: str) -> str:
    return f"{sha256_hex}  {name}\n"


def manifest_size_bytes(entries: list[Entry]) -> int:
    return sum(len(manifest_line("0" * SHA256_HEX_CHARS, entry.name).encode()) for entry in entries)


def recordings_archive() -> RecordingsArchive:
    """Every recording that still exists, named by answer id, date and prompt; the database is read here, whole."""
    query = db.select(Answer.id, Answer.created_at, Answer.prompt_key, Answer.audio_filename, Answer.audio_format)
    entries = []
    for answer_id, created_at, prompt_key, filename, audio_format in db.session.execute(query.order_by(Answer.id)):
        path = storage.recording_path(filename)
        try:
            size_bytes = path.stat().st_size
        except FileNotFoundError:
            continue
        entries.append(Entry(path, f"{answer_id:05d}-{created_at:%Y-%m-%d}-{_safe_name(prompt_key)}.{audio_format}",
                             size_bytes))
    return RecordingsArchive(entries)


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:60]
