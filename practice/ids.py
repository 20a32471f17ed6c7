"""Numbers typed into URLs and forms: ASCII digits that fit the database, or nothing."""
from __future__ import annotations

# SQLite's INTEGER is signed 64-bit: a larger id cannot exist, and SQLAlchemy would raise OverflowError.
MAX_ID = 2**63 - 1


def whole_number(raw: str, maximum: int = MAX_ID) -> int | None:
    """ASCII digits up to maximum, else None: '²' and '١' pass str.isdigit() but are no number here."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(maximum)):
        return None
    value = int(raw)
    return value if value <= maximum else None
