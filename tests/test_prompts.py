"""A prompt key finds the catalogue's question or the user's own, as one Prompt type."""
import pytest

from practice.errors import UserError
from practice.extensions import db
from practice.models import CustomPrompt
from practice.prompts import find_prompt, own_questions_of, resolve_prompt


def test_catalogue_and_own_questions_resolve_alike(app):
    with app.app_context():
        row = CustomPrompt(kind="phone-interview", text="Why our company?", target_s=45, skills=["content"])
        db.session.add(row)
        db.session.commit()
        own = find_prompt(row.key)
        assert (own.kind, own.text, own.target_s, own.skills) == ("phone-interview", "Why our company?", 45,
                                                                  ("content",))
        assert own.milestone == "phone-interview"
        assert [p.key for p in own_questions_of("phone-interview")] == [row.key]
        assert own_questions_of("introduction") == []
        catalogue = find_prompt("intro-tell-me-about-yourself")
        assert catalogue is not None and catalogue.kind == "introduction"
        assert resolve_prompt(row.key).text == "Why our company?"


def test_unknown_keys_are_none_or_a_plain_400(app):
    with app.app_context():
        assert find_prompt("custom-999") is None and find_prompt("custom-x") is None
        assert find_prompt("no-such-prompt") is None
        with pytest.raises(UserError) as refused:
            resolve_prompt("no-such-prompt")
        assert refused.value.status == 400 and "no-such-prompt" in refused.value.message
