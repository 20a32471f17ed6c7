"""Typed field readers that name the file, the entry and the field when data is wrong."""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class CatalogError(ValueError):
    """A catalogue data file is missing, malformed or breaks a rule; the message says where."""


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise CatalogError(f"{path.name}: file is missing (looked in {path.parent})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path.name}: not valid TOML: {exc}") from None


@dataclass(frozen=True)
class Entry:
    """One table of a data file, with where it came from for error messages."""

    file: str
    label: str
    data: dict[str, Any]

    def fail(self, field: str, problem: str) -> CatalogError:
        return CatalogError(f"{self.file}: {self.label}: field '{field}': {problem}")

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        extra = sorted(set(self.data) - set(allowed))
        if extra:
            raise self.fail(extra[0], "unknown field (check the spelling)")

    def text(self, field: str, *, required: bool = True) -> str | None:
        value = self.data.get(field)
        if value is None:
            if required:
                raise self.fail(field, "is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be non-empty text")
        return " ".join(value.split())

    def number(self, field: str, *, minimum: float = 0, default: float | None = None) -> float:
        value = self.data.get(field, default)
        if value is None:
            raise self.fail(field, "is missing")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            raise self.fail(field, f"must be a number of at least {minimum}")
        return value

    def whole(self, field: str, *, minimum: int = 0, default: int | None = None) -> int:
        value = self.number(field, minimum=minimum, default=default)
        if not isinstance(value, int):
            raise self.fail(field, "must be a whole number")
        return value

    def choice(self, field: str, options: Iterable[str]) -> str:
        value = self.text(field)
        options = tuple(options)
        if value not in options:
            raise self.fail(field, f"{value!r} is not one of {', '.join(options)}")
        return value

    def texts(self, field: str, *, required: bool = True, options: Iterable[str] | None = None) -> tuple[str, ...]:
        value = self.data.get(field)
        if value is None:
            if required:
                raise self.fail(field, "is missing")
            return ()
        if (not isinstance(value, list) or not value
                or not all(isinstance(v, str) and v.strip() for v in value)):
            raise self.fail(field, "must be a non-empty list of text")
        items = tuple(" ".join(v.split()) for v in value)
        if options is not None:
            options = tuple(options)
            bad = [v for v in items if v not in options]
            if bad:
                raise self.fail(field, f"{bad[0]!r} is not one of {', '.join(options)}")
        return items

    def table(self, field: str) -> dict[str, Any]:
        value = self.data.get(field)
        if not isinstance(value, dict):
            raise self.fail(field, "must be a table")
        return value

    def tables(self, field: str) -> list[dict[str, Any]]:
        value = self.data.get(field)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(field, f"must be an array of tables ([[{field}]])")
        return value
