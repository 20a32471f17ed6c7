"""Small parsers for request values, so every view refuses bad numbers the same way."""
from __future__ import annotations

from collections.abc import Mapping

from practice.errors import UserError


def optional_int(values: Mapping[str, str], field: str, message: str) -> int | None:
    """A whole number from a form or query, None when absent; anything else is a 400 with `message`."""
    raw = values.get(field, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise UserError(message, 400)
    return int(raw)
