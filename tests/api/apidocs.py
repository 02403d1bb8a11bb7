"""Valid API documents (as plain JSON values) for the parser and client tests.

Plain builders for hand-written cases, hypothesis strategies for generated
ones. Everything here follows the API contract: times are RFC 3339 UTC with ``Z``
and whole seconds, hints are ``rone_…`` plus 4 base62 characters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from rakerone_desktop.domain import keyformat

T0 = "2026-11-26T14:03:12Z"


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_doc(**over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": "user",
        "id": "usr_1",
        "name": "Ada Admin",
        "email": "ada@example.com",
        "role": "admin",
    }
    doc.update(over)
    return doc


def session_doc(token: str = "tok_session_123", **over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"token": token, "expires_at": T0, "user": user_doc()}
    doc.update(over)
    return doc


def api_key_doc(key_id: str = "key_1", **over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": key_id,
        "name": "Data import service",
        "permissions": ["records.read", "records.write"],
        "hint": "rone_…Xy9Z",
        "created_at": T0,
        "created_by": {"id": "usr_1", "name": "Ada Admin"},
        "last_used_at": None,
        "last_used_ip": None,
        "last_used_user_agent": None,
        "revoked_at": None,
        "revoked_by": None,
    }
    doc.update(over)
    return doc


def page_doc(
    items: list[dict[str, Any]], next_cursor: str | None = None, total: int | None = None
) -> dict[str, Any]:
    return {
        "items": items,
        "next_cursor": next_cursor,
        "total": len(items) if total is None else total,
    }


def created_doc(secret: str | None = None, *, replayed: bool = False) -> dict[str, Any]:
    """A create answer: a fresh key with its secret, or a replay without one."""
    if replayed:
        return {"api_key": api_key_doc(), "secret": None, "replayed": True}
    secret = secret or keyformat.generate_key()
    return {"api_key": api_key_doc(hint=keyformat.hint(secret)), "secret": secret}


def permission_doc(pid: str = "playbooks.run", **over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": pid,
        "label": "Run playbooks",
        "description": "Start playbook runs, for example from a webhook.",
        "group": "Playbooks",
        "impersonation": False,
    }
    doc.update(over)
    return doc


def event_doc(event_id: str = "evt_1", **over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": event_id,
        "at": T0,
        "action": "api_key.created",
        "actor": {"kind": "user", "id": "usr_1", "name": "Ada Admin"},
        "ip": None,
        "summary": "Created the key",
    }
    doc.update(over)
    return doc


def problem_doc(
    slug: str, status: int, detail: str = "", request_id: str | None = None, **over: Any
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "type": f"https://rakerone.example/problems/{slug}",
        "title": slug.replace("-", " ").capitalize(),
        "status": status,
        "detail": detail,
    }
    if request_id is not None:
        doc["request_id"] = request_id
    doc.update(over)
    return doc


# --- hypothesis strategies ----------------------------------------------------

texts = st.text(max_size=30)
ids = st.text(min_size=1, max_size=20)
times = st.datetimes(
    min_value=datetime(1970, 1, 2),  # naive bounds: hypothesis applies the timezone
    max_value=datetime(2200, 1, 1),
    timezones=st.just(UTC),
).map(lambda d: stamp(d.replace(microsecond=0)))
optional_times = st.none() | times
hints = st.text(alphabet=keyformat.ALPHABET, min_size=4, max_size=4).map(
    lambda tail: keyformat.PREFIX + keyformat.HINT_ELLIPSIS + tail
)
person_refs = st.fixed_dictionaries({"id": ids, "name": texts})

users = st.fixed_dictionaries(
    {
        "kind": st.just("user"),
        "id": ids,
        "name": texts,
        "email": texts,
        "role": st.sampled_from(["admin", "member"]),
    }
)
key_principals = st.fixed_dictionaries(
    {"kind": st.just("api_key"), "id": ids, "name": texts, "permissions": st.lists(ids)}
)
sessions = st.fixed_dictionaries({"token": ids, "expires_at": times, "user": users})
permissions = st.fixed_dictionaries(
    {
        "id": ids,
        "label": texts,
        "description": texts,
        "group": texts,
        "impersonation": st.booleans(),
    }
)
catalogs = st.fixed_dictionaries({"items": st.lists(permissions, max_size=5)})
api_keys = st.fixed_dictionaries(
    {
        "id": ids,
        "name": texts,
        "permissions": st.lists(ids, max_size=5),
        "hint": hints,
        "created_at": times,
        "created_by": person_refs,
        "last_used_at": optional_times,
        "last_used_ip": st.none() | texts,
        "last_used_user_agent": st.none() | texts,
        "revoked_at": optional_times,
        "revoked_by": st.none() | person_refs,
    }
)
key_pages = st.fixed_dictionaries(
    {
        "items": st.lists(api_keys, max_size=4),
        "next_cursor": st.none() | ids,
        "total": st.integers(min_value=0, max_value=10**9),
    }
)
fresh_creates = st.fixed_dictionaries(
    {"api_key": api_keys, "secret": st.builds(keyformat.generate_key)}
)
replayed_creates = st.fixed_dictionaries(
    {"api_key": api_keys, "secret": st.none(), "replayed": st.just(True)}
)
revoke_results = st.fixed_dictionaries(
    {
        "results": st.lists(
            st.fixed_dictionaries(
                {
                    "id": ids,
                    "outcome": st.sampled_from(["revoked", "already_revoked", "not_found"]),
                }
            ),
            max_size=5,
        )
    }
)
actors = st.fixed_dictionaries(
    {"kind": st.sampled_from(["user", "api_key"]), "id": ids, "name": texts}
)
events = st.fixed_dictionaries(
    {
        "id": ids,
        "at": times,
        "action": texts,
        "actor": actors,
        "ip": st.none() | texts,
        "summary": texts,
    }
)
event_pages = st.fixed_dictionaries(
    {"items": st.lists(events, max_size=4), "next_cursor": st.none() | ids}
)
