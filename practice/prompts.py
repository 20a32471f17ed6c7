"""Find a prompt by key, from the catalogue or the user's own questions, as one Prompt type."""
from __future__ import annotations

from practice.catalog import KINDS, Prompt, load_catalog
from practice.errors import UserError
from practice.extensions import db
from practice.ids import whole_number
from practice.models import CUSTOM_KEY_PREFIX, CustomPrompt
from practice.uploads import PromptRef


def as_prompt(custom: CustomPrompt) -> Prompt:
    """A user's question in the catalogue's shape, so pages and answers treat both alike."""
    return Prompt(key=custom.key, kind=custom.kind, milestone=KINDS[custom.kind].milestone, text=custom.text,
                  target_s=custom.target_s, skills=tuple(custom.skills or ()))


def find_prompt(key: str) -> Prompt | None:
    if key.startswith(CUSTOM_KEY_PREFIX):
        number = whole_number(key.removeprefix(CUSTOM_KEY_PREFIX))
        custom = db.session.get(CustomPrompt, number) if number is not None else None
        return as_prompt(custom) if custom else None
    return load_catalog().prompt(key)


def own_questions_of(kind: str) -> list[Prompt]:
    rows = db.session.scalars(db.select(CustomPrompt).where(CustomPrompt.kind == kind)
                              .order_by(CustomPrompt.created_at.desc())).all()
    return [as_prompt(row) for row in rows]


def resolve_prompt(key: str) -> PromptRef:
    prompt = find_prompt(key)
    if prompt is None:
        raise UserError(f"There is no question with the id '{key}'.", 400)
    return PromptRef(key=prompt.key, text=prompt.text, kind=prompt.kind, script=prompt.script)
