"""Part 2 of the contract: organization, extended keys, edit, disable/enable, rotate."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from rakerone_desktop.sandbox.launcher import SandboxProcess
from rakerone_desktop.sandbox.seed import prepare
from rakerone_desktop.sandbox.store import Store
from tests.support.sandbox_http import Api, StartSandbox, admin_api, assert_problem, member_api

pytestmark = pytest.mark.integration

PART2_FIELDS = {
    "status", "expires_at", "disabled_at", "disabled_by", "description", "owner", "tags",
    "exposure", "version",
}  # fmt: skip
INACTIVE = "Permissions can only be removed. Create a new key to grant more."


def _at(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxProcess]:
    # Its own sandbox: these tests change the key policy.
    with SandboxProcess("--seed", "empty") as process:
        yield process


@pytest.fixture
def api(sandbox: SandboxProcess) -> Iterator[Api]:
    client = admin_api(sandbox.ready)
    yield client
    client.close()


def _create(api: Api, name: str = "Lifecycle key", **fields: Any) -> dict[str, Any]:
    body = {"name": name, "permissions": fields.pop("permissions", []), **fields}
    response = api.post("/api-keys", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == f'"{response.json()["api_key"]["version"]}"'
    created: dict[str, Any] = response.json()
    return created


def _patch(api: Api, key: dict[str, Any], body: Any, version: int | None = None) -> Any:
    headers = {"If-Match": f'"{key["version"] if version is None else version}"'}
    return api.request("PATCH", f"/api-keys/{key['id']}", json=body, headers=headers)


# -- organization, users


def test_organization_lists_features_and_policy(api: Api, sandbox: SandboxProcess) -> None:
    org = api.get("/organization").json()
    assert org["id"].startswith("org_") and org["name"]
    assert {"key_expiry", "key_disable", "key_metadata", "key_rotate"} <= set(org["features"])
    assert set(org["key_policy"]) == {
        "max_lifetime_days", "default_lifetime_days", "expiry_warning_days", "on_exposure",
    }  # fmt: skip
    member = member_api(sandbox.ready)
    assert member.get("/organization").status_code == 200
    assert_problem(member.request("PATCH", "/organization/key-policy", json={}), 403, "admin-only")
    assert_problem(member.get("/users"), 403, "admin-only")


def test_users_page(api: Api) -> None:
    first = api.get("/users", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["items"][0]["kind"] == "user"
    seen = [first["items"][0]["id"]]
    cursor = first["next_cursor"]
    while cursor:
        page = api.get("/users", params={"limit": 1, "cursor": cursor}).json()
        seen += [u["id"] for u in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) >= 3
    assert_problem(api.get("/users", params={"cursor": "nope"}), 422, "validation", ["cursor"])


def test_key_policy_rules(api: Api) -> None:
    patch = api.request
    try:
        response = patch("PATCH", "/organization/key-policy", json={"max_lifetime_days": 90})
        assert response.status_code == 200, response.text
        assert response.json()["key_policy"]["max_lifetime_days"] == 90
        too_long = patch("PATCH", "/organization/key-policy", json={"default_lifetime_days": 91})
        assert_problem(too_long, 422, "validation", ["default_lifetime_days"])
        for bad in ({"expiry_warning_days": 0}, {"max_lifetime_days": 3651}):
            assert_problem(patch("PATCH", "/organization/key-policy", json=bad), 422, "validation")
        # With a maximum: an omitted expiry takes it, a "never" is refused, the limit is said.
        key = _create(api)["api_key"]
        assert abs(_seconds(key["expires_at"]) - time.time() - 90 * 86400) < 120
        never = api.post("/api-keys", json={"name": "n", "permissions": [], "expires_at": None})
        body = assert_problem(never, 422, "validation", ["expires_at"])
        assert "90 days" in body["errors"][0]["message"]
        later = {"name": "n", "permissions": [], "expires_at": _at(timedelta(days=91))}
        body = assert_problem(api.post("/api-keys", json=later), 422, "validation", ["expires_at"])
        assert "90 days" in body["errors"][0]["message"]
    finally:
        reset = {"max_lifetime_days": None, "default_lifetime_days": None}
        assert patch("PATCH", "/organization/key-policy", json=reset).status_code == 200


# -- the extended key


def test_create_with_the_new_fields(api: Api) -> None:
    expires = _at(timedelta(days=30))
    created = _create(
        api,
        expires_at=expires,
        description="Feeds the CRM.\nOwned by data team.",
        owner_id="usr_morgan",
        tags=["Prod", "team:data"],
    )
    key = created["api_key"]
    assert set(key) >= PART2_FIELDS
    assert key["status"] == "active" and key["version"] == 1
    assert key["expires_at"] == expires
    assert key["owner"] == {"id": "usr_morgan", "name": "Morgan Member"}
    assert key["tags"] == ["prod", "team:data"]
    assert key["description"] == "Feeds the CRM.\nOwned by data team."
    assert key["disabled_at"] is None and key["exposure"] is None
    got = api.get(f"/api-keys/{key['id']}")
    assert got.json() == key and got.headers["ETag"] == '"1"'
    # No default lifetime in this organization: omitted means never.
    assert _create(api)["api_key"]["expires_at"] is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"expires_at": "2020-01-01T00:00:00Z"}, "expires_at"),
        ({"expires_at": "tomorrow"}, "expires_at"),
        ({"expires_at": "2030-02-30T00:00:00Z"}, "expires_at"),
        ({"owner_id": "usr_nobody"}, "owner_id"),
        ({"owner_id": "\ud800"}, "owner_id"),
        ({"tags": ["ok", "OK"]}, "tags"),
        ({"tags": ["-lead"]}, "tags"),
        ({"tags": ["x" * 41]}, "tags"),
        ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"tags": ["\ud800"]}, "tags"),
        ({"description": "x" * 1001}, "description"),
        ({"description": "bidi \u202e"}, "description"),
        ({"description": "tab\there"}, "description"),
        ({"description": "\udfff"}, "description"),
    ],
)
def test_create_refuses_bad_new_fields(api: Api, fields: dict[str, Any], field: str) -> None:
    body = {"name": "Bad", "permissions": [], **fields}
    response = api.post("/api-keys", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert_problem(response, 422, "validation", [field])


def test_an_expiry_soon_is_refused(api: Api) -> None:
    soon = {"name": "Soon", "permissions": [], "expires_at": _at(timedelta(minutes=50))}
    assert_problem(api.post("/api-keys", json=soon), 422, "validation", ["expires_at"])


def test_idempotency_compares_the_new_fields(api: Api) -> None:
    key = str(uuid.uuid4())
    body = {"name": "Idem", "permissions": [], "tags": ["a"]}
    first = api.post("/api-keys", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201
    again = api.post("/api-keys", json=body, headers={"Idempotency-Key": key})
    assert again.status_code == 200 and again.json()["secret"] is None
    assert again.json()["api_key"]["id"] == first.json()["api_key"]["id"]
    other = api.post("/api-keys", json={**body, "tags": ["b"]}, headers={"Idempotency-Key": key})
    assert_problem(other, 422, "idempotency-mismatch")
    # Omitted expires_at (the policy's default) and null (never) are different bodies.
    key2 = str(uuid.uuid4())
    assert api.post("/api-keys", json=body, headers={"Idempotency-Key": key2}).status_code == 201
    nulled = api.post(
        "/api-keys", json={**body, "expires_at": None}, headers={"Idempotency-Key": key2}
    )
    assert_problem(nulled, 422, "idempotency-mismatch")


def test_status_filters(api: Api) -> None:
    key = _create(api, "Filtered")["api_key"]
    api.post(f"/api-keys/{key['id']}/disable")

    def ids(status: str) -> set[str]:
        page = api.get("/api-keys", params={"status": status, "limit": 1000}).json()
        assert all(k["status"] == status for k in page["items"]) or status == "all"
        return {k["id"] for k in page["items"]}

    assert key["id"] in ids("disabled")
    assert key["id"] not in ids("active") | ids("expired") | ids("revoked")
    assert key["id"] in ids("all")
    assert_problem(api.get("/api-keys", params={"status": "paused"}), 422, "validation")


# -- disabled and expired keys are refused as credentials


def test_disable_and_enable(api: Api, sandbox: SandboxProcess) -> None:
    created = _create(api, "Switch", permissions=["records.write"])
    key, secret = created["api_key"], created["secret"]
    bearer = Api(sandbox.url, secret)
    assert bearer.get("/me").status_code == 200
    disabled = api.post(f"/api-keys/{key['id']}/disable")
    assert disabled.status_code == 200
    body = disabled.json()
    assert body["status"] == "disabled" and body["version"] == 2
    assert body["disabled_by"]["id"] == "usr_alex" and body["disabled_at"]
    assert disabled.headers["ETag"] == '"2"'
    refused = assert_problem(bearer.get("/me"), 401, "unauthenticated")
    # The same 401 as a made-up key.
    unknown = Api(sandbox.url, "rone_" + "0" * 42).get("/me").json()
    assert refused["detail"] == unknown["detail"]
    again = api.post(f"/api-keys/{key['id']}/disable", json={})
    assert again.status_code == 200 and again.json()["version"] == 2
    enabled = api.post(f"/api-keys/{key['id']}/enable")
    assert enabled.json()["status"] == "active" and enabled.json()["version"] == 3
    assert enabled.json()["disabled_at"] is None
    assert api.post(f"/api-keys/{key['id']}/enable").json()["version"] == 3
    assert bearer.get("/me").status_code == 200
    actions = [e["action"] for e in api.get(f"/api-keys/{key['id']}/events").json()["items"]]
    assert actions[:2] == ["api_key.enabled", "api_key.disabled"] or "api_key.used" in actions
    api.post(f"/api-keys/{key['id']}/revoke")
    for verb in ("disable", "enable"):
        assert_problem(api.post(f"/api-keys/{key['id']}/{verb}"), 409, "key-inactive")
    assert_problem(api.post("/api-keys/key_nope/disable"), 404, "not-found")


def test_bulk_disable(api: Api) -> None:
    live = _create(api, "Bulk 1")["api_key"]["id"]
    gone = _create(api, "Bulk 2")["api_key"]["id"]
    api.post(f"/api-keys/{gone}/revoke")
    response = api.post("/api-keys/disable", json={"ids": [live, live, gone, "key_nope"]})
    assert response.status_code == 200
    assert [r["outcome"] for r in response.json()["results"]] == [
        "disabled", "already_disabled", "inactive", "not_found",
    ]  # fmt: skip
    too_many = api.post("/api-keys/disable", json={"ids": ["key_x"] * 1001})
    assert_problem(too_many, 422, "validation", ["ids"])
    assert_problem(api.post("/api-keys/disable", json={"ids": ["\ud800"]}), 422, "validation")


# -- edit in place


def test_patch_edits_and_bumps_the_version(api: Api) -> None:
    key = _create(api, "Editable", permissions=["records.read", "records.write"])["api_key"]
    response = _patch(
        api,
        key,
        {
            "name": "  Edited  ",
            "description": "Now described",
            "owner_id": "usr_priya",
            "tags": ["Ops"],
            "permissions": ["records.read"],
            "expires_at": _at(timedelta(days=10)),
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"] == 2 and response.headers["ETag"] == '"2"'
    assert (body["name"], body["description"], body["tags"]) == ("Edited", "Now described", ["ops"])
    assert body["owner"]["name"] == "Priya Patel"
    assert body["permissions"] == ["records.read"]
    event = api.get(f"/api-keys/{key['id']}/events").json()["items"][0]
    assert event["action"] == "api_key.updated"
    assert "name" in event["summary"] and "permissions" in event["summary"]
    # Nothing changes: same values, or an empty body. No version, no event.
    same = _patch(api, body, {"name": "Edited", "tags": ["OPS"], "permissions": ["records.read"]})
    assert same.status_code == 200 and same.json()["version"] == 2
    assert _patch(api, body, {}).json() == same.json()
    events = api.get(f"/api-keys/{key['id']}/events").json()["items"]
    assert [e["action"] for e in events].count("api_key.updated") == 1
    # Owner removed with null.
    assert _patch(api, body, {"owner_id": None}).json()["owner"] is None


def test_patch_narrows_only(api: Api) -> None:
    key = _create(api, "Narrow", permissions=["records.read"])["api_key"]
    wider = _patch(api, key, {"permissions": ["records.read", "records.write"]})
    body = assert_problem(wider, 422, "validation", ["permissions"])
    assert body["errors"][0]["message"] == INACTIVE
    assert api.get(f"/api-keys/{key['id']}").json()["version"] == 1


def test_patch_moves_expiry_earlier_only(api: Api) -> None:
    key = _create(api, "Expiry", expires_at=_at(timedelta(days=20)))["api_key"]
    later = _patch(api, key, {"expires_at": _at(timedelta(days=21))})
    assert_problem(later, 422, "validation", ["expires_at"])
    assert_problem(_patch(api, key, {"expires_at": None}), 422, "validation", ["expires_at"])
    soon = _patch(api, key, {"expires_at": _at(timedelta(minutes=10))})
    assert_problem(soon, 422, "validation", ["expires_at"])
    earlier = _patch(api, key, {"expires_at": _at(timedelta(days=5))})
    assert earlier.status_code == 200 and earlier.json()["version"] == 2
    forever = _create(api, "Forever")["api_key"]
    assert _patch(api, forever, {"expires_at": None}).json()["version"] == 1
    assert _patch(api, forever, {"expires_at": _at(timedelta(days=3))}).status_code == 200


def test_patch_check_order(api: Api) -> None:
    key = _create(api, "Ordered", permissions=["records.read"])["api_key"]
    bad = {"permissions": ["records.write"], "name": ""}
    # 404 first, whatever the rest.
    missing = {**key, "id": "key_nope"}
    assert_problem(_patch(api, missing, bad, version=99), 404, "not-found")
    # Then 412, before the body's rules.
    stale = _patch(api, key, bad, version=7)
    assert_problem(stale, 412, "precondition-failed")
    assert stale.headers["ETag"] == '"1"'
    for header in ('W/"1"', "garbage", '"2", "3"'):
        response = api.request(
            "PATCH", f"/api-keys/{key['id']}", json={}, headers={"If-Match": header}
        )
        assert_problem(response, 412, "precondition-failed")
    # 409 for a revoked key, before 422.
    api.post(f"/api-keys/{key['id']}/revoke")
    revoked = api.get(f"/api-keys/{key['id']}").json()
    assert revoked["version"] == 2  # revoking is a change too
    assert_problem(_patch(api, revoked, bad), 409, "key-inactive")
    # Then 422: the body's own rules first, then the rules against the key.
    other = _create(api, "Validated", permissions=["records.read"])["api_key"]
    assert_problem(_patch(api, other, bad), 422, "validation", ["name"])
    assert_problem(_patch(api, other, {"permissions": ["records.write"]}), 422, "validation")
    # Without If-Match the edit goes through.
    response = api.request("PATCH", f"/api-keys/{other['id']}", json={"name": "No If-Match"})
    assert response.status_code == 200
    for body in ([], "text", {"unknown": 1}, {"tags": "x"}, {"expires_at": 5}):
        assert_problem(_patch(api, other, body, version=2), 422, "validation")
    star = api.request(
        "PATCH", f"/api-keys/{other['id']}", json={"name": "Star"}, headers={"If-Match": "*"}
    )
    assert star.status_code == 200


def test_a_disabled_key_can_be_edited(api: Api) -> None:
    key = _create(api, "Disabled edit")["api_key"]
    disabled = api.post(f"/api-keys/{key['id']}/disable").json()
    response = _patch(api, disabled, {"description": "Paused"})
    assert response.status_code == 200 and response.json()["status"] == "disabled"


# -- rotate


def test_rotate_with_a_grace_period(api: Api, sandbox: SandboxProcess) -> None:
    created = _create(
        api, "Rotated", permissions=["records.write"], description="d", tags=["t"],
        owner_id="usr_priya",
    )  # fmt: skip
    old, old_secret = created["api_key"], created["secret"]
    idem = str(uuid.uuid4())
    response = api.post(
        f"/api-keys/{old['id']}/rotate",
        json={"old_key_expires_in": 86400},
        headers={"Idempotency-Key": idem},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    new = body["api_key"]
    assert response.headers["ETag"] == f'"{new["version"]}"'
    assert body["secret"].startswith("rone_") and body["replayed"] is False
    assert (new["name"], new["permissions"], new["description"], new["tags"]) == (
        "Rotated", ["records.write"], "d", ["t"],
    )  # fmt: skip
    assert new["owner"]["id"] == "usr_priya" and new["id"] != old["id"]
    assert new["expires_at"] is None  # no policy default, no maximum
    old_after = body["old_api_key"]
    assert old_after["version"] == 2 and old_after["status"] == "active"
    assert abs(_seconds(old_after["expires_at"]) - time.time() - 86400) < 120
    assert Api(sandbox.url, old_secret).get("/me").status_code == 200
    assert Api(sandbox.url, body["secret"]).get("/me").status_code == 200
    # A replay: recognised first, no secret, nothing made twice.
    again = api.post(
        f"/api-keys/{old['id']}/rotate",
        json={"old_key_expires_in": 86400},
        headers={"Idempotency-Key": idem},
    )
    assert again.status_code == 200
    assert again.json()["secret"] is None and again.json()["replayed"] is True
    assert again.json()["api_key"]["id"] == new["id"]
    mismatch = api.post(
        f"/api-keys/{old['id']}/rotate",
        json={"old_key_expires_in": 60},
        headers={"Idempotency-Key": idem},
    )
    assert_problem(mismatch, 422, "idempotency-mismatch")
    events = api.get(f"/api-keys/{new['id']}/events").json()["items"]
    assert [e["action"] for e in events if e["actor"]["kind"] == "user"] == ["api_key.rotated"]
    old_events = api.get(f"/api-keys/{old['id']}/events").json()["items"]
    assert [e["action"] for e in old_events if e["actor"]["kind"] == "user"] == [
        "api_key.rotated", "api_key.created",
    ]  # fmt: skip


def test_rotate_with_no_grace_expires_the_old_key_at_once(
    api: Api, sandbox: SandboxProcess
) -> None:
    created = _create(api, "Zero grace")
    old = created["api_key"]
    idem = str(uuid.uuid4())
    body = {"old_key_expires_in": 0, "name": "Zero grace v2"}
    response = api.post(
        f"/api-keys/{old['id']}/rotate", json=body, headers={"Idempotency-Key": idem}
    )
    assert response.status_code == 201
    assert response.json()["old_api_key"]["status"] == "expired"
    assert response.json()["api_key"]["name"] == "Zero grace v2"
    assert_problem(Api(sandbox.url, created["secret"]).get("/me"), 401, "unauthenticated")
    # The replay still answers, though the source is now expired.
    replay = api.post(f"/api-keys/{old['id']}/rotate", json=body, headers={"Idempotency-Key": idem})
    assert replay.status_code == 200 and replay.json()["secret"] is None
    # A new rotation of the expired key is refused.
    fresh = api.post(f"/api-keys/{old['id']}/rotate", json={"old_key_expires_in": 0})
    assert_problem(fresh, 409, "key-inactive")
    expired = api.get("/api-keys", params={"status": "expired", "limit": 1000}).json()
    assert old["id"] in {k["id"] for k in expired["items"]}


def test_rotate_refusals(api: Api) -> None:
    key = _create(api, "Refusals")["api_key"]
    api.post(f"/api-keys/{key['id']}/disable")
    assert_problem(
        api.post(f"/api-keys/{key['id']}/rotate", json={"old_key_expires_in": 0}),
        409,
        "key-inactive",
    )
    assert_problem(
        api.post("/api-keys/key_nope/rotate", json={"old_key_expires_in": 0}), 404, "not-found"
    )
    for body in ({}, {"old_key_expires_in": -1}, {"old_key_expires_in": 604801}):
        assert_problem(api.post(f"/api-keys/{key['id']}/rotate", json=body), 422, "validation")
    # A failed rotation frees its Idempotency-Key.
    live = _create(api, "Refusals 2")["api_key"]
    idem = str(uuid.uuid4())
    soon = {"old_key_expires_in": 0, "expires_at": _at(timedelta(minutes=5))}
    refused = api.post(
        f"/api-keys/{live['id']}/rotate", json=soon, headers={"Idempotency-Key": idem}
    )
    assert_problem(refused, 422, "validation", ["expires_at"])
    assert api.get(f"/api-keys/{live['id']}").json()["version"] == 1
    ok = api.post(
        f"/api-keys/{live['id']}/rotate",
        json={"old_key_expires_in": 60},
        headers={"Idempotency-Key": idem},
    )
    assert ok.status_code == 201


# -- a part-1 server


def test_api_part_1_hides_part_2(start_sandbox: StartSandbox) -> None:
    api = admin_api(start_sandbox("--api-part", "1").ready)
    assert_problem(api.get("/organization"), 404, "not-found")
    assert_problem(api.get("/users"), 404, "not-found")
    created = api.create_key("Part one")
    key = created["api_key"]
    assert not PART2_FIELDS & set(key)
    got = api.get(f"/api-keys/{key['id']}")
    assert "ETag" not in got.headers and not PART2_FIELDS & set(got.json())
    assert_problem(api.post(f"/api-keys/{key['id']}/disable"), 404, "not-found")
    assert_problem(api.post(f"/api-keys/{key['id']}/rotate", json={}), 404, "not-found")
    assert api.request("PATCH", f"/api-keys/{key['id']}", json={}).status_code == 405
    extended = api.post("/api-keys", json={"name": "x", "permissions": [], "tags": ["a"]})
    assert_problem(extended, 422, "validation", ["tags"])
    assert_problem(api.get("/api-keys", params={"status": "disabled"}), 422, "validation")
    assert key["id"] in {k["id"] for k in api.get("/api-keys").json()["items"]}


# -- the demo seed


def test_demo_seed_has_the_lifecycle(start_sandbox: StartSandbox) -> None:
    api = admin_api(start_sandbox(seed="demo").ready)
    policy = api.get("/organization").json()["key_policy"]
    assert (policy["default_lifetime_days"], policy["max_lifetime_days"]) == (365, None)
    keys = api.get("/api-keys", params={"status": "all", "limit": 1000}).json()["items"]
    statuses = {k["status"] for k in keys}
    assert statuses == {"active", "disabled", "expired", "revoked"}
    assert sum(k["owner"] is not None for k in keys) >= 10
    assert any(k["description"] for k in keys) and any(k["tags"] for k in keys)
    soon = [
        k for k in keys
        if k["status"] == "active" and k["expires_at"]
        and _seconds(k["expires_at"]) - time.time() < 14 * 86400
    ]  # fmt: skip
    assert len(soon) >= 3
    disabled = next(k for k in keys if k["status"] == "disabled" and k["exposure"] is None)
    assert disabled["disabled_by"]["name"] == "Alex Admin"
    events = api.get(f"/api-keys/{disabled['id']}/events").json()["items"]
    assert "api_key.disabled" in [e["action"] for e in events]
    owners = {u["id"] for u in api.get("/users").json()["items"]}
    assert {k["owner"]["id"] for k in keys if k["owner"]} <= owners


def test_generated_seed_fills_the_new_fields(start_sandbox: StartSandbox) -> None:
    api = admin_api(start_sandbox(seed="300").ready)
    keys = api.get("/api-keys", params={"status": "all", "limit": 1000}).json()["items"]
    assert len(keys) == 300
    assert {k["status"] for k in keys} >= {"active", "expired", "revoked"}
    assert sum(k["owner"] is not None for k in keys) > 150
    assert sum(bool(k["tags"]) for k in keys) > 150
    assert sum(bool(k["description"]) for k in keys) > 100
    assert sum(k["expires_at"] is not None for k in keys) > 60


def test_whole_numbers_may_be_written_as_floats(api: Api) -> None:
    # JSON Schema counts 60.0 as an integer; 60.5 and "60" are not.
    key = _create(api, "Float grace")["api_key"]
    for bad in (60.5, "60", True):
        response = api.post(f"/api-keys/{key['id']}/rotate", json={"old_key_expires_in": bad})
        assert_problem(response, 422, "validation", ["old_key_expires_in"])
    response = api.post(f"/api-keys/{key['id']}/rotate", json={"old_key_expires_in": 60.0})
    assert response.status_code == 201
    policy = api.request("PATCH", "/organization/key-policy", json={"expiry_warning_days": 14.0})
    assert policy.status_code == 200


@pytest.mark.parametrize("seed", ["demo", 500])
def test_a_part_1_seed_has_no_lifecycle_state(seed: str | int) -> None:
    # A part-1 server's keys all work as part 1 describes: none expires or is disabled.
    store = Store(":memory:")
    try:
        prepare(store, seed, "pw", "pw", lifecycle=False)
        rows, total = store.keys.list_keys("all", 1000, None)
        assert total > 0
        assert all(r.expires_at is None and r.disabled_at is None for r in rows)
        assert store.policy.organization().default_lifetime_days is None
        prepare(full := Store(":memory:"), seed, "pw", "pw")
        assert any(r.expires_at is not None for r in full.keys.list_keys("all", 1000, None)[0])
        full.close()
    finally:
        store.close()


def test_an_expiry_beyond_the_calendar_is_refused(api: Api) -> None:
    late = {"name": "Late", "permissions": [], "expires_at": "9999-12-31T23:59:59-14:00"}
    assert_problem(api.post("/api-keys", json=late), 422, "validation", ["expires_at"])
    latest = {**late, "expires_at": "9999-12-31T23:59:59Z"}
    assert api.post("/api-keys", json=latest).json()["api_key"]["expires_at"] == (
        "9999-12-31T23:59:59Z"
    )
