"""The passcode: made at the first start, settable, stored only as a hash."""
from __future__ import annotations

import stat

import pytest

from practice.lan.files import lan_folder
from practice.lan.passcode import (GENERATED_DIGITS, PasscodeError, check_passcode, ensure_passcode, new_passcode,
                                   passcode_file, passcode_fingerprint)


@pytest.fixture
def folder(tmp_path):
    return lan_folder(tmp_path / "instance")


def test_first_start_makes_a_passcode_and_stores_only_its_hash(folder):
    made = ensure_passcode(folder, None)

    assert made is not None and made.isdigit() and len(made) == GENERATED_DIGITS
    stored = passcode_file(folder).read_text()
    assert made not in stored
    assert stat.S_IMODE(passcode_file(folder).stat().st_mode) == 0o600
    assert check_passcode(folder, made)
    assert check_passcode(folder, f" {made}\n"), "spaces around a typed passcode do not matter"
    assert not check_passcode(folder, "00000000" if made != "00000000" else "11111111")


def test_later_starts_keep_the_passcode_and_show_nothing(folder):
    made = ensure_passcode(folder, None)

    assert ensure_passcode(folder, None) is None
    assert check_passcode(folder, made)


def test_a_chosen_passcode_replaces_the_made_one(folder):
    made = ensure_passcode(folder, None)

    assert ensure_passcode(folder, "blue-harbour-7") is None
    assert check_passcode(folder, "blue-harbour-7")
    assert not check_passcode(folder, made)


def test_the_same_chosen_passcode_at_each_start_keeps_sessions_valid(folder):
    ensure_passcode(folder, "blue-harbour-7")
    fingerprint = passcode_fingerprint(folder)

    ensure_passcode(folder, "blue-harbour-7")

    assert passcode_fingerprint(folder) == fingerprint


def test_a_new_passcode_changes_the_fingerprint_sessions_carry(folder):
    ensure_passcode(folder, None)
    fingerprint = passcode_fingerprint(folder)

    new_passcode(folder)

    assert passcode_fingerprint(folder) != fingerprint


@pytest.mark.parametrize("weak", ["", "12345", "  abc  "])
def test_a_short_chosen_passcode_is_refused(folder, weak):
    with pytest.raises(PasscodeError, match="at least 6"):
        ensure_passcode(folder, weak)


def test_no_stored_passcode_lets_nobody_in(folder):
    assert not check_passcode(folder, "")
    assert not check_passcode(folder, "anything")
