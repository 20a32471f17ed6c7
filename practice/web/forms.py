"""How every page reads what was typed: Flask-WTF forms with plain messages, and parsers for ids in URLs and queries."""
from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from werkzeug.routing import IntegerConverter, ValidationError
from wtforms import IntegerField, TextAreaField

from practice.errors import UserError
from practice.ids import MAX_ID, whole_number


class PageForm(FlaskForm):
    """A page's form; a refused one is shown again filled in, with its first problem as one plain message."""

    @property
    def first_error(self) -> str | None:
        """The first problem in field order (nested forms and lists included), or None."""
        return _first_message(list(self.errors.values()))


def _first_message(errors) -> str | None:
    for error in errors:
        if isinstance(error, str):
            return error
        found = _first_message(list(error.values()) if isinstance(error, dict) else error)
        if found:
            return found
    return None


def stripped(value: str | None) -> str | None:
    """Leading and trailing blanks are never part of what the user meant to write."""
    return value.strip() if isinstance(value, str) else value


class WholeNumberField(IntegerField):
    """An IntegerField that takes ASCII digits only: int() would also take '٤٥', '4_5' and '-5'."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        self.data = whole_number(valuelist[0])
        if self.data is None:
            raise ValueError(self.invalid_value_message or "Give a whole number.")


class LinesField(TextAreaField):
    """A textarea read as one item a line: blank lines dropped, runs of spaces folded; shown as it was typed."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            self.data = [" ".join(line.split()) for line in valuelist[0].splitlines() if line.strip()]

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else "\n".join(self.data or ())


def optional_int(values: Mapping[str, str], field: str, message: str, maximum: int = MAX_ID) -> int | None:
    """A whole number from a query or an API request, None when absent; anything else is a 400 with `message`."""
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
