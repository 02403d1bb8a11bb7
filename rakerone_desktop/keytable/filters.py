"""Which rows pass the chosen filter: byte masks (one byte 0 or 1 per row), built at C speed.

A key's status is the server's (``ApiKey.lifecycle_status``; a part-1 key is
revoked or active). The server's word can be a little old: a key it called
active whose ``expires_at`` has passed since is expired here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from operator import gt, le, lt
from typing import ClassVar

from rakerone_desktop.keytable.permissions import PermissionSets
from rakerone_desktop.keytable.store import (
    ACTIVE,
    DISABLED,
    EXPIRED,
    NO_EXPIRY,
    PreparedKeys,
)

DAY_S = 86400.0
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def _status_is(*codes: int) -> bytes:
    """A ``bytes.translate`` table: 1 for the status codes given, else 0."""
    return bytes(int(c in codes) for c in range(256))


_IS_ACTIVE = _status_is(ACTIVE)
_IS_DISABLED = _status_is(DISABLED)
_IS_EXPIRED = _status_is(EXPIRED)
_NOT_OVER = _status_is(ACTIVE, DISABLED)  # not revoked, not expired (by the server's word)


class KeyFilter:
    ALL = "all"
    NEVER_USED = "never_used"
    UNUSED = "unused"
    IMPERSONATE = "impersonate"
    REVOKED = "revoked"
    # Part 2 (key lifecycle and exposure reports): offered only when the server is.
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"
    NO_EXPIRY = "no_expiry"
    DISABLED = "disabled"
    EXPOSED = "exposed"

    ORDER = (
        ALL,
        NEVER_USED,
        UNUSED,
        IMPERSONATE,
        REVOKED,
        EXPIRING_SOON,
        EXPIRED,
        NO_EXPIRY,
        DISABLED,
        EXPOSED,
    )
    #: The server feature (``Organization.features``) a filter needs; the others are part 1's.
    FEATURE: ClassVar[Mapping[str, str]] = {
        EXPIRING_SOON: "key_expiry",
        EXPIRED: "key_expiry",
        NO_EXPIRY: "key_expiry",
        DISABLED: "key_disable",
        EXPOSED: "exposure_reports",
    }


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


def expired(rows: PreparedKeys, now: float) -> bytes:
    """1 for each key expired: so says the server, or its ``expires_at`` has passed
    since (a revoked key is revoked, not expired)."""
    passed = bytes(map(le, rows.expires, repeat(now)))
    over = rows.status.translate(_IS_EXPIRED)
    return either(over, both(passed, rows.status.translate(_NOT_OVER)))


def usable(rows: PreparedKeys, now: float) -> bytes:
    """1 for each key that works as a credential now: active, and not past its expiry."""
    left = bytes(map(gt, rows.expires, repeat(now)))
    return both(rows.status.translate(_IS_ACTIVE), left)


def filter_mask(
    rows: PreparedKeys,
    name: str,
    unused_days: int,
    now: float,
    sets: PermissionSets,
    warning_days: int = 14,
) -> bytes:
    """One byte per row of ``rows``: 1 if it passes the filter ``name``."""
    if name == KeyFilter.ALL:  # every key but the revoked ones (they have their filter)
        return active(rows)
    if name == KeyFilter.REVOKED:
        return bytes(rows.revoked)
    if name == KeyFilter.EXPIRED:
        return expired(rows, now)
    if name == KeyFilter.DISABLED:
        return bytes(rows.status.translate(_IS_DISABLED))
    if name == KeyFilter.EXPOSED:
        return bytes(map(gt, rows.exposed, repeat(0.0)))
    if name == KeyFilter.NO_EXPIRY:
        never = bytes(map(le, repeat(NO_EXPIRY), rows.expires))
        return both(never, rows.status.translate(_NOT_OVER))
    mask = usable(rows, now)
    if name == KeyFilter.NEVER_USED:
        mask = both(mask, bytes(map(lt, rows.last_used, repeat(0.0))))
    elif name == KeyFilter.UNUSED:
        limit = now - unused_days * DAY_S
        mask = both(mask, bytes(map(lt, rows.last_used, repeat(limit))))
    elif name == KeyFilter.IMPERSONATE:
        can = {ids: s.impersonates for ids, s in sets.sets.items()}
        mask = both(mask, bytes(map(can.__getitem__, rows.perms)))
    elif name == KeyFilter.EXPIRING_SOON:
        limit = now + warning_days * DAY_S
        mask = both(mask, bytes(map(le, rows.expires, repeat(limit))))
    return mask


__all__ = ["KeyFilter", "active", "both", "either", "expired", "filter_mask", "usable"]
