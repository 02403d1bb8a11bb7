"""What the store reads and writes: its rows, and the values they are made of."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple

Status = Literal["active", "disabled", "expired", "revoked", "all"]
RevokeOutcome = Literal["revoked", "already_revoked", "not_found"]
IdempotencyClaim = Literal["claimed", "replay", "mismatch", "in_progress"]


class User(NamedTuple):
    id: str
    name: str
    email: str
    role: str


class KeyRow(NamedTuple):
    """One API key as the listing reads it (column order = ``_KEY_COLUMNS``)."""

    id: str
    name: str
    permissions: str
    hint: str
    created_at: int
    created_by_id: str
    created_by_name: str
    last_used_at: int | None
    last_used_ip: str | None
    last_used_user_agent: str | None
    revoked_at: int | None
    revoked_by_id: str | None
    revoked_by_name: str | None
    expires_at: int | None
    disabled_at: int | None
    disabled_by_id: str | None
    disabled_by_name: str | None
    description: str
    owner_id: str | None
    owner_name: str | None
    tags: str  # JSON array
    exposure_reported_at: int | None
    exposure_source: str | None
    exposure_url: str | None
    version: int

    def status(self, now: int) -> str:
        """revoked wins, then expired, then disabled; else active."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        if self.disabled_at is not None:
            return "disabled"
        return "active"


class Organization(NamedTuple):
    id: str
    name: str
    max_lifetime_days: int | None
    default_lifetime_days: int | None
    expiry_warning_days: int
    on_exposure: str


class KeyChange(NamedTuple):
    """What one key's change writes, in the transaction that read the key.

    ``columns`` are set on the key and its version goes up by one; ``insert``
    adds keys (a rotation's new key); ``claim`` completes an idempotency claim
    (user id, Idempotency-Key, the key id to replay).
    """

    columns: Mapping[str, object]
    events: Sequence[NewEvent] = ()
    insert: Sequence[NewKey] = ()
    claim: tuple[str, str, str] | None = None


class KeyCredential(NamedTuple):
    """What authenticating with a key needs, and nothing more."""

    id: str
    name: str
    permissions: tuple[str, ...]
    last_used_at: int | None


class EventRow(NamedTuple):
    seq: int
    id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str


class NewKey(NamedTuple):
    """A key to insert; the field order is the table's column order."""

    id: str
    name: str
    permissions: str  # JSON, see permissions_json()
    digest: str
    hint: str
    created_at: int
    created_by: str
    last_used_at: int | None = None
    last_used_ip: str | None = None
    last_used_user_agent: str | None = None
    revoked_at: int | None = None
    revoked_by: str | None = None
    expires_at: int | None = None
    disabled_at: int | None = None
    disabled_by: str | None = None
    description: str = ""
    owner_id: str | None = None
    tags: str = "[]"  # JSON, see tags_json()


class AuditRow(NamedTuple):
    seq: int
    id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str
    target_kind: str | None
    target_id: str | None
    target_name: str | None


class NewAudit(NamedTuple):
    """An audit event that is about no key (the key policy, a session)."""

    id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str
    target_kind: str | None
    target_id: str | None
    target_name: str | None


class AuditFilter(NamedTuple):
    actor_id: str | None = None
    api_key_id: str | None = None
    action: str | None = None
    since: int | None = None  # inclusive
    until: int | None = None  # exclusive


class NewEvent(NamedTuple):
    """An event to insert; the field order is the table's column order."""

    id: str
    key_id: str
    at: int
    action: str
    actor_kind: str
    actor_id: str
    actor_name: str
    ip: str | None
    summary: str


def permissions_json(permissions: Iterable[str]) -> str:
    return json.dumps(list(permissions))


def tags_json(tags: Iterable[str]) -> str:
    return json.dumps(list(tags))
