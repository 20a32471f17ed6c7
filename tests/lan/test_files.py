"""LAN mode's private files: the folder and every key or hash in it are readable by the owner only."""
import os
import stat

import pytest

from practice.lan.files import lan_folder, write_private


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_lan_folder_is_made_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0o000)
    try:
        folder = lan_folder(tmp_path / "instance")
    finally:
        os.umask(old)
    assert folder == tmp_path / "instance" / "lan"
    assert mode(folder) == 0o700


def test_a_private_file_is_owner_only_and_replaces_the_old_one_whole(tmp_path):
    key = tmp_path / "server.key"
    key.write_bytes(b"old")
    key.chmod(0o644)
    write_private(key, b"new key")
    assert key.read_bytes() == b"new key"
    assert mode(key) == 0o600
    assert list(tmp_path.iterdir()) == [key]


def test_a_leftover_part_file_with_open_permissions_is_not_reused(tmp_path):
    part = tmp_path / "passcode.hash.part"
    part.write_bytes(b"stale")
    part.chmod(0o666)
    write_private(tmp_path / "passcode.hash", b"hash")
    assert mode(tmp_path / "passcode.hash") == 0o600 and not part.exists()


def test_a_failed_write_leaves_the_old_file_and_no_part_file(tmp_path, monkeypatch):
    key = tmp_path / "ca.key"
    key.write_bytes(b"old")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_private(key, b"new")
    assert key.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [key]
