"""Settings of a running sandbox, as the command line chose them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    # A key's last use is written at most once per this many seconds.
    last_used_interval: int = 60
    # How long a session token lives (the contract: 12 hours).
    session_ttl: int = 12 * 60 * 60
    # How long an Idempotency-Key is remembered (the contract: 24 hours).
    idempotency_ttl: int = 24 * 60 * 60
    # Which part of the contract to serve: 2 (all) or 1 (no key lifecycle, for
    # trying a client against a part-1 server).
    api_part: int = 2
