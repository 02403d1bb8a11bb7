"""A key's lifecycle after it is made: edit, disable and enable, rotate."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.schemas import normalize_tags, seconds_of
from rakerone_desktop.sandbox.services.common import (
    Caller,
    DisableOutcome,
    Rotated,
    body_fingerprint,
    key_inactive,
    not_found,
    user_event,
)
from rakerone_desktop.sandbox.services.keys import KeyService
from rakerone_desktop.sandbox.services.organization import OrganizationService
from rakerone_desktop.sandbox.store import (
    KeyChange,
    KeyRow,
    NewKey,
    Store,
    User,
    permissions_json,
    tags_json,
)


class LifecycleService:
    """Changing a key in place: edit, disable and enable, rotate."""

    def __init__(self, store: Store, keys: KeyService, org: OrganizationService) -> None:
        self._store = store
        self._keys = keys
        self._org = org

    def update_key(
        self,
        admin: User,
        key_id: str,
        if_match: str | None,
        changes: Mapping[str, Any],
        validate: Any,
        caller: Caller,
    ) -> KeyRow:
        """``PATCH``: 404, then 412, then 409, then 422 (``validate`` runs the
        body's own rules at that point and returns the parsed fields)."""
        now = clock.now()

        def decide(row: KeyRow | None) -> KeyChange | None:
            if row is None:
                raise not_found()
            if if_match is not None and not _etag_matches(if_match, row.version):
                raise Problem(
                    "precondition-failed",
                    f"The key changed since you read it (it is now version {row.version}). "
                    "Nothing was changed: read it again and reapply your edit.",
                    headers={"ETag": f'"{row.version}"'},
                )
            if row.status(now) in {"revoked", "expired"}:
                raise key_inactive(row, now)
            fields = validate(changes)
            columns = self._edits(row, fields, now)
            if not columns:
                return None
            summary = f"Updated by {admin.name}: " + ", ".join(
                "owner" if c == "owner_id" else c.replace("_", " ") for c in columns
            )
            return KeyChange(
                columns, [user_event(row.id, now, "api_key.updated", admin, caller, summary)]
            )

        (row,) = self._store.keys.change_keys([key_id], decide)
        assert row is not None
        return row

    def _edits(self, row: KeyRow, fields: Mapping[str, Any], now: int) -> dict[str, object]:
        """The columns a PATCH changes (in the order of the contract's fields)."""
        columns: dict[str, object] = {}
        if "name" in fields and fields["name"].strip() != row.name:
            columns["name"] = fields["name"].strip()
        if "description" in fields and fields["description"].strip() != row.description:
            columns["description"] = fields["description"].strip()
        if "owner_id" in fields and fields["owner_id"] != row.owner_id:
            columns["owner_id"] = self._org.owner(fields["owner_id"])
        if "tags" in fields:
            tags = normalize_tags(fields["tags"])
            if set(tags) != set(json.loads(row.tags)):
                columns["tags"] = tags_json(tags)
        if "permissions" in fields:
            current = json.loads(row.permissions)
            wanted = fields["permissions"]
            if not set(wanted) <= set(current):
                raise Problem.validation(
                    "permissions",
                    "Permissions can only be removed. Create a new key to grant more.",
                )
            if set(wanted) != set(current):
                columns["permissions"] = permissions_json(wanted)
        if "expires_at" in fields:
            sent = fields["expires_at"]
            if sent is None:
                if row.expires_at is not None:
                    raise Problem.validation(
                        "expires_at",
                        "An expiry can be moved earlier, never removed. Revoke the key to "
                        "stop it at once.",
                    )
            else:
                at = seconds_of(sent)
                if row.expires_at is not None and at > row.expires_at:
                    raise Problem.validation(
                        "expires_at",
                        f"An expiry can only move earlier (it is {clock.rfc3339(row.expires_at)})."
                        " Rotate the key to give an integration more time.",
                    )
                if at != row.expires_at:
                    maximum = self._store.policy.organization().max_lifetime_days
                    self._org.check_expiry(at, maximum, now, "expires_at")
                    columns["expires_at"] = at
        return columns

    def set_disabled(
        self, admin: User, key_ids: list[str], disable: bool, caller: Caller, *, single: bool
    ) -> tuple[list[KeyRow | None], list[DisableOutcome]]:
        """Disable or enable keys in order. ``single``: a refusal raises (404, 409);
        otherwise each refusal is an outcome and the rest go ahead."""
        now = clock.now()
        outcomes: list[DisableOutcome] = []
        action = "api_key.disabled" if disable else "api_key.enabled"
        summary = f"{'Disabled' if disable else 'Enabled'} by {admin.name}"

        def decide(row: KeyRow | None) -> KeyChange | None:
            if row is None:
                if single:
                    raise not_found()
                outcomes.append("not_found")
                return None
            status = row.status(now)
            if status in {"revoked", "expired"}:
                if single:
                    raise key_inactive(row, now)
                outcomes.append("inactive")
                return None
            if (status == "disabled") == disable:
                outcomes.append("already_disabled")
                return None
            outcomes.append("disabled")
            columns: dict[str, object] = (
                {"disabled_at": now, "disabled_by": admin.id}
                if disable
                else {"disabled_at": None, "disabled_by": None, "disabled_by_scanner": None}
            )
            event = user_event(row.id, now, action, admin, caller, summary)
            return KeyChange(columns, [event])

        rows = self._store.keys.change_keys(key_ids, decide)
        return rows, outcomes

    def rotate(
        self,
        admin: User,
        key_id: str,
        grace: int,
        name: str | None,
        expires_at: str | None,
        expires_at_set: bool,
        idempotency_key: str | None,
        fingerprint_body: Any,
        caller: Caller,
    ) -> Rotated:
        # The method and path are part of what must match, so a create's
        # Idempotency-Key reused here (or on another key) is a mismatch.
        fingerprint = body_fingerprint(
            {"method": "POST", "path": f"/api-keys/{key_id}/rotate", "body": fingerprint_body}
        )
        claim, existing = self._keys.claim(admin, idempotency_key, fingerprint)
        if existing is not None:
            return Rotated(self._keys.get_key(existing), None, self._keys.get_key(key_id), True)
        secret = keyformat.generate_key()
        new_id = credentials.new_id("key_")
        now = clock.now()

        def decide(row: KeyRow | None) -> KeyChange | None:
            if row is None:
                raise not_found()
            if row.status(now) != "active":
                raise key_inactive(row, now)
            policy = self._store.policy.organization()
            new_expiry = self._org.new_expiry(policy, expires_at, expires_at_set, now, "expires_at")
            new_key = NewKey(
                id=new_id,
                name=row.name if name is None else name.strip(),
                permissions=row.permissions,
                digest=credentials.token_digest(secret),
                hint=keyformat.hint(secret),
                created_at=now,
                created_by=admin.id,
                expires_at=new_expiry,
                description=row.description,
                owner_id=row.owner_id,
                tags=row.tags,
            )
            old_expiry = now + grace
            columns: dict[str, object] = {}
            if row.expires_at is None or old_expiry < row.expires_at:
                columns["expires_at"] = old_expiry
            stops = clock.rfc3339(columns.get("expires_at", row.expires_at))  # type: ignore[arg-type]
            events = [
                user_event(
                    row.id,
                    now,
                    "api_key.rotated",
                    admin,
                    caller,
                    f"Rotated by {admin.name}: replaced by {new_id}; this key stops working "
                    f"at {stops}",
                ),
                user_event(
                    new_id,
                    now,
                    "api_key.rotated",
                    admin,
                    caller,
                    f"Created by {admin.name} by rotating {row.id}",
                ),
            ]
            full_claim = None if claim is None else (*claim, new_id)
            return KeyChange(columns, events, insert=[new_key], claim=full_claim)

        try:
            (old,) = self._store.keys.change_keys([key_id], decide)
        except BaseException:
            if claim is not None:
                self._store.idempotency.release_idempotency(*claim)
            raise
        assert old is not None
        return Rotated(self._keys.get_key(new_id), secret, old, False)


def _etag_matches(if_match: str, version: int) -> bool:
    """RFC 9110 If-Match: ``*`` or a list of strong entity tags (a weak one never matches)."""
    wanted = f'"{version}"'
    return any(tag.strip() in {"*", wanted} for tag in if_match.split(","))
