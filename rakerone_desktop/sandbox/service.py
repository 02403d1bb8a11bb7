"""What the sandbox does, apart from HTTP: the contract's rules in one place.

Routes parse and render; this module decides. It raises :class:`Problem` for
every refusal, so the HTTP layer never has to know why.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from rakerone_desktop.domain import keyformat
from rakerone_desktop.sandbox import clock, credentials, scanning
from rakerone_desktop.sandbox.config import Settings
from rakerone_desktop.sandbox.demo_data import PLAYBOOKS
from rakerone_desktop.sandbox.problems import Problem, unauthenticated
from rakerone_desktop.sandbox.schemas import LATEST_TIME, normalize_tags, seconds_of
from rakerone_desktop.sandbox.store import (
    AuditFilter,
    AuditRow,
    EventRow,
    KeyChange,
    KeyCredential,
    KeyRow,
    NewAudit,
    NewEvent,
    NewKey,
    Organization,
    RevokeOutcome,
    Status,
    Store,
    User,
    permissions_json,
    tags_json,
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


def _not_found() -> Problem:
    return Problem("not-found", "No API key has this id.")


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
        self.scanning_keys: dict[str, scanning.PublicKey] = {
            identifier: scanning.load_public_key(pem)
            for identifier, pem in settings.scanning_public_keys
        }

    @property
    def features(self) -> list[str]:
        return [*FEATURES, EXPOSURE_FEATURE] if self.scanning_keys else list(FEATURES)

    # -- sessions ---------------------------------------------------------------

    def sign_in(self, email: str, password: str, caller: Caller | None = None) -> SignedIn:
        if not self.settings.password_sign_in:
            raise Problem(
                "password-sign-in-disabled",
                "Password sign-in is turned off on this server. Sign in with your browser.",
            )
        return self.start_session(self.check_password(email, password), caller)

    def check_password(self, email: str, password: str) -> User:
        """The user with this email and password, under the sign-in throttle."""
        # Reserved before the slow hash, so concurrent guesses are counted
        # before any of them is checked.
        place, wait = self.throttle.reserve(email)
        if place is None:
            raise Problem(
                "rate-limited",
                f"Too many failed sign-ins for this email. Try again in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
        found = self.store.people.user_by_email(email.strip())
        # An unknown email costs a full scrypt too: timing tells nothing.
        if not credentials.verify_password(password, found[1] if found else None):
            raise Problem("unauthenticated", "Wrong email or password.")  # the place stays taken
        assert found is not None
        self.throttle.succeeded(email, place)
        return found[0]

    def start_session(self, user: User, caller: Caller | None = None) -> SignedIn:
        """A new session token for ``user`` (password or browser sign-in)."""
        token = credentials.new_session_token()
        now = time.time()
        expires_at = now + self.settings.session_ttl
        digest = credentials.token_digest(token)
        audit = _session_audit(digest, user, "session.created", "Signed in", caller, int(now))
        self.store.people.add_session(digest, user.id, now, expires_at, audit)
        return SignedIn(token, expires_at, user)

    def sign_out(self, principal: Principal, caller: Caller | None = None) -> None:
        if not isinstance(principal, SessionPrincipal):
            raise Problem("forbidden", "Sessions are for people: an API key has no session to end.")
        digest = principal.token_digest
        audit = _session_audit(
            digest, principal.user, "session.ended", "Signed out", caller, clock.now()
        )
        self.store.people.delete_session(digest, audit)

    # -- the audit log ----------------------------------------------------------------

    def audit_events(
        self, where: AuditFilter, limit: int, after: tuple[int, int] | None
    ) -> tuple[list[AuditRow], AuditRow | None]:
        rows = self.store.events.list_audit(where, limit + 1, after)
        page = rows[:limit]
        return page, (page[-1] if len(rows) > limit else None)

    def authenticate(self, token: str | None, caller: Caller) -> Principal:
        if not token:
            raise unauthenticated()
        if token.startswith(keyformat.PREFIX):
            # Format and checksum first: a mistyped or made-up key never
            # reaches the database.
            if not keyformat.is_valid_key(token):
                raise unauthenticated()
            key = self.store.keys.active_key_credential(
                credentials.token_digest(token), clock.now()
            )
            if key is None:
                raise unauthenticated()
            self._note_use(key, caller)
            return KeyPrincipal(key)
        digest = credentials.token_digest(token)
        user = self.store.people.session_user(digest, time.time())
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
            self.store.keys.touch_key(key.id, now, caller.ip, agent, cutoff)

    # -- API keys -----------------------------------------------------------------

    def list_keys(
        self, status: Status, limit: int, after: tuple[int, str] | None
    ) -> tuple[list[KeyRow], KeyRow | None, int]:
        """A page, the row to continue after (None at the end), and the total."""
        rows, total = self.store.keys.list_keys(status, limit + 1, after, clock.now())
        more = len(rows) > limit
        page = rows[:limit]
        return page, (page[-1] if more else None), total

    def get_key(self, key_id: str) -> KeyRow:
        row = self.store.keys.key(key_id)
        if row is None:
            raise Problem("not-found", "No API key has this id.")
        return row

    @property
    def part(self) -> int:
        return self.settings.api_part

    def _claim(
        self, admin: User, idempotency_key: str | None, fingerprint: str
    ) -> tuple[tuple[str, str] | None, str | None]:
        """(the claim to complete, None) or (None, the key id to replay)."""
        if idempotency_key is None:
            return None, None
        outcome, existing = self.store.idempotency.claim_idempotency(
            admin.id, idempotency_key, fingerprint, clock.now(), self.settings.idempotency_ttl
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
        fields: KeyFields = KeyFields(),
    ) -> Created:
        claim, existing = self._claim(admin, idempotency_key, body_fingerprint(raw_body))
        if existing is not None:
            return Created(self.get_key(existing), None, True)
        try:
            now = clock.now()
            policy = self.store.policy.organization()
            expires_at = self._new_expiry(
                policy, fields.expires_at, fields.expires_at_set, now, "expires_at"
            )
            owner_id = self._owner(fields.owner_id)
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
            event = _user_event(
                key.id, now, "api_key.created", admin, caller, f"Created by {admin.name}"
            )
            row = self.store.keys.create_key(key, event, claim)
        except BaseException:
            if claim is not None:
                self.store.idempotency.release_idempotency(*claim)
            raise
        return Created(row, secret, False)

    def revoke(self, admin: User, key_ids: list[str], caller: Caller) -> list[RevokeOutcome]:
        now = clock.now()
        events = [
            _user_event(key_id, now, "api_key.revoked", admin, caller, f"Revoked by {admin.name}")
            for key_id in key_ids
        ]
        return self.store.keys.revoke_keys(key_ids, admin.id, now, events)

    def revoke_one(self, admin: User, key_id: str, caller: Caller) -> KeyRow:
        if self.revoke(admin, [key_id], caller) == ["not_found"]:
            raise Problem("not-found", "No API key has this id.")
        return self.get_key(key_id)

    # -- part 2: the organization and its people ----------------------------------------

    def organization(self) -> Organization:
        return self.store.policy.organization()

    def update_key_policy(
        self,
        changes: Mapping[str, object],
        admin: User | None = None,
        caller: Caller | None = None,
    ) -> Organization:
        def decide(current: Organization) -> Mapping[str, object]:
            merged = current._replace(**changes)  # type: ignore[arg-type]
            if (
                merged.default_lifetime_days is not None
                and merged.max_lifetime_days is not None
                and merged.default_lifetime_days > merged.max_lifetime_days
            ):
                field = (
                    "default_lifetime_days"
                    if "default_lifetime_days" in changes or "max_lifetime_days" not in changes
                    else "max_lifetime_days"
                )
                raise Problem.validation(
                    field,
                    f"The default lifetime ({merged.default_lifetime_days} days) may not exceed "
                    f"the maximum lifetime ({merged.max_lifetime_days} days).",
                )
            return {k: v for k, v in changes.items() if getattr(current, k) != v}

        def audit(before: Organization, after: Organization) -> NewAudit:
            changed = [
                f"{name} {getattr(before, name)} → {getattr(after, name)}"
                for name in ("max_lifetime_days", "default_lifetime_days", "expiry_warning_days",
                             "on_exposure")
                if getattr(before, name) != getattr(after, name)
            ]  # fmt: skip
            who = admin.name if admin is not None else "the sandbox"
            return NewAudit(
                id=credentials.new_id("evt_"),
                at=clock.now(),
                action="organization.key_policy_updated",
                actor_kind="user",
                actor_id=admin.id if admin is not None else "system",
                actor_name=who,
                ip=caller.ip if caller is not None else None,
                summary=f"Key policy changed by {who}: "
                + ", ".join(changed).replace("None", "none"),
                target_kind="organization",
                target_id=after.id,
                target_name=after.name,
            )

        _before, after = self.store.policy.update_key_policy(decide, audit)
        return after

    # -- part 2: exposure reports ---------------------------------------------------------

    def report_exposures(
        self, identifier: str | None, signature: str | None, body: bytes, caller: Caller
    ) -> list[dict[str, str]]:
        """A signed report in GitHub's partner format: 404 (no scanner keys), then
        401 (signature), then 422 (body); the answer's rows, one per item whose
        token has the key format and checksum."""
        if not self.scanning_keys:
            raise Problem("not-found", "This server takes no exposure reports.")
        scanner_id = scanning.verify(self.scanning_keys, identifier, signature, body)
        if scanner_id is None:
            raise Problem(
                "unauthenticated",
                "The report's signature is missing, malformed, made with an unknown key or "
                "does not match the body. Nothing was recorded.",
            )
        # Key-shaped text in the other fields (a URL that holds the key itself)
        # is masked before it is stored or echoed: only the token's hash is kept.
        items = [
            scanning.ReportItem(
                item.token,
                scanning.mask(item.type),
                scanning.mask(item.url),
                scanning.mask(item.source),
            )
            for item in scanning.parse_report(body)
            if len(item.token) == keyformat.KEY_LENGTH and keyformat.is_valid_key(item.token)
        ]
        digests = [credentials.token_digest(item.token) for item in items]
        at = clock.now()
        name = scanning.SCANNER_NAME

        def decide(
            row: KeyRow, policy: Organization, url: str, source: str
        ) -> tuple[Mapping[str, object], NewAudit]:
            return exposure_change(
                row, policy.on_exposure, at, (scanner_id, name), url, source, caller.ip
            )

        known = self.store.exposures.report_exposures(
            (scanner_id, name),
            [(d, item.url, item.source) for d, item in zip(digests, items, strict=True)],
            at,
            decide,
        )
        return [
            {
                "token_hash": digest,
                "token_type": item.type,
                "label": "true_positive" if true else "false_positive",
            }
            for digest, item, true in zip(digests, items, known, strict=True)
        ]

    def list_users(self, limit: int, after: str | None) -> tuple[list[User], User | None]:
        rows = self.store.people.list_users(limit + 1, after)
        page = rows[:limit]
        return page, (page[-1] if len(rows) > limit else None)

    def _owner(self, owner_id: str | None, field: str = "owner_id") -> str | None:
        if owner_id is None:
            return None
        if self.store.people.user(owner_id) is None:
            raise Problem.validation(field, "No user of this organization has this id.")
        return owner_id

    def _new_expiry(
        self,
        policy: Organization,
        sent: str | None,
        was_sent: bool,
        now: int,
        field: str,
    ) -> int | None:
        """A new key's expires_at by the create rules (omitted: default, else maximum)."""
        maximum = policy.max_lifetime_days
        if not was_sent:
            days = policy.default_lifetime_days or maximum
            return None if days is None else now + days * DAY
        if sent is None:
            if maximum is not None:
                raise Problem.validation(
                    field,
                    f"Required: keys in this organization must expire within {maximum} days.",
                )
            return None
        at = seconds_of(sent)
        self._check_expiry(at, maximum, now, field)
        return at

    @staticmethod
    def _check_expiry(at: int, maximum: int | None, now: int, field: str) -> None:
        if at < now + MIN_EXPIRY_AHEAD:
            raise Problem.validation(field, "Must be at least one hour from now.")
        if at > LATEST_TIME:
            raise Problem.validation(field, "Must be no later than 9999-12-31T23:59:59Z.")
        if maximum is not None and at > now + maximum * DAY:
            latest = clock.rfc3339(now + maximum * DAY)
            raise Problem.validation(
                field,
                f"Must be no later than {latest}: keys in this organization expire within "
                f"{maximum} days.",
            )

    # -- part 2: edit, disable, enable, rotate ---------------------------------------------

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
                raise _not_found()
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
                columns, [_user_event(row.id, now, "api_key.updated", admin, caller, summary)]
            )

        (row,) = self.store.keys.change_keys([key_id], decide)
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
            columns["owner_id"] = self._owner(fields["owner_id"])
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
                    maximum = self.store.policy.organization().max_lifetime_days
                    self._check_expiry(at, maximum, now, "expires_at")
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
                    raise _not_found()
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
            event = _user_event(row.id, now, action, admin, caller, summary)
            return KeyChange(columns, [event])

        rows = self.store.keys.change_keys(key_ids, decide)
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
        claim, existing = self._claim(admin, idempotency_key, fingerprint)
        if existing is not None:
            return Rotated(self.get_key(existing), None, self.get_key(key_id), True)
        secret = keyformat.generate_key()
        new_id = credentials.new_id("key_")
        now = clock.now()

        def decide(row: KeyRow | None) -> KeyChange | None:
            if row is None:
                raise _not_found()
            if row.status(now) != "active":
                raise key_inactive(row, now)
            policy = self.store.policy.organization()
            new_expiry = self._new_expiry(policy, expires_at, expires_at_set, now, "expires_at")
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
                _user_event(
                    row.id,
                    now,
                    "api_key.rotated",
                    admin,
                    caller,
                    f"Rotated by {admin.name}: replaced by {new_id}; this key stops working "
                    f"at {stops}",
                ),
                _user_event(
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
            (old,) = self.store.keys.change_keys([key_id], decide)
        except BaseException:
            if claim is not None:
                self.store.idempotency.release_idempotency(*claim)
            raise
        assert old is not None
        return Rotated(self.get_key(new_id), secret, old, False)

    def lookup(self, sha256: str) -> KeyRow:
        row = self.store.keys.key_by_digest(sha256)
        if row is None:
            raise Problem("not-found", "No API key, active or revoked, has this SHA-256.")
        return row

    def events(
        self, key_id: str, limit: int, after: tuple[int, int] | None
    ) -> tuple[list[EventRow], EventRow | None]:
        self.get_key(key_id)  # 404 for an unknown key, not an empty list
        rows = self.store.events.list_events(key_id, limit + 1, after)
        more = len(rows) > limit
        page = rows[:limit]
        return page, (page[-1] if more else None)

    # -- what a key can do ------------------------------------------------------------

    def me_as_key(self, key: KeyCredential, caller: Caller) -> None:
        self.store.events.record_event(
            _key_event(key, "api_key.used", caller, "Called GET /api/v1/me")
        )

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
            self.store.events.record_event(
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
        self.store.events.add_record(
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
        self.store.events.record_event(_key_event(key, "api_key.denied", caller, summary))
        raise Problem("forbidden", f"This API key does not have the {permission} permission.")


def exposure_change(
    row: KeyRow,
    rule: str,
    at: int,
    scanner: tuple[str, str],
    url: str,
    source: str,
    ip: str | None,
) -> tuple[dict[str, object], NewAudit]:
    """What one exposure report of ``row`` does under the policy ``rule``: the
    columns to set and the ``api_key.exposed`` audit event."""
    scanner_id, name = scanner
    columns: dict[str, object] = {
        "exposure_reported_at": at,
        "exposure_source": source,
        "exposure_url": url or None,
    }
    status = row.status(at)
    if rule == "revoke" and status in {"active", "disabled"}:
        columns.update(revoked_at=at, revoked_by_scanner=scanner_id)
        action = "revoked automatically"
    elif rule == "disable" and status == "active":
        columns.update(disabled_at=at, disabled_by=None, disabled_by_scanner=scanner_id)
        action = "disabled automatically"
    elif rule == "notify":
        action = "no change (the policy only notifies)"
    else:
        action = f"no change (the key was already {status})"
    where = f" at {url}" if url else ""
    audit = NewAudit(
        id=credentials.new_id("evt_"),
        at=at,
        action="api_key.exposed",
        actor_kind="scanner",
        actor_id=scanner_id,
        actor_name=name,
        ip=ip,
        summary=f"Reported exposed{where} by {name} (source: {source or 'unknown'}); {action}",
        target_kind="api_key",
        target_id=row.id,
        target_name=row.name,
    )
    return columns, audit


def _session_audit(
    digest: str, user: User, action: str, summary: str, caller: Caller | None, at: int
) -> NewAudit:
    # The session's public id is derived from its digest, so its start and end
    # share a target; it reveals nothing of the token.
    session_id = "ses_" + hashlib.sha256(digest.encode("ascii")).hexdigest()[:16]
    return NewAudit(
        id=credentials.new_id("evt_"),
        at=at,
        action=action,
        actor_kind="user",
        actor_id=user.id,
        actor_name=user.name,
        ip=caller.ip if caller is not None else None,
        summary=f"{summary}: {user.name} ({user.email})",
        target_kind="session",
        target_id=session_id,
        target_name=f"Session of {user.name}",
    )


def _etag_matches(if_match: str, version: int) -> bool:
    """RFC 9110 If-Match: ``*`` or a list of strong entity tags (a weak one never matches)."""
    wanted = f'"{version}"'
    return any(tag.strip() in {"*", wanted} for tag in if_match.split(","))


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
