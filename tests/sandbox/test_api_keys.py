"""The admin's API: list, get, create, revoke, bulk revoke, lookup, events."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest

from rakerone_desktop.domain import keyformat
from tests.support.sandbox_http import Api, StartSandbox, admin_api, assert_problem

pytestmark = pytest.mark.integration

KEY_FIELDS = {
    "id", "name", "permissions", "hint", "created_at", "created_by", "last_used_at",
    "last_used_ip", "last_used_user_agent", "revoked_at", "revoked_by",
    # part 2
    "status", "expires_at", "disabled_at", "disabled_by", "description", "owner", "tags",
    "exposure", "version",
}  # fmt: skip


def _all_keys(api: Api, status: str = "all", limit: int = 1000) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"status": status, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = api.get("/api-keys", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


# -- the demo seed


def test_demo_seed_is_realistic(admin: Api) -> None:
    keys = [k for k in _all_keys(admin) if k["created_by"]["id"] in {"usr_alex", "usr_priya"}]
    names = {k["name"] for k in keys}
    assert {"Data import service", "Webhook relay (prod)"} <= names
    assert len([k for k in keys if k["name"] in names]) >= 20
    assert any("users.impersonate" in k["permissions"] for k in keys)
    assert any(k["permissions"] == [] for k in keys)
    assert any(k["last_used_at"] is None for k in keys)
    assert any(k["last_used_at"] is not None and k["last_used_ip"] for k in keys)
    assert 2 <= sum(k["revoked_at"] is not None for k in keys) <= 6
    assert {k["created_by"]["name"] for k in keys} >= {"Alex Admin", "Priya Patel"}
    for key in keys:
        assert set(key) == KEY_FIELDS
        assert key["hint"].startswith("rone_\u2026")
        assert len(key["hint"]) == len("rone_\u2026") + 4


def test_demo_keys_have_events(admin: Api) -> None:
    revoked = next(k for k in _all_keys(admin, "revoked") if k["name"] == "Old import service")
    events = admin.get(f"/api-keys/{revoked['id']}/events").json()["items"]
    actions = [e["action"] for e in events]
    assert actions[0] == "api_key.revoked"
    assert actions[-1] == "api_key.created"
    assert any(e["actor"]["kind"] == "api_key" for e in events)


# -- listing


def test_list_defaults_to_active_newest_first(admin: Api) -> None:
    response = admin.get("/api-keys")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next_cursor", "total"}
    items = body["items"]
    assert all(k["revoked_at"] is None for k in items)
    order = [(k["created_at"], k["id"]) for k in items]
    assert order == sorted(order, reverse=True)
    assert body["total"] == len(_all_keys(admin, "active"))


@pytest.mark.parametrize("status", ["active", "revoked", "all"])
def test_pages_cover_every_key_once(admin: Api, status: str) -> None:
    total = admin.get("/api-keys", params={"status": status}).json()["total"]
    items = _all_keys(admin, status, limit=7)
    ids = [k["id"] for k in items]
    assert len(ids) == len(set(ids)) == total
    order = [(k["created_at"], k["id"]) for k in items]
    assert order == sorted(order, reverse=True)


def test_total_counts_each_status(admin: Api) -> None:
    def total(status: str) -> int:
        value: int = admin.get("/api-keys", params={"status": status, "limit": 1}).json()["total"]
        return value

    assert total("all") == sum(map(total, ("active", "disabled", "expired", "revoked")))


def test_paging_never_repeats_while_keys_are_created(start_sandbox: StartSandbox) -> None:
    admin = admin_api(start_sandbox().ready)
    for i in range(5):
        admin.create_key(f"Key {i}")
    first = admin.get("/api-keys", params={"limit": 2}).json()
    admin.create_key("Created while paging")
    second = admin.get("/api-keys", params={"limit": 10, "cursor": first["next_cursor"]}).json()
    items = first["items"] + second["items"]
    # Keyset paging: nothing shifts or repeats (a key created in the same
    # second may still appear further on, which is fine).
    assert len({k["id"] for k in items}) == len(items)
    assert {f"Key {i}" for i in range(5)} <= {k["name"] for k in items}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": -5}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"status": "paused"}, "status"),
        ({"status": ""}, "status"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "MTIzLmtleV94"[:-2]}, "cursor"),
        ({"cursor": "!!!!"}, "cursor"),
        ({"cursor": ""}, "cursor"),
    ],
)
def test_list_parameters_out_of_range(admin: Api, params: dict[str, Any], field: str) -> None:
    assert_problem(admin.get("/api-keys", params=params), 422, "validation", [field])


def test_limit_bounds_are_inclusive(admin: Api) -> None:
    assert len(admin.get("/api-keys", params={"limit": 1}).json()["items"]) == 1
    assert admin.get("/api-keys", params={"limit": 1000}).status_code == 200


# -- who may call

ADMIN_CALLS = [
    ("GET", "/api-keys", None),
    ("GET", "/api-keys/key_x", None),
    ("POST", "/api-keys", {"name": "x", "permissions": []}),
    ("POST", "/api-keys/key_x/revoke", None),
    ("POST", "/api-keys/revoke", {"ids": []}),
    ("POST", "/api-keys/lookup", {"sha256": "0" * 64}),
    ("GET", "/api-keys/key_x/events", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_CALLS)
def test_member_is_refused(member: Api, method: str, path: str, body: Any) -> None:
    assert_problem(member.request(method, path, json=body), 403, "admin-only")


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_CALLS)
def test_api_key_is_refused(admin: Api, method: str, path: str, body: Any) -> None:
    key = Api(admin.url, admin.create_key("Admin probe", ["users.impersonate"])["secret"])
    assert_problem(key.request(method, path, json=body), 403, "forbidden")


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_CALLS)
def test_no_credential_is_401(anonymous: Api, method: str, path: str, body: Any) -> None:
    response = anonymous.request(method, path, json=body)
    assert_problem(response, 401, "unauthenticated")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_authentication_comes_before_validation(anonymous: Api) -> None:
    assert_problem(anonymous.get("/api-keys", params={"limit": 0}), 401, "unauthenticated")
    response = anonymous.post("/api-keys", json={"name": ""})
    assert_problem(response, 401, "unauthenticated")


# -- get


def test_get_a_key(admin: Api) -> None:
    created = admin.create_key("Fetch me", ["records.read"])["api_key"]
    response = admin.get(f"/api-keys/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


def test_get_an_unknown_key(admin: Api) -> None:
    assert_problem(admin.get("/api-keys/key_doesnotexist"), 404, "not-found")


# -- create


def test_create_a_key(admin: Api) -> None:
    response = admin.post(
        "/api-keys",
        json={"name": "  Data import service  ", "permissions": ["records.write", "records.read"]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"api_key", "secret", "replayed"}
    assert body["replayed"] is False
    secret, key = body["secret"], body["api_key"]
    assert keyformat.is_valid_key(secret)
    assert key["id"].startswith("key_")
    assert key["name"] == "Data import service"
    assert key["permissions"] == ["records.write", "records.read"]
    assert key["hint"] == keyformat.hint(secret)
    assert key["created_by"]["name"] == "Alex Admin"
    assert key["last_used_at"] is None
    assert key["revoked_at"] is None
    assert key["revoked_by"] is None
    events = admin.get(f"/api-keys/{key['id']}/events").json()["items"]
    assert [e["action"] for e in events] == ["api_key.created"]
    assert events[0]["actor"] == {"kind": "user", "id": key["created_by"]["id"],
                                  "name": "Alex Admin"}  # fmt: skip
    # The secret is never shown again.
    assert secret not in admin.get(f"/api-keys/{key['id']}").text
    assert secret not in admin.get("/api-keys").text


def test_create_without_idempotency_key_and_with_no_permissions(admin: Api) -> None:
    response = admin.post("/api-keys", json={"name": "Nothing allowed", "permissions": []})
    assert response.status_code == 201
    assert response.json()["api_key"]["permissions"] == []


def test_name_limits_count_code_points_after_trimming(admin: Api) -> None:
    name = "\U0001f511" * 100  # 100 code points (200 UTF-16 units)
    assert admin.create_key(f"   {name}\t")["api_key"]["name"] == name
    response = admin.post("/api-keys", json={"name": name + "x", "permissions": []})
    assert_problem(response, 422, "validation", ["name"])


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   \t ",
        "a" * 101,
        "bell\x07",
        "line\nbreak",
        "zero\u200bwidth",
        "bidi \u202eoverride",
        "bom\ufeff",
        "soft\u00adhyphen",
    ],
)
def test_bad_names(admin: Api, name: str) -> None:
    response = admin.post("/api-keys", json={"name": name, "permissions": []})
    assert_problem(response, 422, "validation", ["name"])


def test_names_may_repeat_and_hold_markup(admin: Api) -> None:
    first = admin.create_key("<b>twin</b>")["api_key"]
    second = admin.create_key("<b>twin</b>")["api_key"]
    assert first["id"] != second["id"]
    assert second["name"] == "<b>twin</b>"


@pytest.mark.parametrize(
    "permissions",
    [
        ["playbooks.run", "playbooks.run"],
        ["nonsense"],
        ["playbooks.run", "PLAYBOOKS.RUN"],
        "playbooks.run",
        [1],
        None,
    ],
)
def test_bad_permissions(admin: Api, permissions: Any) -> None:
    response = admin.post("/api-keys", json={"name": "ok", "permissions": permissions})
    assert_problem(response, 422, "validation", ["permissions"])


def test_one_error_row_per_field(admin: Api) -> None:
    response = admin.post(
        "/api-keys",
        json={"name": "\u202e", "permissions": ["x", "y", 3, "x"], "extra": 1},
        headers={"Idempotency-Key": "\u00e9t\u00e9".encode().decode("latin-1")},
    )
    body = assert_problem(
        response, 422, "validation", ["Idempotency-Key", "name", "permissions", "extra"]
    )
    assert "U+202E" in body["errors"][1]["message"]


@pytest.mark.parametrize("value", ["x" * 256, "caf\u00e9"])
def test_bad_idempotency_keys(admin: Api, value: str) -> None:
    response = admin.post(
        "/api-keys",
        json={"name": "ok", "permissions": []},
        headers={"Idempotency-Key": value.encode().decode("latin-1")},
    )
    assert_problem(response, 422, "validation", ["Idempotency-Key"])


def test_create_body_must_be_an_object(admin: Api) -> None:
    assert_problem(admin.post("/api-keys", json=["x"]), 422, "validation", ["body"])
    assert_problem(admin.post("/api-keys", data=b"{"), 422, "validation", ["body"])
    missing = admin.post("/api-keys", json={})
    assert_problem(missing, 422, "validation", ["name", "permissions"])


# -- idempotency


def _create(admin: Api, idempotency_key: str, body: Any) -> Any:
    return admin.post("/api-keys", json=body, headers={"Idempotency-Key": idempotency_key})


def test_idempotent_replay(admin: Api) -> None:
    key = str(uuid.uuid4())
    body = {"name": " Replayed ", "permissions": ["playbooks.run", "records.read"]}
    first = _create(admin, key, body)
    assert first.status_code == 201
    # Member order does not matter: the same JSON value.
    again = admin.post(
        "/api-keys",
        data=b'{"permissions": ["playbooks.run", "records.read"], "name": " Replayed "}',
        headers={"Idempotency-Key": key, "Content-Type": "application/json"},
    )
    assert again.status_code == 200
    replay = again.json()
    assert replay == {"api_key": first.json()["api_key"], "secret": None, "replayed": True}
    named = [k for k in _all_keys(admin) if k["id"] == replay["api_key"]["id"]]
    assert len(named) == 1


def test_replay_shows_the_key_as_it_is_now(admin: Api) -> None:
    key = str(uuid.uuid4())
    body = {"name": "Revoked later", "permissions": []}
    created = _create(admin, key, body).json()["api_key"]
    admin.post(f"/api-keys/{created['id']}/revoke")
    replay = _create(admin, key, body).json()
    assert replay["api_key"]["revoked_at"] is not None


@pytest.mark.parametrize(
    "changed",
    [
        {"name": "Mismatch", "permissions": ["records.read"]},
        {"name": "Mismatch ", "permissions": []},  # the name as sent, before trimming
        {"name": "Other", "permissions": []},
    ],
)
def test_idempotency_mismatch(admin: Api, changed: dict[str, Any]) -> None:
    key = str(uuid.uuid4())
    assert _create(admin, key, {"name": "Mismatch", "permissions": []}).status_code == 201
    assert_problem(_create(admin, key, changed), 422, "idempotency-mismatch")


def test_permission_order_matters_for_idempotency(admin: Api) -> None:
    key = str(uuid.uuid4())
    body = {"name": "Ordered", "permissions": ["records.read", "records.write"]}
    assert _create(admin, key, body).status_code == 201
    swapped = {"name": "Ordered", "permissions": ["records.write", "records.read"]}
    assert_problem(_create(admin, key, swapped), 422, "idempotency-mismatch")


def test_a_refused_create_does_not_use_up_its_idempotency_key(admin: Api) -> None:
    key = str(uuid.uuid4())
    assert_problem(_create(admin, key, {"name": "", "permissions": []}), 422, "validation")
    assert _create(admin, key, {"name": "Second try", "permissions": []}).status_code == 201


def test_idempotency_keys_span_an_admins_sessions(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox()
    first, second = admin_api(sandbox.ready), admin_api(sandbox.ready)
    key = str(uuid.uuid4())
    body = {"name": "Shared", "permissions": []}
    # Two sessions of the same admin share their idempotency keys.
    assert _create(first, key, body).status_code == 201
    assert _create(second, key, body).status_code == 200


# -- revoke


def test_revoke_a_key(admin: Api) -> None:
    created = admin.create_key("Revoke me")
    key_id = created["api_key"]["id"]
    response = admin.post(f"/api-keys/{key_id}/revoke")
    assert response.status_code == 200
    revoked = response.json()
    assert revoked["revoked_at"] is not None
    assert revoked["revoked_by"]["name"] == "Alex Admin"
    # Revoking again changes nothing.
    again = admin.post(f"/api-keys/{key_id}/revoke")
    assert again.status_code == 200
    assert again.json() == revoked
    events = admin.get(f"/api-keys/{key_id}/events").json()["items"]
    assert [e["action"] for e in events] == ["api_key.revoked", "api_key.created"]
    # Immediate: the next call with the key is a 401.
    assert_problem(Api(admin.url, created["secret"]).get("/me"), 401, "unauthenticated")


def test_revoke_an_unknown_key(admin: Api) -> None:
    assert_problem(admin.post("/api-keys/key_nope/revoke"), 404, "not-found")


def test_bulk_revoke(admin: Api) -> None:
    a = admin.create_key("Bulk A")["api_key"]["id"]
    b = admin.create_key("Bulk B")["api_key"]["id"]
    c = admin.create_key("Bulk C")["api_key"]["id"]
    admin.post(f"/api-keys/{c}/revoke")
    ids = [a, "key_unknown", b, a, c, b]
    response = admin.post("/api-keys/revoke", json={"ids": ids})
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {"id": a, "outcome": "revoked"},
            {"id": "key_unknown", "outcome": "not_found"},
            {"id": b, "outcome": "revoked"},
            {"id": a, "outcome": "already_revoked"},
            {"id": c, "outcome": "already_revoked"},
            {"id": b, "outcome": "already_revoked"},
        ]
    }
    assert admin.get(f"/api-keys/{a}").json()["revoked_at"] is not None
    events = admin.get(f"/api-keys/{a}/events").json()["items"]
    assert [e["action"] for e in events].count("api_key.revoked") == 1


def test_bulk_revoke_limits(admin: Api) -> None:
    assert admin.post("/api-keys/revoke", json={"ids": []}).json() == {"results": []}
    thousand = admin.post("/api-keys/revoke", json={"ids": ["key_none"] * 1000})
    assert thousand.status_code == 200
    assert len(thousand.json()["results"]) == 1000
    response = admin.post("/api-keys/revoke", json={"ids": ["key_none"] * 1001})
    assert_problem(response, 422, "validation", ["ids"])
    assert_problem(admin.post("/api-keys/revoke", json={"ids": "key_x"}), 422, "validation",
                   ["ids"])  # fmt: skip
    assert_problem(admin.post("/api-keys/revoke", json={}), 422, "validation", ["ids"])


# -- lookup


def test_lookup_by_sha256(admin: Api) -> None:
    created = admin.create_key("Leaked maybe")
    digest = hashlib.sha256(created["secret"].encode()).hexdigest()
    response = admin.post("/api-keys/lookup", json={"sha256": digest})
    assert response.status_code == 200
    assert response.json()["id"] == created["api_key"]["id"]
    admin.post(f"/api-keys/{created['api_key']['id']}/revoke")
    revoked = admin.post("/api-keys/lookup", json={"sha256": digest}).json()
    assert revoked["revoked_at"] is not None


def test_lookup_unknown_digest(admin: Api) -> None:
    response = admin.post("/api-keys/lookup", json={"sha256": "ab" * 32})
    assert_problem(response, 404, "not-found")


@pytest.mark.parametrize("value", ["AB" * 32, "ab" * 31, "ab" * 33, "zz" * 32, 5, ""])
def test_lookup_needs_64_lowercase_hex(admin: Api, value: Any) -> None:
    response = admin.post("/api-keys/lookup", json={"sha256": value})
    assert_problem(response, 422, "validation", ["sha256"])


# -- events


def test_events_page_newest_first(admin: Api) -> None:
    created = admin.create_key("Chatty", ["playbooks.run"])
    key = Api(admin.url, created["secret"])
    for _ in range(4):
        assert key.get("/me").status_code == 200
    key_id = created["api_key"]["id"]
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = admin.get(f"/api-keys/{key_id}/events", params=params).json()
        assert set(page) == {"items", "next_cursor"}
        assert len(page["items"]) <= 2
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len({e["id"] for e in seen}) == len(seen) == 5
    assert [e["action"] for e in seen] == ["api_key.used"] * 4 + ["api_key.created"]
    assert [e["at"] for e in seen] == sorted((e["at"] for e in seen), reverse=True)
    used = seen[0]
    assert used["actor"] == {"kind": "api_key", "id": key_id, "name": "Chatty"}
    assert used["ip"] == "127.0.0.1"


def test_events_errors(admin: Api) -> None:
    assert_problem(admin.get("/api-keys/key_nope/events"), 404, "not-found")
    key_id = admin.create_key("Events errors")["api_key"]["id"]
    for params, field in (({"limit": 0}, "limit"), ({"cursor": "bogus"}, "cursor")):
        response = admin.get(f"/api-keys/{key_id}/events", params=params)
        assert_problem(response, 422, "validation", [field])
    # A key-list cursor is not an events cursor.
    list_cursor = admin.get("/api-keys", params={"limit": 1}).json()["next_cursor"]
    response = admin.get(f"/api-keys/{key_id}/events", params={"cursor": list_cursor})
    assert_problem(response, 422, "validation", ["cursor"])
