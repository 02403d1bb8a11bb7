"""Part 2 of ``/api-keys``: edit in place, disable and enable, rotate on the server.

Served only with ``--api-part 2`` (the default). Every route needs an admin's
session, as in part 1. Answers that carry one key send its ``ETag``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request, Response
from pydantic import ValidationError

from rakerone_desktop.sandbox import clock
from rakerone_desktop.sandbox.auth import AdminDep, SandboxDep, caller_of
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.problems import validation_errors, validation_problem
from rakerone_desktop.sandbox.render import api_key_json, etag, json_response, one_key_response
from rakerone_desktop.sandbox.routes.api_keys import KEY_ID
from rakerone_desktop.sandbox.schemas import (
    IDEMPOTENCY_KEY_PATTERN,
    ApiKeyOut,
    BulkDisable,
    BulkDisableResults,
    RotateApiKey,
    RotatedApiKey,
    UpdateApiKey,
)
from rakerone_desktop.sandbox.strings import SafeStr

router = APIRouter(prefix="/api-keys", tags=["api-keys"])

_NOT_FOUND = "`not-found`: no API key has this id."
_INACTIVE = "`key-inactive`: the key is revoked or expired{}; nothing was changed."
_ETAG = {
    "ETag": {
        "description": 'The key\'s `version`, quoted: `"3"`. Send it back in `If-Match`.',
        "schema": {"type": "string"},
    }
}


def _one_key(description: str) -> dict[int | str, Any]:
    return {200: {"description": description, "headers": _ETAG}}


@router.patch(
    "/{key_id:key_id}",
    response_model=ApiKeyOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/UpdateApiKey"}}
            },
        }
    },
    responses={
        **_one_key("The key as changed (`version` + 1), or unchanged when nothing differs."),
        **problems(
            401,
            403,
            404,
            409,
            412,
            422,
            descriptions={
                404: _NOT_FOUND,
                409: _INACTIVE.format(" (a disabled key can be edited)"),
                412: "`precondition-failed`: `If-Match` names another version; nothing was "
                "changed. The answer's `ETag` is the current version.",
                422: "`validation`: a field breaks its rule, permissions were added "
                '("Permissions can only be removed. Create a new key to grant more."), or '
                "`expires_at` moved later or back to null. A body that is not a JSON object "
                "is refused before the key is looked up.",
            },
        ),
    },
)
def update_key(
    *,
    key_id: SafeStr = KEY_ID,
    request: Request,
    body: Annotated[dict[str, Any], Body()],
    admin: AdminDep,
    sandbox: SandboxDep,
    if_match: Annotated[
        SafeStr | None,
        Header(
            alias="If-Match",
            description=(
                'Optional: `"<version>"` (the `ETag`), a list of them, or `*`. When it names '
                "another version: 412 and nothing changed. A weak tag (`W/...`) or any other "
                "text never matches (412). Clients should always send it."
            ),
        ),
    ] = None,
) -> Response:
    """Edit a key in place: any of `name`, `description`, `owner_id`, `tags`,
    `permissions`, `expires_at`; a field left out is left as it is.

    Checks in this order: 404, 412, 409, 422. Permissions may only be narrowed
    and `expires_at` may only move earlier (or be set where it was null). A
    `PATCH` that changes nothing (`{}`, or every value as it is) answers 200
    with the key unchanged: no new `version`, no event. A change is recorded as
    `api_key.updated` with the fields named.
    """

    def validate(raw: dict[str, Any]) -> dict[str, Any]:
        try:
            parsed = UpdateApiKey.model_validate(raw)
        except ValidationError as exc:
            rows = validation_errors([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()])
            raise validation_problem(rows) from None
        return {name: getattr(parsed, name) for name in parsed.model_fields_set}

    row = sandbox.lifecycle.update_key(admin, key_id, if_match, body, validate, caller_of(request))
    return one_key_response(row, clock.now(), sandbox.part)


@router.post(
    "/{key_id:key_id}/disable",
    response_model=ApiKeyOut,
    responses={
        **_one_key("The key, status `disabled`; a disabled key answers unchanged."),
        **problems(401, 403, 404, 409, descriptions={404: _NOT_FOUND, 409: _INACTIVE.format("")}),
    },
)
def disable_key(
    *, key_id: SafeStr = KEY_ID, request: Request, admin: AdminDep, sandbox: SandboxDep
) -> Response:
    """Disable a key at once, reversibly: its next call is the same 401 as a revoked key's.

    Takes no body (an empty body or `{}` is accepted). Recorded as `api_key.disabled`.
    """
    rows, _ = sandbox.lifecycle.set_disabled(admin, [key_id], True, caller_of(request), single=True)
    assert rows[0] is not None
    return one_key_response(rows[0], clock.now(), sandbox.part)


@router.post(
    "/{key_id:key_id}/enable",
    response_model=ApiKeyOut,
    responses={
        **_one_key("The key, status `active`; an active key answers unchanged."),
        **problems(401, 403, 404, 409, descriptions={404: _NOT_FOUND, 409: _INACTIVE.format("")}),
    },
)
def enable_key(
    *, key_id: SafeStr = KEY_ID, request: Request, admin: AdminDep, sandbox: SandboxDep
) -> Response:
    """Enable a disabled key. Takes no body. Recorded as `api_key.enabled`.

    An expired key stays expired (409): rotate or create a new key instead.
    """
    rows, _ = sandbox.lifecycle.set_disabled(
        admin, [key_id], False, caller_of(request), single=True
    )
    assert rows[0] is not None
    return one_key_response(rows[0], clock.now(), sandbox.part)


@router.post("/disable", response_model=BulkDisableResults, responses=problems(401, 403, 422))
def disable_many(
    request: Request, body: BulkDisable, admin: AdminDep, sandbox: SandboxDep
) -> Response:
    """Disable up to 1000 keys at once, in one transaction; one result per id, in order.

    `inactive`: revoked or expired (left as it is). A repeated id is `disabled`
    the first time and `already_disabled` later.
    """
    _, outcomes = sandbox.lifecycle.set_disabled(
        admin, body.ids, True, caller_of(request), single=False
    )
    return json_response(
        {"results": [{"id": i, "outcome": o} for i, o in zip(body.ids, outcomes, strict=True)]}
    )


@router.post(
    "/{key_id:key_id}/rotate",
    status_code=201,
    response_model=RotatedApiKey,
    responses={
        201: {"description": "The new key with its secret, and the old key.", "headers": _ETAG},
        200: {
            "model": RotatedApiKey,
            "description": "A replay of the same rotation: both keys as they are now, "
            "`secret` null, `replayed` true.",
            "headers": _ETAG,
        },
        **problems(
            401,
            403,
            404,
            409,
            422,
            descriptions={
                404: _NOT_FOUND,
                409: "`key-inactive`: the source key is revoked, expired or disabled; or "
                "`in-progress` for a request with this Idempotency-Key still running.",
            },
        ),
    },
)
def rotate_key(
    *,
    key_id: SafeStr = KEY_ID,
    request: Request,
    body: RotateApiKey,
    admin: AdminDep,
    sandbox: SandboxDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            pattern=IDEMPOTENCY_KEY_PATTERN,
            description=(
                "As on create: scoped to the admin, 24 hours; the method, the path and the "
                "body must match. A replay is recognised before any other check, so replaying "
                "a rotation that expired the old key still answers 200 (`secret` null)."
            ),
        ),
    ] = None,
) -> Response:
    """Replace a key by a new one with the same permissions, description, owner
    and tags; the old key keeps working for `old_key_expires_in` seconds.

    The new key's name defaults to the old one's. Recorded as `api_key.rotated`
    on both keys (the new key gets no `api_key.created`). The `ETag` is the new
    key's version.
    """
    sent = body.model_fields_set
    rotated = sandbox.lifecycle.rotate(
        admin,
        key_id,
        body.old_key_expires_in,
        body.name,
        body.expires_at,
        "expires_at" in sent,
        idempotency_key,
        body.model_dump(exclude_unset=True),
        caller_of(request),
    )
    now = clock.now()
    return json_response(
        {
            "api_key": api_key_json(rotated.key, now),
            "secret": rotated.secret,
            "old_api_key": api_key_json(rotated.old_key, now),
            "replayed": rotated.replayed,
        },
        status_code=200 if rotated.replayed else 201,
        headers={"ETag": etag(rotated.key)},
    )
