"""Domain errors carry a message for people and a 4xx status, with no web imports."""
import subprocess
import sys

from practice.errors import UserError


def test_a_user_error_is_a_400_unless_told_otherwise():
    assert (UserError("Pick a kind.").status, UserError("Busy.", 409).status) == (400, 409)
    assert str(UserError("Pick a kind.")) == "Pick a kind."


def test_the_domain_layers_load_without_the_web_layer():
    code = ("import sys, practice.errors, practice.analysis, practice.jobs, practice.uploads, practice.prompts; "
            "sys.exit(any(m.startswith('practice.web') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
