"""Settings of a running sandbox, as the command line chose them."""

from __future__ import annotations

from dataclasses import dataclass, field

# The names a loopback sandbox answers to, whatever address it listens on.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True, slots=True)
class Settings:
    # A key's last use is written at most once per this many seconds.
    last_used_interval: int = 60
    # How long a session token lives (the contract: 12 hours).
    session_ttl: int = 12 * 60 * 60
    # How long an Idempotency-Key is remembered (the contract: 24 hours).
    idempotency_ttl: int = 24 * 60 * 60
    # Whether POST /sessions accepts a password (off: browser sign-in only).
    password_sign_in: bool = True
    # The address the server was told to listen on, as clients reach it
    # (``scheme://host:port``); absolute URLs are built from it, never from
    # the Host header. None when serving without one (tests, export).
    public_url: str | None = None
    # The hostnames a request's Host header may name (ports are not compared);
    # None answers any (--allow-remote). Anything else is a 421: a web page
    # that rebinds its own domain name to 127.0.0.1 cannot reach the API.
    allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS
    # Which part of the contract to serve: 2 (all) or 1 (no key lifecycle, for
    # trying a client against a part-1 server).
    api_part: int = 2
    # The public keys (PEM) that may sign exposure reports, by identifier
    # (``--scanning-public-key ID=PEM_FILE``); none: the report route is a 404.
    scanning_public_keys: tuple[tuple[str, bytes], ...] = field(default=())
