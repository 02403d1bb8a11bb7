"""API keys: the list, one key, creating and revoking."""

from __future__ import annotations

from typing import Any

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.schemas import normalize_tags
from rakerone_desktop.sandbox.services.common import (
    Caller,
    Created,
    KeyFields,
    body_fingerprint,
    user_event,
)
from rakerone_desktop.sandbox.services.organization import OrganizationService
from rakerone_desktop.sandbox.store import (
    KeyRow,
    NewKey,
    RevokeOutcome,
    Status,
    Store,
    User,
    permissions_json,
    tags_json,
)

# A create without the part-2 fields (a frozen value, shared safely).
_NO_FIELDS = KeyFields()


class KeyService:
    """Listing, reading, creating (with Idempotency-Key) and revoking keys."""

    def __init__(self, store: Store, settings: Settings, org: OrganizationService) -> None:
        self._store = store
        self._settings = settings
        self._org = org

    def list_keys(
        self, status: Status, limit: int, after: tuple[int, str] | None
    ) -> tuple[list[KeyRow], KeyRow | None, int]:
        """A page, the row to continue after (None at the end), and the total."""
        rows, total = self._store.keys.list_keys(status, limit + 1, after, clock.now())
        more = len(rows) > limit
        page = rows[:limit]
        return page, (page[-1] if more else None), total

    def get_key(self, key_id: str) -> KeyRow:
        row = self._store.keys.key(key_id)
        if row is None:
            raise Problem("not-found", "No API key has this id.")
        return row

    def claim(
        self, admin: User, idempotency_key: str | None, fingerprint: str
    ) -> tuple[tuple[str, str] | None, str | None]:
        """(the claim to complete, None) or (None, the key id to replay)."""
        if idempotency_key is None:
            return None, None
        outcome, existing = self._store.idempotency.claim_idempotency(
            admin.id, idempotency_key, fingerprint, clock.now(), self._settings.idempotency_ttl
        )
        if outcome == "replay":
            assert existing is not None
            return None, existing
        if outcome == "mismatch":
            raise Problem(
                "idempotency-mismatch",
                "This Idempotency-Key was used for a different request. "
                "Use a new key for a new request.",
            )
        if outcome == "in_progress":
            raise Problem(
                "in-progress",
                "A request with this Idempotency-Key is still running. Retry shortly.",
                headers={"Retry-After": "1"},
            )
        return (admin.id, idempotency_key), None

    def create_key(
        self,
        admin: User,
        name: str,
        permissions: list[str],
        idempotency_key: str | None,
        raw_body: Any,
        caller: Caller,
        fields: KeyFields = _NO_FIELDS,
    ) -> Created:
        claim, existing = self.claim(admin, idempotency_key, body_fingerprint(raw_body))
        if existing is not None:
            return Created(self.get_key(existing), None, True)
        try:
            now = clock.now()
            policy = self._store.policy.organization()
            expires_at = self._org.new_expiry(
                policy, fields.expires_at, fields.expires_at_set, now, "expires_at"
            )
            owner_id = self._org.owner(fields.owner_id)
            secret = keyformat.generate_key()
            key = NewKey(
                id=credentials.new_id("key_"),
                name=name,
                permissions=permissions_json(permissions),
                digest=credentials.token_digest(secret),
                hint=keyformat.hint(secret),
                created_at=now,
                created_by=admin.id,
                expires_at=expires_at,
                description=fields.description.strip(),
                owner_id=owner_id,
                tags=tags_json(normalize_tags(list(fields.tags))),
            )
            event = user_event(
                key.id, now, "api_key.created", admin, caller, f"Created by {admin.name}"
            )
            row = self._store.keys.create_key(key, event, claim)
        except BaseException:
            if claim is not None:
                self._store.idempotency.release_idempotency(*claim)
            raise
        return Created(row, secret, False)

    def revoke(self, admin: User, key_ids: list[str], caller: Caller) -> list[RevokeOutcome]:
        now = clock.now()
        events = [
            user_event(key_id, now, "api_key.revoked", admin, caller, f"Revoked by {admin.name}")
            for key_id in key_ids
        ]
        return self._store.keys.revoke_keys(key_ids, admin.id, now, events)

    def revoke_one(self, admin: User, key_id: str, caller: Caller) -> KeyRow:
        if self.revoke(admin, [key_id], caller) == ["not_found"]:
            raise Problem("not-found", "No API key has this id.")
        return self.get_key(key_id)

    def lookup(self, sha256: str) -> KeyRow:
        row = self._store.keys.key_by_digest(sha256)
        if row is None:
            raise Problem("not-found", "No API key, active or revoked, has this SHA-256.")
        return row
