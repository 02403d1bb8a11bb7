"""The audit log: every admin action of parts 1 and 2, sign-in and sign-out; filters; paging."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from rakerone_desktop.sandbox.launcher import SandboxProcess
from tests.support.sandbox_http import Api, admin_api, assert_problem, member_api, sign_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxProcess]:
    with SandboxProcess("--seed", "demo") as process:
        yield process


@pytest.fixture
def api(sandbox: SandboxProcess) -> Iterator[Api]:
    client = admin_api(sandbox.ready)
    yield client
    client.close()


def _audit(api: Api, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": 1000, **params, **({"cursor": cursor} if cursor else {})}
        response = api.get("/audit-events", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_every_admin_action_is_recorded(api: Api, sandbox: SandboxProcess) -> None:
    created = api.create_key(f"Audited {uuid.uuid4().hex[:6]}", ["records.read"])
    key_id = created["api_key"]["id"]
    api.request("PATCH", f"/api-keys/{key_id}", json={"description": "x"})
    api.post(f"/api-keys/{key_id}/disable")
    api.post(f"/api-keys/{key_id}/enable")
    rotated = api.post(f"/api-keys/{key_id}/rotate", json={"old_key_expires_in": 60}).json()
    new_id = rotated["api_key"]["id"]
    api.post(f"/api-keys/{new_id}/revoke")
    api.request("PATCH", "/organization/key-policy", json={"expiry_warning_days": 10})
    api.request("PATCH", "/organization/key-policy", json={"expiry_warning_days": 10})  # no-op

    mine = _audit(api, api_key_id=key_id)
    assert [e["action"] for e in mine] == [
        "api_key.rotated", "api_key.enabled", "api_key.disabled", "api_key.updated",
        "api_key.created",
    ]  # fmt: skip
    for event in mine:
        assert event["actor"] == {"kind": "user", "id": "usr_alex", "name": "Alex Admin"}
        assert event["target"]["kind"] == "api_key" and event["target"]["id"] == key_id
        assert event["ip"] == "127.0.0.1" and event["summary"]
    assert [e["action"] for e in _audit(api, api_key_id=new_id)] == [
        "api_key.revoked", "api_key.rotated",
    ]  # fmt: skip
    policy = _audit(api, action="organization.key_policy_updated")
    assert len(policy) == 1 and policy[0]["target"]["kind"] == "organization"
    assert "expiry_warning_days 14 → 10" in policy[0]["summary"]
    # Key activity stays in the key's own events.
    assert not _audit(api, action="api_key.used")


def test_sign_in_and_sign_out(sandbox: SandboxProcess, api: Api) -> None:
    ready = sandbox.ready
    token = sign_in(ready.url, ready.member_email, ready.member_password)
    Api(ready.url, token).delete("/sessions/current")
    events = _audit(api, actor_id="usr_morgan")
    assert [e["action"] for e in events][:2] == ["session.ended", "session.created"]
    ended, started = events[:2]
    assert ended["target"]["id"] == started["target"]["id"]
    assert ended["target"]["id"].startswith("ses_") and token not in str(events)
    assert started["target"]["kind"] == "session" and started["ip"] == "127.0.0.1"


def test_filters_and_paging(api: Api) -> None:
    everything = _audit(api)
    assert len(everything) > 20  # the demo history is there
    order = [(e["at"], i) for i, e in enumerate(everything)]
    assert [at for at, _ in order] == sorted((at for at, _ in order), reverse=True)
    # Small pages give the same events in the same order.
    paged: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = api.get("/audit-events", params=params).json()
        paged += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert paged == [e["id"] for e in everything][: len(paged)]
    assert len(paged) >= len(everything)
    # Time range: since inclusive, until exclusive.
    at = everything[len(everything) // 2]["at"]
    since = _audit(api, since=at)
    until = _audit(api, until=at)
    assert all(e["at"] >= at for e in since) and all(e["at"] < at for e in until)
    assert len(since) + len(until) >= len(everything)
    future = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _audit(api, since=future) == []
    revoked = _audit(api, action="api_key.revoked", actor_id="usr_alex")
    assert revoked and all(e["action"] == "api_key.revoked" for e in revoked)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"cursor": "nope"}, "cursor"),
        ({"since": "yesterday"}, "since"),
        ({"until": "2026-13-01T00:00:00Z"}, "until"),
        ({"action": "x" * 101}, "action"),
        ({"actorid": "usr_alex"}, "actorid"),
    ],
)
def test_bad_queries(api: Api, params: dict[str, Any], field: str) -> None:
    assert_problem(api.get("/audit-events", params=params), 422, "validation", [field])


def test_admins_only(sandbox: SandboxProcess) -> None:
    assert_problem(member_api(sandbox.ready).get("/audit-events"), 403, "admin-only")
    assert_problem(Api(sandbox.url).get("/audit-events"), 401, "unauthenticated")


def test_any_rfc_3339_time_is_a_filter(api: Api) -> None:
    # Before 1970, at the ends of the calendar, with odd offsets: all valid times.
    for since in ("1139-02-24T09:29:26-07:07", "0001-01-01T00:00:00+14:00"):
        assert api.get("/audit-events", params={"since": since, "limit": 1}).status_code == 200
    late = {"until": "9999-12-31T23:59:59-14:00", "limit": 1}
    assert api.get("/audit-events", params=late).status_code == 200
