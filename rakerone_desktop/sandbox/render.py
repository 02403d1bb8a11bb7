"""Rows to JSON: the API's output shapes, built as plain dicts.

Pages of 1,000 keys are the hot path: building dicts and encoding them once
is several times faster than validating each item through pydantic, and the
shapes are checked against the OpenAPI document by the schemathesis tests.
The encoder is msgspec's (the same bytes as compact ``json.dumps`` with
``ensure_ascii=False``, a tenth of the time), and the JSON lists a key keeps
in one column (permissions, tags) are decoded once per distinct value.
"""

from __future__ import annotations

import base64
import binascii
import json
from functools import lru_cache
from typing import Any

import msgspec
from starlette.responses import Response

from rakerone_desktop.sandbox.clock import now as clock_now
from rakerone_desktop.sandbox.clock import rfc3339, rfc3339_or_none
from rakerone_desktop.sandbox.problems import Problem
from rakerone_desktop.sandbox.store import AuditRow, EventRow, KeyRow, User

_ENCODER = msgspec.json.Encoder()


@lru_cache(maxsize=4096)
def _json_list(text: str) -> tuple[Any, ...]:
    """A JSON list kept in one column, decoded (a tuple: shared, never changed)."""
    return tuple(json.loads(text))


def json_response(
    body: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        _ENCODER.encode(body),
        status_code=status_code,
        media_type="application/json",
        headers=headers,
    )


def etag(row: KeyRow) -> str:
    return f'"{row.version}"'


def one_key_response(row: KeyRow, now: int, part: int, status_code: int = 200) -> Response:
    """An answer that carries one key: with its ``ETag`` (part 2)."""
    headers = {"ETag": etag(row)} if part >= 2 else None
    return json_response(api_key_json(row, now, part), status_code, headers)


def user_json(user: User) -> dict[str, Any]:
    return {
        "kind": "user",
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "role": user.role,
    }


def api_key_json(row: KeyRow, now: int | None = None, part: int = 2) -> dict[str, Any]:
    """A key as the API shows it; ``part`` 1 leaves out the lifecycle fields."""
    revoked_by = (
        None
        if row.revoked_by_id is None
        else {"id": row.revoked_by_id, "name": row.revoked_by_name}
    )
    body: dict[str, Any] = {
        "id": row.id,
        "name": row.name,
        "permissions": _json_list(row.permissions),
        "hint": row.hint,
        "created_at": rfc3339(row.created_at),
        "created_by": {"id": row.created_by_id, "name": row.created_by_name},
        "last_used_at": rfc3339_or_none(row.last_used_at),
        "last_used_ip": row.last_used_ip,
        "last_used_user_agent": row.last_used_user_agent,
        "revoked_at": rfc3339_or_none(row.revoked_at),
        "revoked_by": revoked_by,
    }
    if part < 2:
        return body
    body["status"] = row.status(clock_now() if now is None else now)
    body["expires_at"] = rfc3339_or_none(row.expires_at)
    body["disabled_at"] = rfc3339_or_none(row.disabled_at)
    body["disabled_by"] = (
        None
        if row.disabled_by_id is None
        else {"id": row.disabled_by_id, "name": row.disabled_by_name}
    )
    body["description"] = row.description
    body["owner"] = None if row.owner_id is None else {"id": row.owner_id, "name": row.owner_name}
    body["tags"] = _json_list(row.tags)
    body["exposure"] = (
        None
        if row.exposure_reported_at is None
        else {
            "reported_at": rfc3339(row.exposure_reported_at),
            "source": row.exposure_source or "",
            "url": row.exposure_url,
        }
    )
    body["version"] = row.version
    return body


def event_json(row: EventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": rfc3339(row.at),
        "action": row.action,
        "actor": {"kind": row.actor_kind, "id": row.actor_id, "name": row.actor_name},
        "ip": row.ip,
        "summary": row.summary,
    }


def audit_json(row: AuditRow) -> dict[str, Any]:
    target = (
        None
        if row.target_kind is None
        else {"kind": row.target_kind, "id": row.target_id, "name": row.target_name or ""}
    )
    return {
        "id": row.id,
        "at": rfc3339(row.at),
        "action": row.action,
        "actor": {"kind": row.actor_kind, "id": row.actor_id, "name": row.actor_name},
        "ip": row.ip,
        "summary": row.summary,
        "target": target,
    }


# -- cursors ---------------------------------------------------------------------
# A cursor is the position of the last item served: urlsafe base64 (unpadded)
# of "<seconds>.<tie-breaker>". Opaque to clients; anything that does not
# decode exactly is a 422, never a silent restart from the top.


# Every number decoded from a cursor is bounded: the largest SQLite integer.
MAX_CURSOR_INT = 2**63 - 1


def encode_cursor(seconds: int, tie: str | int) -> str:
    raw = f"{seconds}.{tie}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(cursor: str) -> tuple[int, str]:
    invalid = Problem.validation("cursor", "Not a cursor this server issued.")
    if not cursor or len(cursor) > 200 or not cursor.isascii():
        raise invalid
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        text = raw.decode("ascii")
    except (binascii.Error, ValueError):
        raise invalid from None
    seconds, dot, tie = text.partition(".")
    if not dot or not tie or not seconds.isdigit() or encode_cursor(int(seconds), tie) != cursor:
        raise invalid
    if int(seconds) > MAX_CURSOR_INT:
        raise invalid  # SQLite's integers are 64-bit: a bigger one would not bind
    return int(seconds), tie


def decode_key_cursor(cursor: str) -> tuple[int, str]:
    seconds, key_id = _decode(cursor)
    if not key_id.startswith("key_"):
        raise Problem.validation("cursor", "Not a cursor this server issued.")
    return seconds, key_id


def decode_user_cursor(cursor: str) -> str:
    _seconds, user_id = _decode(cursor)
    if not user_id.startswith("usr_"):
        raise Problem.validation("cursor", "Not a cursor this server issued.")
    return user_id


def decode_event_cursor(cursor: str) -> tuple[int, int]:
    seconds, seq = _decode(cursor)
    if not seq.isdigit() or int(seq) > MAX_CURSOR_INT:
        raise Problem.validation("cursor", "Not a cursor this server issued.")
    return seconds, int(seq)
