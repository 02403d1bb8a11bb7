"""An API key as a bearer credential: /me, playbook runs, records, last used, 401s."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from rakerone_desktop.domain import keyformat
from tests.support.sandbox_http import Api, StartSandbox, admin_api, assert_problem

pytestmark = pytest.mark.integration


def _key(admin: Api, name: str, permissions: list[str]) -> tuple[Api, str]:
    created = admin.create_key(name, permissions)
    return Api(admin.url, created["secret"]), created["api_key"]["id"]


def _events(admin: Api, key_id: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = admin.get(f"/api-keys/{key_id}/events").json()["items"]
    return items


def test_me_as_a_key(admin: Api) -> None:
    key, key_id = _key(admin, "Who am I", ["records.read", "users.view"])
    response = key.get("/me")
    assert response.status_code == 200
    assert response.json() == {
        "kind": "api_key",
        "id": key_id,
        "name": "Who am I",
        "permissions": ["records.read", "users.view"],
    }
    used = _events(admin, key_id)[0]
    assert used["action"] == "api_key.used"
    assert used["actor"]["name"] == "Who am I"


def test_first_use_is_recorded_before_the_answer(admin: Api) -> None:
    key, key_id = _key(admin, "First use", [])
    key.session.headers["User-Agent"] = "first-use-probe/1.0"
    assert admin.get(f"/api-keys/{key_id}").json()["last_used_at"] is None
    assert key.get("/permissions").status_code == 200
    # No waiting: the write happened before the response was sent.
    row = admin.get(f"/api-keys/{key_id}").json()
    assert row["last_used_at"] is not None
    assert row["last_used_ip"] == "127.0.0.1"
    assert row["last_used_user_agent"] == "first-use-probe/1.0"


def test_last_used_is_written_at_most_once_per_interval(admin: Api) -> None:
    # The demo sandbox runs with the default interval of 60 s.
    key, key_id = _key(admin, "Busy key", [])
    key.session.headers["User-Agent"] = "agent/1"
    key.get("/me")
    first = admin.get(f"/api-keys/{key_id}").json()
    key.session.headers["User-Agent"] = "agent/2"
    for _ in range(3):
        key.get("/me")
    assert admin.get(f"/api-keys/{key_id}").json()["last_used_user_agent"] == "agent/1"
    assert admin.get(f"/api-keys/{key_id}").json()["last_used_at"] == first["last_used_at"]


def test_interval_zero_writes_every_use(start_sandbox: StartSandbox) -> None:
    admin = admin_api(start_sandbox("--last-used-interval", "0").ready)
    key, key_id = _key(admin, "Every use", [])
    for agent in ("agent/1", "agent/2", "agent/3"):
        key.session.headers["User-Agent"] = agent
        key.get("/me")
        assert admin.get(f"/api-keys/{key_id}").json()["last_used_user_agent"] == agent


def test_run_a_playbook(admin: Api) -> None:
    key, key_id = _key(admin, "Webhook relay (test)", ["playbooks.run"])
    response = key.post("/playbooks/pb_onboard_customer/runs")
    assert response.status_code == 201
    run = response.json()
    assert run["playbook_id"] == "pb_onboard_customer"
    assert run["status"] == "queued"
    assert run["id"].startswith("run_")
    event = _events(admin, key_id)[0]
    assert event["action"] == "playbook.run"
    assert run["id"] in event["summary"]
    assert_problem(key.post("/playbooks/pb_nope/runs"), 404, "not-found")


def test_run_a_playbook_without_the_permission(admin: Api) -> None:
    key, key_id = _key(admin, "Reader", ["records.read"])
    # 403 before 404: a key without the permission cannot probe for playbooks.
    assert_problem(key.post("/playbooks/pb_onboard_customer/runs"), 403, "forbidden")
    assert_problem(key.post("/playbooks/pb_nope/runs"), 403, "forbidden")
    assert [e["action"] for e in _events(admin, key_id)][:2] == ["api_key.denied"] * 2


def test_write_a_record(admin: Api) -> None:
    key, key_id = _key(admin, "Importer", ["records.write"])
    response = key.post("/records", json={"title": "Ada Lovelace", "fields": {"tier": "gold"}})
    assert response.status_code == 201
    record = response.json()
    assert record["title"] == "Ada Lovelace"
    assert record["fields"] == {"tier": "gold"}
    assert _events(admin, key_id)[0]["action"] == "record.created"
    assert_problem(key.post("/records", json={"title": ""}), 422, "validation", ["title"])


def test_write_a_record_without_the_permission(admin: Api) -> None:
    key, key_id = _key(admin, "No writes", [])
    assert_problem(key.post("/records", json={"title": "x"}), 403, "forbidden")
    assert _events(admin, key_id)[0]["action"] == "api_key.denied"


def test_people_may_call_the_key_endpoints_too(admin: Api) -> None:
    assert admin.post("/playbooks/pb_weekly_report/runs").status_code == 201
    assert admin.post("/records", json={"title": "By hand"}).status_code == 201


def test_permission_catalog(admin: Api) -> None:
    key, _ = _key(admin, "Catalog reader", [])
    for api in (admin, key):
        response = api.get("/permissions")
        assert response.status_code == 200
        items = response.json()["items"]
        by_id = {item["id"]: item for item in items}
        assert {"playbooks.view", "playbooks.run", "playbooks.edit", "records.read",
                "records.write", "records.delete", "webhooks.manage", "integrations.manage",
                "users.view", "audit_log.read", "users.impersonate"} <= set(by_id)  # fmt: skip
        assert by_id["users.impersonate"]["label"] == "Can impersonate"
        assert [i["id"] for i in items if i["impersonation"]] == ["users.impersonate"]
        for item in items:
            assert set(item) == {"id", "label", "description", "group", "impersonation"}
            assert item["label"]
            assert item["description"]
            assert item["group"]


# -- refusals


def _bad_checksum_key() -> str:
    good = keyformat.generate_key()
    last = good[-1]
    return good[:-1] + ("A" if last != "A" else "B")


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        _bad_checksum_key(),
        "rone_short",
        "rone_" + "!" * 42,
        keyformat.generate_key(),  # valid format and checksum, but never issued
        "sess_" + secrets.token_urlsafe(32),
        "garbage",
    ],
)
def test_every_bad_credential_gets_the_same_401(anonymous: Api, token: str | None) -> None:
    reference = assert_problem(anonymous.get("/me"), 401, "unauthenticated")
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    body = assert_problem(anonymous.get("/me", headers=headers), 401, "unauthenticated")
    del reference["request_id"], body["request_id"]
    assert body == reference


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Token abc", "bearer"])
def test_other_authorization_schemes(anonymous: Api, header: str) -> None:
    response = anonymous.get("/me", headers={"Authorization": header})
    assert_problem(response, 401, "unauthenticated")


def test_bearer_scheme_is_case_insensitive(admin: Api) -> None:
    assert admin.token is not None
    response = admin.get("/me", headers={"Authorization": f"bearer {admin.token}"})
    assert response.status_code == 200


def test_revoked_key_is_refused_at_once(admin: Api) -> None:
    key, key_id = _key(admin, "Short-lived", ["playbooks.run"])
    assert key.get("/me").status_code == 200
    admin.post(f"/api-keys/{key_id}/revoke")
    for method, path in (("GET", "/me"), ("POST", "/playbooks/pb_weekly_report/runs")):
        assert_problem(key.request(method, path), 401, "unauthenticated")
