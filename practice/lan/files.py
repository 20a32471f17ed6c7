"""Private files for LAN mode: keys and the passcode hash are readable by the owner only."""
from __future__ import annotations

import os
from pathlib import Path

from practice.storage import PRIVATE_FILE_MODE, make_private_dir

LAN_FOLDER_NAME = "lan"


def lan_folder(instance_path: str | Path) -> Path:
    """instance/lan/, owner-only so other users of the computer cannot list the keys."""
    folder = Path(instance_path) / LAN_FOLDER_NAME
    make_private_dir(folder)
    return folder


def write_private(path: Path, data: bytes) -> None:
    """Write owner-only from the first byte (no moment where it is readable by others), then swap it in."""
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)  # a leftover could have other permissions; the mode applies only when creating
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
