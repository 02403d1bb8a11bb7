"""Comparisons of secrets that take the same time whatever they hold."""

from __future__ import annotations

import hmac


def same_state(expected: str, received: str | None) -> bool:
    """Constant-time comparison: how long it takes tells nothing about ``expected``."""
    if received is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8", "replace"))
