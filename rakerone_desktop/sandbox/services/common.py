"""What the sandbox's services share: who calls, what they get back, and the
helpers that build refusals and events."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.store import KeyCredential, KeyRow, NewEvent, User

_MAX_USER_AGENT = 512


@dataclass(frozen=True, slots=True)
class SessionPrincipal:
    user: User
    token_digest: str


@dataclass(frozen=True, slots=True)
class KeyPrincipal:
    key: KeyCredential


Principal = SessionPrincipal | KeyPrincipal


@dataclass(frozen=True, slots=True)
class Caller:
    """Where a request came from, for last-used and events."""

    ip: str | None
    user_agent: str | None


@dataclass(frozen=True, slots=True)
class SignedIn:
    token: str
    expires_at: float
    user: User


@dataclass(frozen=True, slots=True)
class Created:
    key: KeyRow
    secret: str | None
    replayed: bool


# What this sandbox serves of part 2, as ``GET /organization`` lists it.
FEATURES = (
    "key_expiry",
    "key_disable",
    "key_metadata",
    "key_rotate",
    "audit_log",
    "oauth_sign_in",
)
# Listed only when at least one scanner key is configured.
EXPOSURE_FEATURE = "exposure_reports"

DAY = 24 * 60 * 60
# An expiry must be at least this far ahead when it is set.
MIN_EXPIRY_AHEAD = 60 * 60

DisableOutcome = Literal["disabled", "already_disabled", "inactive", "not_found"]


@dataclass(frozen=True, slots=True)
class KeyFields:
    """The part-2 fields of a create, as sent (``expires_at`` unset: not in the body)."""

    expires_at: str | None = None
    expires_at_set: bool = False
    description: str = ""
    owner_id: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rotated:
    key: KeyRow
    secret: str | None
    old_key: KeyRow
    replayed: bool


def key_inactive(row: KeyRow, now: int) -> Problem:
    status = row.status(now)
    return Problem(
        "key-inactive",
        f"This key is {status}: a {status} key cannot be changed. "
        + ("Revoking is permanent." if status == "revoked" else "Create or rotate to a new key."),
    )


def not_found() -> Problem:
    return Problem("not-found", "No API key has this id.")


def body_fingerprint(body: Any) -> str:
    """Equal for equal JSON values, whatever the member order or spacing."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def user_event(
    key_id: str, at: int, action: str, user: User, caller: Caller, summary: str
) -> NewEvent:
    return NewEvent(
        id=credentials.new_id("evt_"),
        key_id=key_id,
        at=at,
        action=action,
        actor_kind="user",
        actor_id=user.id,
        actor_name=user.name,
        ip=caller.ip,
        summary=summary,
    )


def key_event(key: KeyCredential, action: str, caller: Caller, summary: str) -> NewEvent:
    return NewEvent(
        id=credentials.new_id("evt_"),
        key_id=key.id,
        at=clock.now(),
        action=action,
        actor_kind="api_key",
        actor_id=key.id,
        actor_name=key.name,
        ip=caller.ip,
        summary=summary,
    )
