"""Typed, frozen results of the RakerOne API, decoded strictly.

Every answer is decoded straight from the response bytes by ``msgspec`` into
these frozen structs: an unknown shape, a missing field or a wrong type is one
:class:`~rakerone_desktop.api.errors.ProtocolError` that names the JSON path,
never a ``KeyError`` somewhere in a view. Unknown extra fields are ignored so
that a newer server can add fields without breaking older clients.

Nothing here holds a secret in its ``repr``: :class:`CreatedKey` hides it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Final, Literal, TypeVar

import msgspec
from msgspec.structs import force_setattr

from rakerone_desktop.domain.keyformat import ALPHABET, HINT_ELLIPSIS, PREFIX


class _Frozen(msgspec.Struct, frozen=True, forbid_unknown_fields=False):
    # Subclasses repeat ``frozen=True``: msgspec inherits it at run time, but
    # mypy's dataclass_transform reads only what each class statement says.
    pass


# RFC 3339 with an explicit offset; a naive time breaks the contract.
Time = Annotated[datetime, msgspec.Meta(tz=True)]


# Keys come by the hundred thousand, so their types are built to be light:
# ``gc=False`` keeps them out of the cycle collector (they are frozen and hold
# only strings, times, tuples and other such structs, so they can't form a
# cycle), and values that repeat from key to key (a creator, a permission set,
# a user agent) are shared through a small canonical table instead of being
# held once per key. A full collection then no longer walks every key, and
# 100,000 keys take about half the memory.
_CANONICAL_LIMIT: Final = 50_000
_canonical: dict[Any, Any] = {}
_T = TypeVar("_T")


def _shared(value: _T) -> _T:
    """An equal value already held elsewhere, or this one (then remembered)."""
    if len(_canonical) >= _CANONICAL_LIMIT:  # many distinct values: start afresh
        _canonical.clear()
    shared: _T = _canonical.setdefault(value, value)
    return shared


class PersonRef(_Frozen, frozen=True, gc=False):
    id: str
    name: str


class User(_Frozen, frozen=True, tag_field="kind", tag="user"):
    id: str
    name: str
    email: str
    role: Literal["admin", "member"]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class KeyPrincipal(_Frozen, frozen=True, tag_field="kind", tag="api_key"):
    """What ``GET /me`` answers when the bearer is an API key."""

    id: str
    name: str
    permissions: tuple[str, ...]


Me = User | KeyPrincipal


class Session(_Frozen, frozen=True):
    token: str
    expires_at: Time
    user: User

    def __repr__(self) -> str:  # the token is a credential
        return f"Session(user={self.user!r}, expires_at={self.expires_at!r}, token=<hidden>)"

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        # msgspec's own __rich_repr__ lists every field, the token included.
        return [("user", self.user), ("expires_at", self.expires_at), ("token", "<hidden>")]


class Permission(_Frozen, frozen=True):
    id: str
    label: str
    description: str
    group: str
    impersonation: bool


class PermissionCatalog(_Frozen, frozen=True):
    items: tuple[Permission, ...]


_HINT_LENGTH = len(PREFIX) + len(HINT_ELLIPSIS) + 4

KeyStatus = Literal["active", "disabled", "expired", "revoked"]


class Exposure(_Frozen, frozen=True, gc=False):
    """The latest exposure report of a key (part 2)."""

    reported_at: Time
    source: str
    url: str | None = None


class ApiKey(_Frozen, frozen=True, gc=False, omit_defaults=True):
    # omit_defaults: encoded again, a part-1 key is exactly the part-1 document.
    id: str
    name: str
    permissions: tuple[str, ...]
    hint: str
    created_at: Time
    created_by: PersonRef
    last_used_at: Time | None
    last_used_ip: str | None
    last_used_user_agent: str | None
    revoked_at: Time | None
    revoked_by: PersonRef | None
    # Part 2 (key lifecycle): absent from a part-1 server's answers, so every
    # one has a default that means "nothing of the kind".
    status: KeyStatus | None = None  # None: a part-1 answer; see ``lifecycle_status``
    expires_at: Time | None = None
    disabled_at: Time | None = None
    disabled_by: PersonRef | None = None
    description: str = ""
    owner: PersonRef | None = None
    tags: tuple[str, ...] = ()
    exposure: Exposure | None = None
    version: int | None = None  # None: a part-1 answer (no edits in place there)

    def __post_init__(self) -> None:
        # A hint longer than "rone_…" + 4 characters would leak part of a key.
        if (
            len(self.hint) != _HINT_LENGTH
            or not self.hint.startswith(PREFIX + HINT_ELLIPSIS)
            or not all(c in ALPHABET for c in self.hint[-4:])
        ):
            raise ValueError("hint must be 'rone_…' and the last 4 characters")
        # Equal values, shared (see ``_shared``); the key is unchanged but for identity.
        force_setattr(self, "permissions", _shared(self.permissions))
        force_setattr(self, "created_by", _shared(self.created_by))
        if self.revoked_by is not None:
            force_setattr(self, "revoked_by", _shared(self.revoked_by))
        if self.last_used_ip is not None:
            force_setattr(self, "last_used_ip", _shared(self.last_used_ip))
        if self.last_used_user_agent is not None:
            force_setattr(self, "last_used_user_agent", _shared(self.last_used_user_agent))
        if self.tags:
            force_setattr(self, "tags", _shared(self.tags))
        if self.owner is not None:
            force_setattr(self, "owner", _shared(self.owner))
        if self.description:
            force_setattr(self, "description", _shared(self.description))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def lifecycle_status(self) -> KeyStatus:
        """The server's status; for a part-1 answer, revoked or active."""
        if self.status is not None:
            return self.status
        return "revoked" if self.revoked_at is not None else "active"

    @property
    def is_usable(self) -> bool:
        """Works as a credential now (as the server last said)."""
        return self.lifecycle_status == "active"

    @property
    def if_match(self) -> str | None:
        """The ``If-Match`` value for an edit of this key; None for a part-1 answer."""
        return None if self.version is None else f'"{self.version}"'


class ApiKeyPage(_Frozen, frozen=True):
    items: tuple[ApiKey, ...]
    next_cursor: str | None
    total: Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]


class CreatedKey(_Frozen, frozen=True):
    """The answer to a create. ``secret`` is ``None`` on an idempotent replay."""

    api_key: ApiKey
    secret: str | None
    replayed: bool = False

    def __repr__(self) -> str:  # never print the secret
        shown = "<hidden>" if self.secret is not None else "None"
        return f"CreatedKey(api_key={self.api_key!r}, secret={shown}, replayed={self.replayed})"

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        # msgspec's own __rich_repr__ lists every field, the secret included.
        shown = "<hidden>" if self.secret is not None else None
        return [("api_key", self.api_key), ("secret", shown), ("replayed", self.replayed)]


RevokeOutcome = Literal["revoked", "already_revoked", "not_found"]


class RevokeResult(_Frozen, frozen=True):
    id: str
    outcome: RevokeOutcome


class BulkRevokeResults(_Frozen, frozen=True):
    results: tuple[RevokeResult, ...]


class RotatedKey(_Frozen, frozen=True):
    """The answer to a rotation. ``secret`` is ``None`` on an idempotent replay."""

    api_key: ApiKey
    secret: str | None
    old_api_key: ApiKey
    replayed: bool = False

    def __repr__(self) -> str:  # never print the secret
        shown = "<hidden>" if self.secret is not None else "None"
        return (
            f"RotatedKey(api_key={self.api_key!r}, secret={shown}, "
            f"old_api_key={self.old_api_key!r}, replayed={self.replayed})"
        )

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        shown = "<hidden>" if self.secret is not None else None
        return [
            ("api_key", self.api_key),
            ("secret", shown),
            ("old_api_key", self.old_api_key),
            ("replayed", self.replayed),
        ]


DisableOutcome = Literal["disabled", "already_disabled", "inactive", "not_found"]


class DisableResult(_Frozen, frozen=True):
    id: str
    outcome: DisableOutcome


class BulkDisableResults(_Frozen, frozen=True):
    results: tuple[DisableResult, ...]


OnExposure = Literal["revoke", "disable", "notify"]


class KeyPolicy(_Frozen, frozen=True):
    max_lifetime_days: int | None = None
    default_lifetime_days: int | None = None
    expiry_warning_days: int = 14
    on_exposure: OnExposure = "disable"


# The features of part 2 a server may list in ``GET /organization``.
FEATURE_KEY_EXPIRY: Final = "key_expiry"
FEATURE_KEY_DISABLE: Final = "key_disable"
FEATURE_KEY_METADATA: Final = "key_metadata"
FEATURE_KEY_ROTATE: Final = "key_rotate"
FEATURE_AUDIT_LOG: Final = "audit_log"


class Organization(_Frozen, frozen=True):
    """What ``GET /organization`` answers: a part-2 server's features and key policy."""

    id: str
    name: str
    features: tuple[str, ...] = ()
    key_policy: KeyPolicy = KeyPolicy()

    def has(self, feature: str) -> bool:
        return feature in self.features


class UserPage(_Frozen, frozen=True):
    items: tuple[User, ...]
    next_cursor: str | None


class Actor(_Frozen, frozen=True):
    kind: Literal["user", "api_key"]
    id: str
    name: str


class Event(_Frozen, frozen=True):
    id: str
    at: Time
    action: str
    actor: Actor
    ip: str | None
    summary: str


class EventPage(_Frozen, frozen=True):
    items: tuple[Event, ...]
    next_cursor: str | None


class AuditActor(_Frozen, frozen=True):
    """Who did it: a person, a key, or (exposure reports) a scanner; others may come."""

    kind: str
    id: str
    name: str


class AuditTarget(_Frozen, frozen=True):
    kind: str  # "api_key", "organization", "session"; clients accept others
    id: str
    name: str = ""


class AuditEvent(_Frozen, frozen=True):
    id: str
    at: Time
    action: str
    actor: AuditActor
    ip: str | None
    summary: str
    target: AuditTarget | None = None


class AuditEventPage(_Frozen, frozen=True):
    items: tuple[AuditEvent, ...]
    next_cursor: str | None


class ProblemRow(_Frozen, frozen=True):
    field: str
    message: str


class Problem(_Frozen, frozen=True):
    """An RFC 9457 problem document, as the server sends it."""

    type: str = "about:blank"
    title: str = ""
    status: int | None = None
    detail: str = ""
    request_id: str | None = None
    errors: tuple[ProblemRow, ...] = ()

    @property
    def slug(self) -> str:
        return self.type.rstrip("/").rsplit("/", 1)[-1]


# -- browser sign-in (OAuth 2.0 for native apps) ---------------------------------


class OAuthEndpoints(_Frozen, frozen=True):
    authorization_endpoint: str
    token_endpoint: str
    client_id: str


class AuthMethods(_Frozen, frozen=True):
    """How a person can sign in to a server (``GET /auth/methods``)."""

    password: bool
    oauth: OAuthEndpoints | None = None


class TokenGrant(_Frozen, frozen=True):
    """A token endpoint's answer (RFC 6749 §5.1): here, a session token."""

    access_token: str
    token_type: str
    expires_in: Annotated[int, msgspec.Meta(ge=1, le=10 * 365 * 24 * 3600)] | None = None

    def __repr__(self) -> str:  # the token is a credential
        return (
            f"TokenGrant(token_type={self.token_type!r}, expires_in={self.expires_in!r}, "
            "access_token=<hidden>)"
        )

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        return [
            ("token_type", self.token_type),
            ("expires_in", self.expires_in),
            ("access_token", "<hidden>"),
        ]


class OAuthErrorBody(_Frozen, frozen=True):
    """An RFC 6749 §5.2 error answer."""

    error: str
    error_description: str | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)
