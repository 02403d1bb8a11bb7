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
    status: Literal["active", "revoked", "all"] = Field(
        "active", description="Which keys; an unknown value is a 422."
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
