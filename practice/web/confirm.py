"""Deleting a row the one way every page does it: a GET page that asks first, then a POST that deletes."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template

from practice.extensions import db

Farewell = Callable[[object], tuple[str, str]]


def confirm_then_delete(bp: Blueprint, rule: str, model: type, *, name: str, template: str, farewell: Farewell) -> None:
    """Add `confirm_delete_<name>` (GET `rule`: `template` with the row as `name`) and `delete_<name>` (POST `rule`).

    `farewell(row)` gives the message shown once the row is gone and the page to go to; it is read before the delete,
    while the row still holds its values.
    """

    def confirm(**ids: int):
        return render_template(template, **{name: _row(model, ids)})

    def delete(**ids: int):
        row = _row(model, ids)
        message, next_url = farewell(row)
        db.session.delete(row)
        db.session.commit()
        flash(message, "success")
        return redirect(next_url, code=303)

    bp.add_url_rule(rule, f"confirm_delete_{name}", confirm, methods=["GET"])
    bp.add_url_rule(rule, f"delete_{name}", delete, methods=["POST"])


def _row(model: type, ids: dict[str, int]):
    """The row the URL names (its one id), or a 404."""
    (row_id,) = ids.values()
    return db.get_or_404(model, row_id)
