"""Domain errors carry a message for people and a 4xx status (tests/test_layers.py keeps them free of the web layer)."""
from practice.errors import UserError


def test_a_user_error_is_a_400_unless_told_otherwise():
    assert (UserError("Pick a kind.").status, UserError("Busy.", 409).status) == (400, 409)
    assert str(UserError("Pick a kind.")) == "Pick a kind."

