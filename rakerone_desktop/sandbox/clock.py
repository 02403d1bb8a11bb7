"""Time as the API shows it: RFC 3339, UTC, ``Z``, whole seconds."""

from __future__ import annotations

import time


def now() -> int:
    """Now, in whole Unix seconds (every stored time has this resolution)."""
    return int(time.time())


def rfc3339(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(seconds)))


def rfc3339_or_none(seconds: float | None) -> str | None:
    return None if seconds is None else rfc3339(seconds)
