"""FastAPI dependencies: who is calling, and may they."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.service import Caller, KeyPrincipal, Principal, Sandbox
from rakerone_desktop.sandbox.store import User

bearer_scheme = HTTPBearer(
    auto_error=False,  # our own 401 problem document, not FastAPI's
    scheme_name="bearer",
    bearerFormat="session token or rone_ API key",
    description=(
        "`Authorization: Bearer <token>`: a session token from `POST /api/v1/sessions`, or an "
        "API key (`rone_` + 42 base62 characters; format and checksum are checked before any "
        "database work)."
    ),
)


# Dependencies without I/O are async so FastAPI runs them on the event loop
# instead of paying a thread hop each.
async def get_sandbox(request: Request) -> Sandbox:
    return cast(Sandbox, request.app.state.sandbox)


def caller_of(request: Request) -> Caller:
    # The TCP peer: X-Forwarded-For is not trusted (uvicorn runs with
    # proxy_headers off), so a client cannot choose the IP it is recorded under.
    return Caller(
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
    )


# Async too: the lookup is one indexed read (well under a millisecond), far
# cheaper than the two thread hand-offs a sync dependency costs per request.
async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Principal:
    token = credentials.credentials if credentials is not None else None
    sandbox = cast(Sandbox, request.app.state.sandbox)
    return sandbox.sessions.authenticate(token, caller_of(request))


async def current_admin(principal: Annotated[Principal, Depends(current_principal)]) -> User:
    if isinstance(principal, KeyPrincipal):
        raise Problem(
            "forbidden",
            "API keys cannot manage API keys. Sign in as an admin to do this.",
        )
    if principal.user.role != "admin":
        raise Problem("admin-only", "Only admins can manage API keys. Ask an admin.")
    return principal.user


SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]
AdminDep = Annotated[User, Depends(current_admin)]
