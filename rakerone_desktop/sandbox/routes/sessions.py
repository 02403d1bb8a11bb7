"""Sessions and ``/me``: a person signs in, a caller asks who it is."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import Field

from rakerone_desktop.sandbox import clock
from rakerone_desktop.sandbox.auth import PrincipalDep, SandboxDep, caller_of
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.render import json_response, user_json
from rakerone_desktop.sandbox.schemas import KeyIdentity, SessionOut, SignIn, UserOut
from rakerone_desktop.sandbox.service import KeyPrincipal

router = APIRouter(tags=["sessions"])

Identity = Annotated[UserOut | KeyIdentity, Field(discriminator="kind")]


@router.post(
    "/sessions",
    status_code=201,
    response_model=SessionOut,
    responses=problems(
        401,
        403,
        422,
        429,
        descriptions={
            401: "`unauthenticated`: wrong email or password (one answer for both).",
            403: "`password-sign-in-disabled`: the server takes browser sign-in only "
            "(`GET /auth/methods` says `password: false`; the sandbox's "
            "`--no-password-sign-in`). Checked before anything else.",
        },
    ),
)
def sign_in(body: SignIn, request: Request, sandbox: SandboxDep) -> Response:
    """Sign a person in.

    After 5 failures for one email (known or not) within a minute, every attempt
    for that email, right or wrong, answers `429` with `Retry-After`; refused
    attempts do not extend the lock-out. Session tokens last 12 hours (the sandbox's
    `--session-ttl`); the server stores only their SHA-256. `expires_at` is rounded
    down to the second.
    """
    signed_in = sandbox.sessions.sign_in(body.email, body.password, caller_of(request))
    return json_response(
        {
            "token": signed_in.token,
            "expires_at": clock.rfc3339(signed_in.expires_at),
            "user": user_json(signed_in.user),
        },
        status_code=201,
    )


@router.delete(
    "/sessions/current",
    status_code=204,
    response_class=Response,
    responses=problems(
        401,
        403,
        descriptions={403: "`forbidden`: the bearer is an API key, which has no session."},
    ),
)
def sign_out(request: Request, principal: PrincipalDep, sandbox: SandboxDep) -> Response:
    """End the caller's session: its token stops working at once."""
    sandbox.sessions.sign_out(principal, caller_of(request))
    return Response(status_code=204)


@router.get("/me", response_model=Identity, responses=problems(401))
def me(request: Request, principal: PrincipalDep, sandbox: SandboxDep) -> Response:
    """Who the bearer is: a `User` for a session, the key itself for an API key.

    A key's call is recorded as an `api_key.used` event under the key's name.
    """
    if isinstance(principal, KeyPrincipal):
        key = principal.key
        sandbox.key_calls.me_as_key(key, caller_of(request))
        return json_response(
            {
                "kind": "api_key",
                "id": key.id,
                "name": key.name,
                "permissions": list(key.permissions),
            }
        )
    return json_response(user_json(principal.user))
