"""Errors the domain raises for bad input; the web layer only decides how they look."""
from __future__ import annotations


class UserError(Exception):
    """Bad input from the user: shown as a plain message with a 4xx status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class StorageError(Exception):
    """A file on this computer could not be written or removed; nothing half-done was kept. 500, or 507 when full."""

    def __init__(self, message: str, status: int = 500) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
