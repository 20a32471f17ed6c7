"""Small parsers for request values, so every view refuses bad numbers the same way."""
from __future__ import annotations

from collections.abc import Mapping

from werkzeug.routing import IntegerConverter, ValidationError

from practice.ids import MAX_ID, whole_number
from practice.errors import UserError


def optional_int(values: Mapping[str, str], field: str, message: str, maximum: int = MAX_ID) -> int | None:
    """A whole number from a form or query, None when absent; anything else is a 400 with `message`."""
    raw = values.get(field, "").strip()
    if not raw:
        return None
    value = whole_number(raw, maximum)
    if value is None:
        raise UserError(message, 400)
    return value


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits only, and no id past what the database can hold (else 404)."""

    regex = r"[0-9]+"

    def to_python(self, value: str) -> int:
        number = whole_number(value)
        if number is None:
            raise ValidationError()
        return number
