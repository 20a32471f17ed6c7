"""Find the prompt an answer responds to, from the catalogue or the user's own questions."""
from __future__ import annotations

from practice.catalog import load_catalog
from practice.uploads import PromptRef
from practice.web.errors import UserError


def resolve_prompt(key: str) -> PromptRef:
    prompt = load_catalog().prompt(key)
    if prompt is None:
        raise UserError(f"There is no question with the id '{key}'.", 400)
    return PromptRef(key=prompt.key, text=prompt.text, kind=prompt.kind, script=prompt.script)
