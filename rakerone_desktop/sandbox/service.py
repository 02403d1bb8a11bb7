"""What the sandbox does, apart from HTTP: the contract's rules in one place.

Routes parse and render; this module decides. It raises :class:`Problem` for
every refusal, so the HTTP layer never has to know why.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.demo_data import PLAYBOOKS
from rakerone_desktop.sandbox.problems import Problem, unauthenticated
from rakerone_desktop.sandbox.store import (
    EventRow,
    KeyCredential,
    KeyRow,
    NewEvent,
    NewKey,
    RevokeOutcome,
    Status,
    Store,
    User,
    permissions_json,
)
from rakerone_desktop.sandbox.throttle import LoginThrottle

# Only a key's own calls need these; kept short so a hostile client cannot
# fill the database through its User-Agent header.
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


def body_fingerprint(body: Any) -> str:
    """Equal for equal JSON values, whatever the member order or spacing."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Sandbox:
    def __init__(
        self, store: Store, settings: Settings, throttle: LoginThrottle | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.throttle = throttle or LoginThrottle()

    # -- sessions ---------------------------------------------------------------

    def sign_in(self, email: str, password: str) -> SignedIn:
        wait = self.throttle.retry_after(email)
        if wait is not None:
            raise Problem(
                "rate-limited",
                f"Too many failed sign-ins for this email. Try again in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
        found = self.store.user_by_email(email.strip())
        # An unknown email costs a full scrypt too: timing tells nothing.
        if not credentials.verify_password(password, found[1] if found else None):
            self.throttle.record_failure(email)
            raise Problem("unauthenticated", "Wrong email or password.")
        assert found is not None
        user = found[0]
        token = credentials.new_session_token()
        now = time.time()
        expires_at = now + self.settings.session_ttl
        self.store.add_session(credentials.token_digest(token), user.id, now, expires_at)
        return SignedIn(token, expires_at, user)

    def sign_out(self, principal: Principal) -> None:
        if not isinstance(principal, SessionPrincipal):
            raise Problem("forbidden", "Sessions are for people: an API key has no session to end.")
        self.store.delete_session(principal.token_digest)

    def authenticate(self, token: str | None, caller: Caller) -> Principal:
        if not token:
            raise unauthenticated()
        if token.startswith(keyformat.PREFIX):
            # Format and checksum first: a mistyped or made-up key never
            # reaches the database.
            if not keyformat.is_valid_key(token):
                raise unauthenticated()
            key = self.store.active_key_credential(credentials.token_digest(token), clock.now())
            if key is None:
                raise unauthenticated()
            self._note_use(key, caller)
            return KeyPrincipal(key)
        digest = credentials.token_digest(token)
        user = self.store.session_user(digest, time.time())
        if user is None:
            raise unauthenticated()
        return SessionPrincipal(user, digest)

    def _note_use(self, key: KeyCredential, caller: Caller) -> None:
        # At most one write per key per interval; a stale or missing last use
        # is written now, before the response, so a first call shows at once.
        now = clock.now()
        cutoff = now - self.settings.last_used_interval
        if key.last_used_at is None or key.last_used_at <= cutoff:
            agent = caller.user_agent[:_MAX_USER_AGENT] if caller.user_agent else None
            self.store.touch_key(key.id, now, caller.ip, agent, cutoff)

    # -- API keys -----------------------------------------------------------------

    def list_keys(
        self, status: Status, limit: int, after: tuple[int, str] | None
    ) -> tuple[list[KeyRow], KeyRow | None, int]:
        """A page, the row to continue after (None at the end), and the total."""
        rows, total = self.store.list_keys(status, limit + 1, after, clock.now())
        more = len(rows) > limit
        page = rows[:limit]
        return page, (page[-1] if more else None), total

    def get_key(self, key_id: str) -> KeyRow:
        row = self.store.key(key_id)
        if row is None:
            raise Problem("not-found", "No API key has this id.")
        return row

    def create_key(
        self,
        admin: User,
        name: str,
        permissions: list[str],
        idempotency_key: str | None,
        raw_body: Any,
        caller: Caller,
    ) -> Created:
        claim: tuple[str, str] | None = None
        if idempotency_key is not None:
            outcome, existing = self.store.claim_idempotency(
                admin.id,
                idempotency_key,
                body_fingerprint(raw_body),
                clock.now(),
                self.settings.idempotency_ttl,
            )
            if outcome == "replay":
                assert existing is not None
                return Created(self.get_key(existing), None, True)
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
            claim = (admin.id, idempotency_key)
        try:
            secret = keyformat.generate_key()
            now = clock.now()
            key = NewKey(
                id=credentials.new_id("key_"),
                name=name,
                permissions=permissions_json(permissions),
                digest=credentials.token_digest(secret),
                hint=keyformat.hint(secret),
                created_at=now,
                created_by=admin.id,
            )
            event = _user_event(
                key.id, now, "api_key.created", admin, caller, f"Created by {admin.name}"
            )
            row = self.store.create_key(key, event, claim)
        except BaseException:
            if claim is not None:
                self.store.release_idempotency(*claim)
            raise
        return Created(row, secret, False)

    def revoke(self, admin: User, key_ids: list[str], caller: Caller) -> list[RevokeOutcome]:
        now = clock.now()
        events = [
            _user_event(key_id, now, "api_key.revoked", admin, caller, f"Revoked by {admin.name}")
            for key_id in key_ids
        ]
        return self.store.revoke_keys(key_ids, admin.id, now, events)

    def revoke_one(self, admin: User, key_id: str, caller: Caller) -> KeyRow:
        if self.revoke(admin, [key_id], caller) == ["not_found"]:
            raise Problem("not-found", "No API key has this id.")
        return self.get_key(key_id)

    def lookup(self, sha256: str) -> KeyRow:
        row = self.store.key_by_digest(sha256)
        if row is None:
            raise Problem("not-found", "No API key, active or revoked, has this SHA-256.")
        return row

    def events(
        self, key_id: str, limit: int, after: tuple[int, int] | None
    ) -> tuple[list[EventRow], EventRow | None]:
        self.get_key(key_id)  # 404 for an unknown key, not an empty list
        rows = self.store.list_events(key_id, limit + 1, after)
        more = len(rows) > limit
        page = rows[:limit]
        return page, (page[-1] if more else None)

    # -- what a key can do ------------------------------------------------------------

    def me_as_key(self, key: KeyCredential, caller: Caller) -> None:
        self.store.record_event(_key_event(key, "api_key.used", caller, "Called GET /api/v1/me"))

    def run_playbook(
        self, principal: Principal, playbook_id: str, caller: Caller
    ) -> dict[str, Any]:
        name = PLAYBOOKS.get(playbook_id)
        if isinstance(principal, KeyPrincipal):
            # The permission is checked before the playbook's existence, so a
            # key without it learns nothing about which playbooks exist.
            self._require(
                principal.key,
                "playbooks.run",
                caller,
                f"Denied: running playbook {playbook_id} needs playbooks.run",
            )
        if name is None:
            raise Problem("not-found", "No playbook has this id.")
        run_id = credentials.new_id("run_")
        now = clock.now()
        if isinstance(principal, KeyPrincipal):
            self.store.record_event(
                _key_event(
                    principal.key,
                    "playbook.run",
                    caller,
                    f"Started a run of “{name}” ({run_id})",
                )
            )
        return {
            "id": run_id,
            "playbook_id": playbook_id,
            "playbook_name": name,
            "status": "queued",
            "created_at": clock.rfc3339(now),
        }

    def create_record(
        self, principal: Principal, title: str, fields: dict[str, Any], caller: Caller
    ) -> dict[str, Any]:
        key = principal.key if isinstance(principal, KeyPrincipal) else None
        if key is not None:
            self._require(
                key, "records.write", caller, "Denied: creating a record needs records.write"
            )
        record_id = credentials.new_id("rec_")
        now = clock.now()
        event = None
        if key is not None:
            shown = title if len(title) <= 60 else title[:59] + "…"
            summary = f"Created record “{shown}” ({record_id})"
            event = _key_event(key, "record.created", caller, summary)
        self.store.add_record(
            record_id,
            title,
            json.dumps(fields, ensure_ascii=False),
            now,
            key.id if key else None,
            event,
        )
        return {"id": record_id, "title": title, "fields": fields, "created_at": clock.rfc3339(now)}

    def _require(self, key: KeyCredential, permission: str, caller: Caller, summary: str) -> None:
        if permission in key.permissions:
            return
        self.store.record_event(_key_event(key, "api_key.denied", caller, summary))
        raise Problem("forbidden", f"This API key does not have the {permission} permission.")


def _user_event(
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


def _key_event(key: KeyCredential, action: str, caller: Caller, summary: str) -> NewEvent:
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
