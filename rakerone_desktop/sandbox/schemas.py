"""Request bodies (validated) and response shapes (documented) of the API.

Requests are strict pydantic models: no type coercion, unknown fields refused,
and every rule of the contract checked here, so one failed request reports
every bad field at once (one ``errors`` row per field). Every string a request
carries (body, query, header, path) is a ``SafeStr`` (``strings.py``): text
that is not valid Unicode is a 422 here, never a 500 later.

Responses are built as plain dicts and serialised with the stdlib (see
``render.py``); the response models below exist for the OpenAPI document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from rakerone_desktop.sandbox.catalog import PERMISSION_IDS, PERMISSIONS
from rakerone_desktop.sandbox.strings import JsonObject, SafeStr

NAME_MAX = 100
# What one record may store: its fields as compact JSON.
RECORD_FIELDS_MAX_BYTES = 64 * 1024
BULK_MAX = 1000
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf"})

IDEMPOTENCY_KEY_PATTERN = r"^[\x20-\x7E]{1,255}$"

# Part 2 (key lifecycle).
DESCRIPTION_MAX = 1000
TAGS_MAX = 20
TAG_PATTERN = r"^[a-z0-9][a-z0-9._:-]{0,39}$"
_TAG = re.compile(TAG_PATTERN)
POLICY_DAYS_MAX = 3650
ROTATE_GRACE_MAX = 7 * 24 * 60 * 60
# RFC 3339 date-time: a "T" (or "t"), seconds, optional fraction, Z or an offset.
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})"
)
_TIME_DESCRIPTION = (
    "RFC 3339 date-time with `Z` or an offset; a fraction of a second is dropped "
    "(times are whole seconds)."
)


class _Request(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Query(BaseModel):
    # Query values arrive as text, so no strict mode here; unknown parameters
    # are refused like unknown body fields, so a typo (``stauts=revoked``)
    # never silently answers something else.
    model_config = ConfigDict(extra="forbid")


_LIMIT = "Page size, 1 to 1000. Out of range is a 422, never clamped."
_CURSOR = "`next_cursor` of the previous page, as sent. Opaque: anything else is a 422."


class KeyListQuery(_Query):
    status: Literal["active", "disabled", "expired", "revoked", "all"] = Field(
        "active",
        description=(
            "Which keys; an unknown value is a 422. `active` means usable now (not revoked, "
            "expired or disabled). A key has one status: revoked wins, then expired, then "
            "disabled. `disabled` and `expired` are part 2 (feature `key_disable`, `key_expiry`)."
        ),
    )
    limit: int = Field(100, ge=1, le=1000, description=_LIMIT)
    cursor: SafeStr | None = Field(None, min_length=1, description=_CURSOR)


class EventListQuery(_Query):
    limit: int = Field(100, ge=1, le=1000, description=_LIMIT)
    cursor: SafeStr | None = Field(None, min_length=1, description=_CURSOR)


# -- sessions -------------------------------------------------------------------


class SignIn(_Request):
    email: Annotated[SafeStr, Field(max_length=320, description="Matched without regard to case.")]
    password: Annotated[SafeStr, Field(max_length=1024)]


class UserOut(_Response):
    kind: Literal["user"]
    id: str
    name: str
    email: str
    role: Literal["admin", "member"]


class SessionOut(_Response):
    token: str = Field(
        description="The bearer token. Shown once; the server keeps only its SHA-256."
    )
    expires_at: datetime
    user: UserOut


class KeyIdentity(_Response):
    kind: Literal["api_key"]
    id: str
    name: str
    permissions: list[str]


# -- permission catalog ------------------------------------------------------------


class PermissionOut(_Response):
    id: str
    label: str
    description: str
    group: str
    impersonation: bool = Field(
        description="True for the capabilities that let a key act as a user (Can impersonate)."
    )


class PermissionCatalog(_Response):
    items: list[PermissionOut]


# -- API keys -------------------------------------------------------------------------


class Actor(_Response):
    id: str
    name: str


class Exposure(_Response):
    reported_at: datetime
    source: str
    url: str | None


class ApiKeyOut(_Response):
    id: str
    name: str
    permissions: list[str]
    hint: str = Field(description='"rone_" + U+2026 + the last four characters of the key.')
    created_at: datetime
    created_by: Actor
    last_used_at: datetime | None
    last_used_ip: str | None
    last_used_user_agent: str | None
    revoked_at: datetime | None
    revoked_by: Actor | None
    # Part 2: absent from a part-1 server's answers (clients default them).
    status: Literal["active", "disabled", "expired", "revoked"] = Field(
        description="Revoked wins, then expired, then disabled; else active (usable now)."
    )
    expires_at: datetime | None = Field(
        description="When the key stops working; null: never. Passing it changes no `version`."
    )
    disabled_at: datetime | None
    disabled_by: Actor | None
    description: str = Field(description='"" when none; at most 1000 code points.')
    owner: Actor | None = Field(description="A user of the organization, or null.")
    tags: list[str] = Field(
        description="At most 20, lowercase, each matching `" + TAG_PATTERN + "`; no duplicates."
    )
    exposure: Exposure | None = Field(description="The latest exposure report, or null.")
    version: int = Field(
        ge=1,
        description=(
            "Starts at 1; +1 on every change made through the API (edit, disable, enable, "
            "revoke, a rotation that moves `expires_at`). Sent as the `ETag` of answers that "
            "carry one key; send it back in `If-Match` on `PATCH`."
        ),
    )


class ApiKeyPage(_Response):
    items: list[ApiKeyOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )
    total: int = Field(description="How many keys have the requested status, on every page.")


class CreateApiKey(_Request):
    name: SafeStr = Field(
        description=(
            "Trimmed, then 1 to 100 Unicode code points with no character of category "
            "Cc or Cf. Need not be unique."
        )
    )
    permissions: list[SafeStr] = Field(
        description="Permission ids from the catalog, no duplicates; may be empty.",
        # Documents the rule the validator below enforces (with its own messages).
        json_schema_extra={
            "items": {"type": "string", "enum": [p.id for p in PERMISSIONS]},
            "uniqueItems": True,
        },
    )

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        name = value.strip()
        if not name:
            raise PydanticCustomError("name_empty", "Must not be empty.")
        if len(name) > NAME_MAX:
            raise PydanticCustomError(
                "name_too_long",
                "Must be at most {max} characters long (this one has {length}).",
                {"max": NAME_MAX, "length": len(name)},
            )
        for char in name:
            if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
                raise PydanticCustomError(
                    "name_invisible",
                    "Must not contain control or invisible formatting characters "
                    "(found {codepoint}).",
                    {"codepoint": f"U+{ord(char):04X}"},
                )
        # The name as sent: an idempotent replay compares the body as sent,
        # so trimming happens when the key is created, not here.
        return value

    @field_validator("permissions")
    @classmethod
    def _check_permissions(cls, value: list[str]) -> list[str]:
        return cls.check_permission_ids(value)

    @staticmethod
    def check_permission_ids(value: list[str]) -> list[str]:
        unknown = [p for p in value if p not in PERMISSION_IDS]
        if unknown:
            raise PydanticCustomError(
                "permission_unknown",
                "Not in the permission catalog: {ids}.",
                {"ids": ", ".join(repr(p) for p in unknown)},
            )
        repeated = {p for p, count in Counter(value).items() if count > 1}
        if repeated:
            raise PydanticCustomError(
                "permission_repeated",
                "Listed more than once: {ids}.",
                {"ids": ", ".join(sorted(repeated))},
            )
        return value

    expires_at: str | None = Field(
        None,
        json_schema_extra={"format": "date-time"},
        description=(
            _TIME_DESCRIPTION + " Omitted: now + the policy's `default_lifetime_days`, else now "
            "+ its `max_lifetime_days`, else null (never). null: never, refused (422) when the "
            "policy has a maximum. At least one hour ahead, and no later than now + "
            "`max_lifetime_days` when that is set."
        ),
    )
    description: str = Field(
        "",
        description=(
            "Trimmed; at most 1000 code points; no Cc or Cf character except line feed (U+000A)."
        ),
    )
    owner_id: str | None = Field(None, description="The id of a user of the organization.")
    tags: list[str] = Field(
        default_factory=list,
        description=(
            "At most 20. Each is lowercased, then must be 1 to 40 characters of `[a-z0-9._:-]` "
            "starting with a letter or digit; two equal after lowercasing are a duplicate."
        ),
    )

    @field_validator("expires_at")
    @classmethod
    def _check_expires_at(cls, value: str | None) -> str | None:
        return check_time(value)

    @field_validator("description")
    @classmethod
    def _check_description(cls, value: str) -> str:
        return check_description(value)

    @field_validator("owner_id")
    @classmethod
    def _check_owner_id(cls, value: str | None) -> str | None:
        return check_id(value)

    @field_validator("tags")
    @classmethod
    def _check_tags(cls, value: list[str]) -> list[str]:
        return check_tags(value)


# Fields of the create body that a part-1 server does not know.
CREATE_PART2_FIELDS = ("expires_at", "description", "owner_id", "tags")


class CreatedApiKey(_Response):
    api_key: ApiKeyOut
    secret: str | None = Field(
        description=(
            "The whole key, in this response only. null on an idempotent replay: "
            "the server cannot read a key back."
        )
    )
    replayed: bool = Field(
        description="True when this answers a repeated Idempotency-Key (status 200)."
    )


class BulkRevoke(_Request):
    ids: list[SafeStr] = Field(max_length=BULK_MAX, description="At most 1000 key ids.")


class BulkRevokeResult(_Response):
    id: str
    outcome: Literal["revoked", "already_revoked", "not_found"]


class BulkRevokeResults(_Response):
    results: list[BulkRevokeResult]


class Lookup(_Request):
    sha256: SafeStr = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="The lowercase hex SHA-256 of the suspected key, computed by the client.",
    )


class EventActor(_Response):
    kind: Literal["user", "api_key"]
    id: str
    name: str


class EventOut(_Response):
    id: str
    at: datetime
    action: str = Field(
        description=(
            "api_key.created, api_key.revoked, api_key.used, playbook.run, record.created, "
            "api_key.denied; clients must accept others."
        )
    )
    actor: EventActor
    ip: str | None
    summary: str


class EventPage(_Response):
    items: list[EventOut]
    next_cursor: str | None


# -- part 2: rules shared by create, edit and rotate -----------------------------------------


def _refuse_surrogates(value: str, code: str = "not_unicode") -> None:
    # A lone surrogate (JSON "\ud800") is not Unicode text: it cannot be stored
    # or sent back, so it is a 422 here rather than an error in the database.
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise PydanticCustomError(code, "Must be valid Unicode text (found a lone surrogate).")


def check_key_name(value: str) -> str:
    """Part 1's name rule, for the new bodies that carry a name."""
    _refuse_surrogates(value)
    name = value.strip()
    if not name:
        raise PydanticCustomError("name_empty", "Must not be empty.")
    if len(name) > NAME_MAX:
        raise PydanticCustomError(
            "name_too_long",
            "Must be at most {max} characters long (this one has {length}).",
            {"max": NAME_MAX, "length": len(name)},
        )
    _refuse_invisible(name)
    return value


def _refuse_invisible(text: str, allowed: str = "") -> None:
    for char in text:
        if char not in allowed and unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise PydanticCustomError(
                "name_invisible",
                "Must not contain control or invisible formatting characters (found {codepoint}).",
                {"codepoint": f"U+{ord(char):04X}"},
            )


def check_description(value: str) -> str:
    """Trimmed, at most 1000 code points, no Cc/Cf but line feeds; kept as sent."""
    _refuse_surrogates(value)
    text = value.strip()
    if len(text) > DESCRIPTION_MAX:
        raise PydanticCustomError(
            "description_too_long",
            "Must be at most {max} characters long (this one has {length}).",
            {"max": DESCRIPTION_MAX, "length": len(text)},
        )
    _refuse_invisible(text, allowed="\n")
    return value


def normalize_tags(tags: list[str]) -> list[str]:
    return [tag.lower() for tag in tags]


def check_tags(value: list[str]) -> list[str]:
    if len(value) > TAGS_MAX:
        raise PydanticCustomError(
            "tags_too_many",
            "At most {max} tags (found {count}).",
            {"max": TAGS_MAX, "count": len(value)},
        )
    for index, tag in enumerate(value):
        _refuse_surrogates(tag)
        if _TAG.fullmatch(tag.lower()) is None:
            raise PydanticCustomError(
                "tag_invalid",
                "Tag {index} ({tag!r}) must be 1 to 40 characters of a-z, 0-9, '.', '_', ':' "
                "or '-', starting with a letter or digit.",
                {"index": index + 1, "tag": tag[:60]},
            )
    repeated = sorted({t for t, n in Counter(normalize_tags(value)).items() if n > 1})
    if repeated:
        raise PydanticCustomError(
            "tag_repeated",
            "Listed more than once (tags are compared in lowercase): {tags}.",
            {"tags": ", ".join(repeated)},
        )
    return value


def check_id(value: str | None) -> str | None:
    if value is not None:
        _refuse_surrogates(value)
    return value


def check_time(value: str | None) -> str | None:
    if value is None:
        return None
    if _RFC3339.fullmatch(value) is None:
        raise PydanticCustomError(
            "time_format",
            "Must be an RFC 3339 date-time with a time zone, e.g. 2026-11-26T14:03:12Z.",
        )
    try:
        seconds_of(value)
    except (ValueError, OverflowError):
        raise PydanticCustomError("time_range", "Must be a real date and time.") from None
    return value


def seconds_of(value: str) -> int:
    """Whole Unix seconds of a time that passed :func:`check_time` (fraction dropped).

    Any year from 0001 to 9999 with any offset works (negative before 1970):
    the arithmetic is on naive times, so nothing overflows at the ends.
    """
    moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    offset = moment.utcoffset()
    assert offset is not None  # check_time requires a zone
    since_epoch = moment.replace(tzinfo=None) - datetime(1970, 1, 1)
    return int((since_epoch - offset).total_seconds() // 1)


# The last second an API time can show.
LATEST_TIME = 253402300799  # 9999-12-31T23:59:59Z


def _whole_float_to_int(value: Any) -> Any:
    # JSON Schema counts 5.0 as an integer, so it is one here too; 5.5 and
    # "5" are still refused (strict mode).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# -- part 2: organization, users --------------------------------------------------------


class KeyPolicyOut(_Response):
    max_lifetime_days: int | None = Field(
        description="null: keys may live forever. Otherwise every key must expire within it."
    )
    default_lifetime_days: int | None = Field(
        description="Used when a create omits `expires_at`; never above the maximum."
    )
    expiry_warning_days: int = Field(description="Clients warn this many days before expiry.")
    on_exposure: Literal["revoke", "disable", "notify"] = Field(
        description="What an exposure report does to a key (part 2, exposure reports)."
    )


class OrganizationOut(_Response):
    id: str
    name: str
    features: list[str] = Field(
        description=(
            "What this server offers beyond part 1: `key_expiry`, `key_disable`, "
            "`key_metadata`, `key_rotate`, and others as they are served. Clients hide what "
            "is not listed; a `404` for this path means a part-1-only server."
        )
    )
    key_policy: KeyPolicyOut


PolicyDays = Annotated[int, Field(ge=1, le=POLICY_DAYS_MAX)]


class KeyPolicyUpdate(_Request):
    max_lifetime_days: PolicyDays | None = Field(
        None, description="1 to 3650, or null for no maximum."
    )
    default_lifetime_days: PolicyDays | None = Field(
        None,
        description="1 to 3650, or null for none; may not exceed `max_lifetime_days` (422).",
    )
    expiry_warning_days: PolicyDays = Field(14, description="1 to 3650.")
    on_exposure: Literal["revoke", "disable", "notify"] = "disable"

    @field_validator(
        "max_lifetime_days", "default_lifetime_days", "expiry_warning_days", mode="before"
    )
    @classmethod
    def _whole(cls, value: Any) -> Any:
        return _whole_float_to_int(value)


class UserPage(_Response):
    items: list[UserOut]
    next_cursor: str | None


class UserListQuery(_Query):
    limit: int = Field(100, ge=1, le=1000, description=_LIMIT)
    cursor: str | None = Field(None, min_length=1, description=_CURSOR)


# -- part 2: edit, disable, rotate ------------------------------------------------------


class UpdateApiKey(_Request):
    """Any subset; a field left out is left as it is."""

    name: str = Field("", description="As on create: trimmed, 1 to 100, no Cc or Cf.")
    description: str = Field("", description="As on create.")
    owner_id: str | None = Field(
        None, description="A user of the organization; null removes the owner."
    )
    tags: list[str] = Field(default_factory=list, description="As on create; replaces the tags.")
    permissions: list[str] = Field(
        default_factory=list,
        description=(
            "A subset of the key's current permissions (else 422: they can only be removed). "
            "Compared as a set: the same permissions in another order change nothing."
        ),
        json_schema_extra={
            "items": {"type": "string", "enum": [p.id for p in PERMISSIONS]},
            "uniqueItems": True,
        },
    )
    expires_at: str | None = Field(
        None,
        json_schema_extra={"format": "date-time"},
        description=(
            _TIME_DESCRIPTION + " Only earlier than now, or set where it was null; never later, "
            "never back to null; at least one hour ahead, and within the policy's maximum."
        ),
    )

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return check_key_name(value)

    @field_validator("description")
    @classmethod
    def _check_description(cls, value: str) -> str:
        return check_description(value)

    @field_validator("owner_id")
    @classmethod
    def _check_owner_id(cls, value: str | None) -> str | None:
        return check_id(value)

    @field_validator("tags")
    @classmethod
    def _check_tags(cls, value: list[str]) -> list[str]:
        return check_tags(value)

    @field_validator("permissions")
    @classmethod
    def _check_permissions(cls, value: list[str]) -> list[str]:
        return CreateApiKey.check_permission_ids(value)

    @field_validator("expires_at")
    @classmethod
    def _check_expires_at(cls, value: str | None) -> str | None:
        return check_time(value)


class RotateApiKey(_Request):
    old_key_expires_in: int = Field(
        ge=0,
        le=ROTATE_GRACE_MAX,
        description=(
            "Seconds the old key keeps working, 0 to 604800 (7 days). Its `expires_at` becomes "
            "the earlier of its own and now + this; 0: expired in this very answer."
        ),
    )
    name: str | None = Field(
        None, description="The new key's name; omitted or null: the old key's name."
    )
    expires_at: str | None = Field(
        None,
        json_schema_extra={"format": "date-time"},
        description=(
            _TIME_DESCRIPTION + " The new key's expiry, by the create rules. Omitted: now + "
            "the policy's default, else now + its maximum, else null."
        ),
    )

    @field_validator("old_key_expires_in", mode="before")
    @classmethod
    def _whole(cls, value: Any) -> Any:
        return _whole_float_to_int(value)

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str | None) -> str | None:
        return None if value is None else check_key_name(value)

    @field_validator("expires_at")
    @classmethod
    def _check_expires_at(cls, value: str | None) -> str | None:
        return check_time(value)


class RotatedApiKey(_Response):
    api_key: ApiKeyOut = Field(description="The new key.")
    secret: str | None = Field(description="The new key's whole value, once; null on a replay.")
    old_api_key: ApiKeyOut = Field(description="The old key, with its new `expires_at`.")
    replayed: bool = Field(description="True on a replay (status 200).")


class BulkDisable(_Request):
    ids: list[str] = Field(max_length=BULK_MAX, description="At most 1000 key ids.")

    @field_validator("ids")
    @classmethod
    def _check_ids(cls, value: list[str]) -> list[str]:
        for item in value:
            check_id(item)
        return value


class BulkDisableResult(_Response):
    id: str
    outcome: Literal["disabled", "already_disabled", "inactive", "not_found"]


class BulkDisableResults(_Response):
    results: list[BulkDisableResult]


# -- part 2: the audit log -----------------------------------------------------------------


class AuditQuery(_Query):
    limit: int = Field(100, ge=1, le=1000, description=_LIMIT)
    cursor: str | None = Field(None, min_length=1, description=_CURSOR)
    actor_id: str | None = Field(
        None, min_length=1, max_length=200, description="Only what this person (user id) did."
    )
    api_key_id: str | None = Field(
        None, min_length=1, max_length=200, description="Only events whose target is this key."
    )
    action: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Only this action, e.g. `api_key.revoked` (exact match).",
    )
    since: str | None = Field(
        None,
        json_schema_extra={"format": "date-time"},
        description="Only events at or after this time (inclusive). " + _TIME_DESCRIPTION,
    )
    until: str | None = Field(
        None,
        json_schema_extra={"format": "date-time"},
        description="Only events before this time (exclusive). " + _TIME_DESCRIPTION,
    )

    @field_validator("since", "until")
    @classmethod
    def _check_times(cls, value: str | None) -> str | None:
        return check_time(value)


class AuditActor(_Response):
    kind: Literal["user", "api_key", "scanner"]
    id: str
    name: str


class AuditTarget(_Response):
    kind: Literal["api_key", "organization", "session"]
    id: str
    name: str = Field(description="The target's name now (for a key: as it is now).")


class AuditEventOut(_Response):
    id: str
    at: datetime
    action: str = Field(
        description=(
            "api_key.created, .updated, .disabled, .enabled, .revoked, .rotated, .exposed, "
            "organization.key_policy_updated, session.created, session.ended; clients must "
            "accept others."
        )
    )
    actor: AuditActor
    ip: str | None
    summary: str
    target: AuditTarget | None


class AuditEventPage(_Response):
    items: list[AuditEventOut]
    next_cursor: str | None


# -- what a key can do in the sandbox ---------------------------------------------------


class PlaybookRun(_Response):
    id: str
    playbook_id: str
    playbook_name: str
    status: Literal["queued"]
    created_at: datetime


class NewRecord(_Request):
    title: SafeStr = Field(min_length=1, max_length=200)
    fields: JsonObject = Field(
        default_factory=dict,
        description=(
            f"Any JSON object: at most {RECORD_FIELDS_MAX_BYTES} bytes as compact UTF-8 JSON, "
            "nested at most 32 levels, finite numbers only."
        ),
    )

    @field_validator("fields")
    @classmethod
    def _check_size(cls, value: dict[str, Any]) -> dict[str, Any]:
        size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        if size > RECORD_FIELDS_MAX_BYTES:
            raise PydanticCustomError(
                "fields_too_large",
                "Must be at most {max} bytes as JSON (these are {size}).",
                {"max": RECORD_FIELDS_MAX_BYTES, "size": size},
            )
        return value


class RecordOut(_Response):
    id: str
    title: str
    fields: dict[str, Any]
    created_at: datetime


# -- errors -------------------------------------------------------------------------------


class FieldError(_Response):
    field: str = Field(description="A body field, a query parameter, or a header name.")
    message: str


class ProblemDocument(_Response):
    """RFC 9457 problem details."""

    type: str = Field(description="https://rakerone.example/problems/<slug>")
    title: str
    status: int
    detail: str
    request_id: str
    errors: list[FieldError] | None = Field(
        default=None, description="On validation failures only: one row per field."
    )
