"""What an API key is for, in the sandbox: run a playbook, write a record.

A person's session may call these too. A key's calls, and its refusals for a
missing permission, are recorded as events under the key's name.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from rakerone_desktop.sandbox.auth import PrincipalDep, SandboxDep, caller_of
from rakerone_desktop.sandbox.catalog import catalog_json
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.render import json_response
from rakerone_desktop.sandbox.schemas import NewRecord, PermissionCatalog, PlaybookRun, RecordOut
from rakerone_desktop.sandbox.strings import SafeStr

router = APIRouter()

_FORBIDDEN = "`forbidden`: an API key without the {} permission (recorded as api_key.denied)."


@router.get(
    "/permissions",
    response_model=PermissionCatalog,
    responses=problems(401),
    tags=["permissions"],
)
async def permissions(_principal: PrincipalDep) -> Response:
    """The permission catalog: one item per capability a key can be given.

    Exactly the items with `impersonation: true` make a key act as a user
    (**Can impersonate**). Any signed-in user and any API key may read it.
    """
    return json_response(catalog_json())


@router.post(
    "/playbooks/{playbook_id}/runs",
    status_code=201,
    response_model=PlaybookRun,
    responses=problems(
        401,
        403,
        404,
        descriptions={
            403: _FORBIDDEN.format("playbooks.run"),
            404: "`not-found`: no playbook has this id. A key without playbooks.run gets 403 "
            "first, so it cannot probe which playbooks exist.",
        },
    ),
    tags=["sandbox activity"],
)
def run_playbook(
    playbook_id: SafeStr, request: Request, principal: PrincipalDep, sandbox: SandboxDep
) -> Response:
    """Start a playbook run (the sandbox only queues it). Needs `playbooks.run` for a key.

    The sandbox's playbooks: `pb_onboard_customer`, `pb_escalate_incident`,
    `pb_weekly_report`, `pb_offboard_user`.
    """
    run = sandbox.key_calls.run_playbook(principal, playbook_id, caller_of(request))
    return json_response(run, status_code=201)


@router.post(
    "/records",
    status_code=201,
    response_model=RecordOut,
    responses=problems(401, 403, 422, descriptions={403: _FORBIDDEN.format("records.write")}),
    tags=["sandbox activity"],
)
def create_record(
    body: NewRecord, request: Request, principal: PrincipalDep, sandbox: SandboxDep
) -> Response:
    """Create a record. Needs `records.write` for a key."""
    record = sandbox.key_calls.create_record(principal, body.title, body.fields, caller_of(request))
    return json_response(record, status_code=201)
