"""Part 2: the organization (features and key policy) and its people.

Served only with ``--api-part 2`` (the default): a part-1 server answers 404
for ``/organization``, which is how a client learns what it may use.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from rakerone_desktop.sandbox.auth import AdminDep, PrincipalDep, SandboxDep, caller_of
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.render import (
    decode_user_cursor,
    encode_cursor,
    json_response,
    user_json,
)
from rakerone_desktop.sandbox.schemas import (
    KeyPolicyUpdate,
    OrganizationOut,
    UserListQuery,
    UserPage,
)
from rakerone_desktop.sandbox.service import KeyPrincipal, Principal
from rakerone_desktop.sandbox.store import Organization

router = APIRouter(tags=["organization"])


async def _person(principal: PrincipalDep) -> Principal:
    if isinstance(principal, KeyPrincipal):
        raise Problem(
            "forbidden", "The organization's settings are for people. Sign in to read them."
        )
    return principal


def organization_json(org: Organization, features: list[str]) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "features": features,
        "key_policy": {
            "max_lifetime_days": org.max_lifetime_days,
            "default_lifetime_days": org.default_lifetime_days,
            "expiry_warning_days": org.expiry_warning_days,
            "on_exposure": org.on_exposure,
        },
    }


@router.get(
    "/organization",
    response_model=OrganizationOut,
    responses=problems(
        401, 403, descriptions={403: "`forbidden`: the bearer is an API key, not a person."}
    ),
)
def get_organization(
    _person: Annotated[Principal, Depends(_person)], sandbox: SandboxDep
) -> Response:
    """The organization: what this server offers (`features`) and its key policy.

    Any signed-in person (admin or member). A part-1-only server answers 404 here.
    """
    return json_response(organization_json(sandbox.org.organization(), sandbox.features))


@router.patch(
    "/organization/key-policy", response_model=OrganizationOut, responses=problems(401, 403, 422)
)
def update_key_policy(
    body: KeyPolicyUpdate, request: Request, admin: AdminDep, sandbox: SandboxDep
) -> Response:
    """Change any subset of the key policy (admins). Days are 1 to 3650.

    A real change is recorded as `organization.key_policy_updated`; setting the
    values it already has records nothing.

    `default_lifetime_days` may not exceed `max_lifetime_days` (422 naming the
    field that was sent). A new maximum does not change keys that exist: it
    applies to keys created, rotated or given an expiry from then on.
    """
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    org = sandbox.org.update_key_policy(changes, admin, caller_of(request))
    return json_response(organization_json(org, sandbox.features))


@router.get("/users", response_model=UserPage, responses=problems(401, 403, 422))
def list_users(
    _admin: AdminDep, sandbox: SandboxDep, query: Annotated[UserListQuery, Query()]
) -> Response:
    """The organization's users, for choosing a key's owner (admins); ordered by id."""
    after = decode_user_cursor(query.cursor) if query.cursor is not None else None
    page, last = sandbox.org.list_users(query.limit, after)
    return json_response(
        {
            "items": [user_json(user) for user in page],
            "next_cursor": None if last is None else encode_cursor(0, last.id),
        }
    )
