"""Part 2: the audit log, what people did across all keys and beyond them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from rakerone_desktop.sandbox.auth import AdminDep, SandboxDep
from rakerone_desktop.sandbox.openapi_docs import problems
from rakerone_desktop.sandbox.render import (
    audit_json,
    decode_event_cursor,
    encode_cursor,
    json_response,
)
from rakerone_desktop.sandbox.schemas import AuditEventPage, AuditQuery, seconds_of
from rakerone_desktop.sandbox.store import AuditFilter

router = APIRouter(tags=["audit log"])


@router.get("/audit-events", response_model=AuditEventPage, responses=problems(401, 403, 422))
def audit_events(
    _admin: AdminDep, sandbox: SandboxDep, query: Annotated[AuditQuery, Query()]
) -> Response:
    """The audit log (admins): newest first; events of the same second in reverse
    order of recording. Filters combine (all must hold).

    It records what people did: `api_key.created`, `.updated`, `.disabled`,
    `.enabled`, `.revoked`, `.rotated` (once per key), the key policy changed,
    sign-in and sign-out (`session.created`, `session.ended`; a failed sign-in is
    not an event). A key's own calls stay in its `/events`. A key target's name
    is the key's name now. Events of the same filters page by keyset, so an event
    recorded while a client pages never shifts or repeats a row.
    """
    after = decode_event_cursor(query.cursor) if query.cursor is not None else None
    where = AuditFilter(
        actor_id=query.actor_id,
        api_key_id=query.api_key_id,
        action=query.action,
        since=None if query.since is None else seconds_of(query.since),
        until=None if query.until is None else seconds_of(query.until),
    )
    page, last = sandbox.audit.audit_events(where, query.limit, after)
    return json_response(
        {
            "items": [audit_json(row) for row in page],
            "next_cursor": None if last is None else encode_cursor(last.at, last.seq),
        }
    )
