"""Private files for LAN mode: keys and the passcode hash are readable by the owner only."""
from __future__ import annotations

import os
from pathlib import Path

LAN_FOLDER_NAME = "lan"


def lan_folder(instance_path: str | Path) -> Path:
    """instance/lan/, created 0700 so other users of the computer cannot list the keys."""
    folder = Path(instance_path) / LAN_FOLDER_NAME
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def write_private(path: Path, data: bytes) -> None:
    """Write 0600 from the first byte (no window where the file is world-readable), then swap it in."""
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
