"""``/api-keys``: list, read, create, revoke, look up, and each key's events.

Every route needs an admin's session: a member gets ``403 admin-only``, an
API key ``403 forbidden``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request, Response
from starlette.convertors import Convertor, register_url_convertor

from rakerone_desktop.sandbox import clock
from rakerone_desktop.sandbox.auth import AdminDep, SandboxDep, caller_of
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.problems import Problem, validation_problem
from rakerone_desktop.sandbox.render import (
    api_key_json,
    decode_event_cursor,
    decode_key_cursor,
    encode_cursor,
    etag,
    event_json,
    json_response,
    one_key_response,
)
from rakerone_desktop.sandbox.schemas import (
    CREATE_PART2_FIELDS,
    IDEMPOTENCY_KEY_PATTERN,
    ApiKeyOut,
    ApiKeyPage,
    BulkRevoke,
    BulkRevokeResults,
    CreateApiKey,
    CreatedApiKey,
    EventListQuery,
    EventPage,
    KeyListQuery,
    Lookup,
)
from rakerone_desktop.sandbox.service import KeyFields
from rakerone_desktop.sandbox.strings import SafeStr


class _KeyIdConvertor(Convertor[str]):
    """Matches key ids only (``key_...``), so ``/api-keys/revoke`` and
    ``/api-keys/lookup`` are never read as ids: ``GET /api-keys/revoke`` is a
    405, as the document says, not a 404 for a key called "revoke"."""

    regex = "key_[^/]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("key_id", _KeyIdConvertor())

router = APIRouter(prefix="/api-keys", tags=["api-keys"])

_NOT_FOUND_KEY = {404: "`not-found`: no API key has this id."}
# Part 2: answers that carry one key say its version (absent from a part-1 server).
ETAG_HEADER = {
    "ETag": {
        "description": 'The key\'s `version`, quoted: `"3"` (part 2). Send it back in `If-Match`.',
        "schema": {"type": "string"},
    }
}
_ONE_KEY: dict[int | str, Any] = {200: {"description": "The key.", "headers": ETAG_HEADER}}

# The convertor above already guarantees the shape; the pattern documents it.
# Given as a default rather than inside Annotated: pydantic keeps a pattern in
# the schema only when it is applied before SafeStr's check.
KEY_ID: Any = Path(pattern=r"^key_[^/]*$", description="A key id: `key_` + more.")


@router.get("", response_model=ApiKeyPage, responses=problems(401, 403, 422))
def list_keys(
    _admin: AdminDep, sandbox: SandboxDep, query: Annotated[KeyListQuery, Query()]
) -> Response:
    """Keys newest first: `created_at`, then `id`, both descending.

    Paging is by keyset, so a key created while a client pages through never
    shifts or repeats a row. `total` counts every key of that status.
    """
    after = decode_key_cursor(query.cursor) if query.cursor is not None else None
    status = query.status
    if sandbox.part < 2:
        if status in {"disabled", "expired"}:
            raise Problem.validation("status", "Must be one of 'active', 'revoked' or 'all'.")
        # Part 1's "active" is "not revoked".
        status = "unrevoked" if status == "active" else status  # type: ignore[assignment]
    now = clock.now()
    page, last, total = sandbox.keys.list_keys(status, query.limit, after)
    return json_response(
        {
            "items": [api_key_json(row, now, sandbox.part) for row in page],
            "next_cursor": None if last is None else encode_cursor(last.created_at, last.id),
            "total": total,
        }
    )


@router.post(
    "",
    status_code=201,
    response_model=CreatedApiKey,
    responses={
        200: {
            "model": CreatedApiKey,
            "description": (
                "A replay: the same admin sent the same Idempotency-Key with the same body "
                "within 24 hours. The key as it is now, `secret` null, `replayed` true."
            ),
            "headers": ETAG_HEADER,
        },
        201: {"description": "The new key and its secret.", "headers": ETAG_HEADER},
        **problems(401, 403, 409, 422),
    },
)
def create_key(
    request: Request,
    body: CreateApiKey,
    admin: AdminDep,
    sandbox: SandboxDep,
    # None when the header is absent (FastAPI does not validate a default).
    # Typed SafeStr, not SafeStr | None, and given as a default: only so does
    # the schema keep its pattern.
    idempotency_key: SafeStr = Header(  # noqa: B008
        None,
        alias="Idempotency-Key",
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description=(
            "Optional; 1 to 255 printable ASCII characters (the client sends a UUID4 and "
            "reuses it when it retries). Scoped to the admin, remembered 24 hours. The same "
            "body (the same JSON value: member order does not matter, the name as sent "
            "before trimming, permissions in the same order) replays; a different body is "
            "`422 idempotency-mismatch`; while the first request runs, `409 in-progress`. "
            "A request refused with 422 is not remembered."
        ),
    ),
) -> Response:
    """Create a key. The answer holds the whole secret, once; it is never shown again.

    `replayed` is false here and true on a replay (status 200). The server keeps
    only the key's SHA-256 and its hint. The creation is recorded as an
    `api_key.created` event. The answer's `ETag` is the key's version.

    Check order: the body's own rules (422), then the Idempotency-Key (a replay
    answers before anything else is looked at), then `owner_id` and `expires_at`
    against the organization (422).
    """
    sent = body.model_fields_set
    if sandbox.part < 2:
        unknown = [f for f in CREATE_PART2_FIELDS if f in sent]
        if unknown:
            raise validation_problem([{"field": f, "message": "Unknown field."} for f in unknown])
    # The model holds the name as sent (so a replay compares the body as sent);
    # trimming is part of creating. Only the fields sent are compared, so an
    # omitted expires_at (the policy's default) and null (never) differ.
    created = sandbox.keys.create_key(
        admin,
        body.name.strip(),
        body.permissions,
        idempotency_key or None,
        body.model_dump(exclude_unset=True),
        caller_of(request),
        KeyFields(
            expires_at=body.expires_at,
            expires_at_set="expires_at" in sent,
            description=body.description,
            owner_id=body.owner_id,
            tags=tuple(body.tags),
        ),
    )
    headers = {"ETag": etag(created.key)} if sandbox.part >= 2 else None
    return json_response(
        {
            "api_key": api_key_json(created.key, clock.now(), sandbox.part),
            "secret": created.secret,
            "replayed": created.replayed,
        },
        status_code=200 if created.replayed else 201,
        headers=headers,
    )


@router.post("/revoke", response_model=BulkRevokeResults, responses=problems(401, 403, 422))
def revoke_many(
    request: Request, body: BulkRevoke, admin: AdminDep, sandbox: SandboxDep
) -> Response:
    """Revoke up to 1000 keys at once, in one transaction.

    One result per id, in order. A repeated id is `revoked` the first time and
    `already_revoked` in its later rows; an unknown id is `not_found`.
    """
    outcomes = sandbox.keys.revoke(admin, body.ids, caller_of(request))
    return json_response(
        {"results": [{"id": i, "outcome": o} for i, o in zip(body.ids, outcomes, strict=True)]}
    )


@router.post(
    "/lookup",
    response_model=ApiKeyOut,
    responses=_ONE_KEY
    | problems(
        401,
        403,
        404,
        422,
        descriptions={
            404: "`not-found`: no key, active or revoked, has a secret with this SHA-256."
        },
    ),
)
def lookup(body: Lookup, _admin: AdminDep, sandbox: SandboxDep) -> Response:
    """Find the key a suspected leaked value belongs to, by its SHA-256.

    The client hashes the value locally, so the raw value never leaves the workstation.
    """
    return one_key_response(sandbox.keys.lookup(body.sha256), clock.now(), sandbox.part)


@router.get(
    "/{key_id:key_id}",
    response_model=ApiKeyOut,
    responses=_ONE_KEY | problems(401, 403, 404, descriptions=_NOT_FOUND_KEY),
)
def get_key(*, key_id: SafeStr = KEY_ID, _admin: AdminDep, sandbox: SandboxDep) -> Response:
    """One key, whatever its status. `ETag` is its version (part 2)."""
    return one_key_response(sandbox.keys.get_key(key_id), clock.now(), sandbox.part)


@router.post(
    "/{key_id:key_id}/revoke",
    response_model=ApiKeyOut,
    responses=_ONE_KEY | problems(401, 403, 404, descriptions=_NOT_FOUND_KEY),
)
async def revoke_one(
    *, key_id: SafeStr = KEY_ID, request: Request, admin: AdminDep, sandbox: SandboxDep
) -> Response:
    """Revoke a key at once: its next call is a 401.

    Revoking a revoked key answers 200 with the first revocation unchanged.
    """
    row = sandbox.keys.revoke_one(admin, key_id, caller_of(request))
    return one_key_response(row, clock.now(), sandbox.part)


@router.get(
    "/{key_id:key_id}/events",
    response_model=EventPage,
    responses=problems(401, 403, 404, 422, descriptions=_NOT_FOUND_KEY),
)
def key_events(
    *,
    key_id: SafeStr = KEY_ID,
    _admin: AdminDep,
    sandbox: SandboxDep,
    query: Annotated[EventListQuery, Query()],
) -> Response:
    """What the key did, recorded under its name, and what was done to it; newest first."""
    after = decode_event_cursor(query.cursor) if query.cursor is not None else None
    page, last = sandbox.audit.events(key_id, query.limit, after)
    return json_response(
        {
            "items": [event_json(row) for row in page],
            "next_cursor": None if last is None else encode_cursor(last.at, last.seq),
        }
    )
