"""Which rows pass the chosen filter: byte masks (one byte 0 or 1 per row), built at C speed."""

from __future__ import annotations

from itertools import repeat
from operator import lt

from rakerone_desktop.keytable.permissions import PermissionSets
from rakerone_desktop.keytable.store import PreparedKeys

DAY_S = 86400.0
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")


class KeyFilter:
    ALL = "all"
    NEVER_USED = "never_used"
    UNUSED = "unused"
    IMPERSONATE = "impersonate"
    REVOKED = "revoked"

    ORDER = (ALL, NEVER_USED, UNUSED, IMPERSONATE, REVOKED)


def both(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """Row masks combined with AND, at C speed."""
    n = len(a)
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(n, "little")


def either(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """Row masks combined with OR, at C speed."""
    n = len(a)
    return (int.from_bytes(a, "little") | int.from_bytes(b, "little")).to_bytes(n, "little")


def active(rows: PreparedKeys) -> bytes:
    """1 for each key not revoked."""
    return bytes(rows.revoked.translate(_FLIP))


def filter_mask(
    rows: PreparedKeys, name: str, unused_days: int, now: float, sets: PermissionSets
) -> bytes:
    """One byte per row of ``rows``: 1 if it passes the filter ``name``."""
    if name == KeyFilter.REVOKED:
        return bytes(rows.revoked)
    mask = active(rows)
    if name == KeyFilter.NEVER_USED:
        mask = both(mask, bytes(map(lt, rows.last_used, repeat(0.0))))
    elif name == KeyFilter.UNUSED:
        limit = now - unused_days * DAY_S
        mask = both(mask, bytes(map(lt, rows.last_used, repeat(limit))))
    elif name == KeyFilter.IMPERSONATE:
        can = {ids: s.impersonates for ids, s in sets.sets.items()}
        mask = both(mask, bytes(map(can.__getitem__, rows.perms)))
    return mask
