"""Part 2 of the contract: the organization and its key policy, users, editing,
disabling, enabling and rotating keys, and the audit log.

A mixin of :class:`~rakerone_desktop.api.client.RakerOneClient`, kept apart so
that each class holds one concern; every call goes through the client's one
request path (``_call``). A part-1 server answers none of these: the app asks
:meth:`LifecycleCalls.get_organization` first and offers what it lists.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.models import (
    ApiKey,
    AuditEventPage,
    BulkDisableResults,
    DisableResult,
    OnExposure,
    Organization,
    RotatedKey,
    UserPage,
)
from rakerone_desktop.api.wire import (
    MAX_BULK_REVOKE,
    MAX_ROTATE_GRACE,
    UNSET,
    Unset,
    format_time,
    segment,
    time_or_none,
)

if TYPE_CHECKING:
    from rakerone_desktop.api.client import Reply


class LifecycleCalls:
    """The part-2 calls (see the module's docstring)."""

    def _call(
        self,
        method: str,
        path: str,
        kind: Any,
        *,
        params: dict[str, str | int] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        retry_safe: bool | None = None,
        retry_conflict: bool = False,
    ) -> Reply[Any]:
        raise NotImplementedError  # the client's one request path

    # -- part 2: organization, users ------------------------------------------

    def get_organization(self) -> Organization | None:
        """The organization's features and key policy; ``None`` from a part-1 server.

        A part-1 server has no ``/organization`` (it answers 404): the caller
        then offers none of part 2.
        """
        try:
            reply = self._call("GET", "/organization", Organization)
            org: Organization = reply.value
        except e.NotFoundError:
            return None
        return org

    def update_key_policy(
        self,
        *,
        max_lifetime_days: int | Unset | None = UNSET,
        default_lifetime_days: int | Unset | None = UNSET,
        expiry_warning_days: int | Unset = UNSET,
        on_exposure: OnExposure | Unset = UNSET,
    ) -> Organization:
        """Change the fields given (admins); ``None`` for a lifetime means "no limit"."""
        changes: dict[str, Any] = {
            name: value
            for name, value in (
                ("max_lifetime_days", max_lifetime_days),
                ("default_lifetime_days", default_lifetime_days),
                ("expiry_warning_days", expiry_warning_days),
                ("on_exposure", on_exposure),
            )
            if not isinstance(value, Unset)
        }
        # Setting the same values twice gives the same policy: safe to retry.
        reply = self._call(
            "PATCH", "/organization/key-policy", Organization, json=changes, retry_safe=True
        )
        org: Organization = reply.value
        return org

    def list_users(self, *, limit: int = 100, cursor: str | None = None) -> UserPage:
        """A page of the organization's users (admins), for choosing a key's owner."""
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        reply = self._call("GET", "/users", UserPage, params=params)
        page: UserPage = reply.value
        return page

    # -- part 2: edit, disable, enable, rotate -----------------------------------

    def update_key(
        self,
        key_id: str,
        *,
        version: int,
        name: str | Unset = UNSET,
        description: str | Unset = UNSET,
        owner_id: str | Unset | None = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        permissions: Sequence[str] | Unset = UNSET,
        expires_at: datetime | Unset = UNSET,
    ) -> ApiKey:
        """Edit a key in place; only the fields given are sent.

        Always sends ``If-Match`` with ``version`` (the key's version as last
        read): if someone changed the key since, the server changes nothing
        and this raises :class:`PreconditionFailedError`. Not retried once the
        request may have reached the server: a retry of an edit that was
        applied would fail that very check. ``owner_id=None`` removes the owner.
        """
        body: dict[str, Any] = {}
        for field, value in (
            ("name", name),
            ("description", description),
            ("owner_id", owner_id),
        ):
            if not isinstance(value, Unset):
                body[field] = value
        if not isinstance(tags, Unset):
            body["tags"] = list(tags)
        if not isinstance(permissions, Unset):
            body["permissions"] = list(permissions)
        if not isinstance(expires_at, Unset):
            body["expires_at"] = format_time(expires_at)
        reply = self._call(
            "PATCH",
            f"/api-keys/{segment(key_id)}",
            ApiKey,
            json=body,
            headers={"If-Match": f'"{int(version)}"'},
            retry_safe=False,
        )
        key: ApiKey = reply.value
        return key

    def disable_key(self, key_id: str) -> ApiKey:
        """Disable a key at once (reversible); disabling twice answers the key unchanged.

        A revoked or expired key: :class:`KeyInactiveError`.
        """
        reply = self._call("POST", f"/api-keys/{segment(key_id)}/disable", ApiKey, retry_safe=True)
        key: ApiKey = reply.value
        return key

    def enable_key(self, key_id: str) -> ApiKey:
        """Enable a disabled key; an active key answers unchanged."""
        reply = self._call("POST", f"/api-keys/{segment(key_id)}/enable", ApiKey, retry_safe=True)
        key: ApiKey = reply.value
        return key

    def disable_keys(self, key_ids: Sequence[str]) -> tuple[DisableResult, ...]:
        """Disable many keys, in chunks of the server's limit; one result per id."""
        results: list[DisableResult] = []
        ids = list(key_ids)
        for start in range(0, len(ids), MAX_BULK_REVOKE):
            chunk = ids[start : start + MAX_BULK_REVOKE]
            reply = self._call(
                "POST",
                "/api-keys/disable",
                BulkDisableResults,
                json={"ids": chunk},
                retry_safe=True,
            )
            answer: BulkDisableResults = reply.value
            if [r.id for r in answer.results] != chunk:
                raise e.ProtocolError(
                    "The server's disable results don't match the keys sent.",
                    request_id=reply.request_id,
                )
            results.extend(answer.results)
        return tuple(results)

    def rotate_key(
        self,
        key_id: str,
        *,
        old_key_expires_in: int,
        name: str | None = None,
        expires_at: datetime | Unset | None = UNSET,
        idempotency_key: str | None = None,
    ) -> RotatedKey:
        """Replace a key by a new one; the old one works ``old_key_expires_in`` seconds more.

        Like a create, it carries an ``Idempotency-Key`` (a new UUID4 unless
        given) and reuses it on its own retries, so a lost answer never makes
        two new keys: the retry answers ``replayed=True`` with ``secret=None``.
        """
        if not 0 <= old_key_expires_in <= MAX_ROTATE_GRACE:
            raise ValueError("old_key_expires_in must be 0 to 604800 seconds")
        body: dict[str, Any] = {"old_key_expires_in": int(old_key_expires_in)}
        if name is not None:
            body["name"] = name
        if not isinstance(expires_at, Unset):
            body["expires_at"] = time_or_none(expires_at)
        reply = self._call(
            "POST",
            f"/api-keys/{segment(key_id)}/rotate",
            RotatedKey,
            json=body,
            headers={"Idempotency-Key": idempotency_key or str(uuid.uuid4())},
            retry_safe=True,
            retry_conflict=True,
        )
        rotated: RotatedKey = reply.value
        e.check_secret_once("rotation", rotated.secret, rotated.replayed, reply.request_id)
        return rotated

    # -- part 2: the audit log -------------------------------------------------

    def list_audit_events(
        self,
        *,
        limit: int = 100,
        cursor: str | None = None,
        actor_id: str | None = None,
        api_key_id: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> AuditEventPage:
        """A page of the audit log (admins), newest first; ``since`` inclusive, ``until`` not."""
        params: dict[str, str | int] = {"limit": limit}
        for name, value in (
            ("cursor", cursor),
            ("actor_id", actor_id),
            ("api_key_id", api_key_id),
            ("action", action),
            ("since", time_or_none(since)),
            ("until", time_or_none(until)),
        ):
            if value is not None:
                params[name] = value
        reply = self._call("GET", "/audit-events", AuditEventPage, params=params)
        page: AuditEventPage = reply.value
        return page
