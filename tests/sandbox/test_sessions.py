"""Sessions: sign in, sign out, /me, expiry, and the sign-in throttle."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
import requests

from rakerone_desktop.sandbox.launcher import SandboxProcess
from tests.support.sandbox_http import API, Api, StartSandbox, assert_problem, poll_until, sign_in

pytestmark = pytest.mark.integration

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _sign_in(url: str, email: str, password: str) -> requests.Response:
    return requests.post(
        url + API + "/sessions", json={"email": email, "password": password}, timeout=30
    )


def test_admin_signs_in(demo_sandbox: SandboxProcess) -> None:
    ready = demo_sandbox.ready
    assert ready.admin_password is not None
    response = _sign_in(ready.url, ready.admin_email, ready.admin_password)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"token", "expires_at", "user"}
    assert body["user"] == {
        "kind": "user",
        "id": body["user"]["id"],
        "name": "Alex Admin",
        "email": ready.admin_email,
        "role": "admin",
    }
    assert RFC3339.match(body["expires_at"])
    expires = datetime.strptime(body["expires_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(expires.timestamp() - (time.time() + 12 * 3600)) < 60
    assert not body["token"].startswith("rone_")


def test_email_is_matched_without_case(demo_sandbox: SandboxProcess) -> None:
    ready = demo_sandbox.ready
    assert ready.admin_password is not None
    response = _sign_in(ready.url, ready.admin_email.upper(), ready.admin_password)
    assert response.status_code == 201


def test_wrong_password_and_unknown_email_answer_alike(demo_sandbox: SandboxProcess) -> None:
    url = demo_sandbox.url
    wrong = assert_problem(
        _sign_in(url, demo_sandbox.ready.admin_email, "not the password"), 401, "unauthenticated"
    )
    unknown = assert_problem(
        _sign_in(url, "nobody@example.com", "whatever"), 401, "unauthenticated"
    )
    del wrong["request_id"], unknown["request_id"]
    assert wrong == unknown


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "admin@example.com"}, ["password"]),
        ({}, ["email", "password"]),
        ({"email": 5, "password": ["x"]}, ["email", "password"]),
        ({"email": "a@example.com", "password": "x", "remember": True}, ["remember"]),
        ([1, 2], ["body"]),
    ],
)
def test_sign_in_validation(anonymous: Api, body: object, fields: list[str]) -> None:
    assert_problem(anonymous.post("/sessions", json=body), 422, "validation", fields)


def test_sign_in_needs_a_json_body(anonymous: Api) -> None:
    assert_problem(anonymous.post("/sessions", data=b"{not json"), 422, "validation", ["body"])
    response = anonymous.post(
        "/sessions",
        data=b'{"email": "a@example.com", "password": "x"}',
        headers={"Content-Type": "text/plain"},
    )
    assert_problem(response, 422, "validation", ["body"])


def test_me_for_admin_and_member(admin: Api, member: Api) -> None:
    me = admin.get("/me")
    assert me.status_code == 200
    assert me.json()["role"] == "admin"
    assert me.json()["kind"] == "user"
    member_me = member.get("/me").json()
    assert member_me["role"] == "member"
    assert member_me["email"] == "member@example.com"


def test_sign_out_ends_the_session_at_once(admin: Api) -> None:
    assert admin.get("/me").status_code == 200
    response = admin.delete("/sessions/current")
    assert response.status_code == 204
    assert response.content == b""
    assert_problem(admin.get("/me"), 401, "unauthenticated")
    assert_problem(admin.delete("/sessions/current"), 401, "unauthenticated")


def test_sign_out_without_a_token(anonymous: Api) -> None:
    assert_problem(anonymous.delete("/sessions/current"), 401, "unauthenticated")


def test_an_api_key_has_no_session_to_end(admin: Api) -> None:
    secret = admin.create_key("Session probe")["secret"]
    key = Api(admin.url, secret)
    assert_problem(key.delete("/sessions/current"), 403, "forbidden")
    assert key.get("/me").status_code == 200  # still works


def test_sessions_expire(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--session-ttl", "1")
    ready = sandbox.ready
    token = sign_in(ready.url, ready.admin_email, ready.admin_password)
    api = Api(ready.url, token)
    # The token works at first, then the server's clock runs it out.
    poll_until(lambda: api.get("/me").status_code == 401, timeout=10, what="session expiry")
    assert_problem(api.get("/me"), 401, "unauthenticated")


def test_throttle_after_five_failures(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox()
    ready = sandbox.ready
    assert ready.member_password is not None
    url = ready.url
    for _ in range(5):
        assert_problem(_sign_in(url, ready.member_email, "wrong"), 401, "unauthenticated")
    # Locked out: the right password is refused too, and so is a wrong one.
    for password in (ready.member_password, "wrong again"):
        response = _sign_in(url, ready.member_email, password)
        assert_problem(response, 429, "rate-limited")
        assert 1 <= int(response.headers["Retry-After"]) <= 60
    # The email is what is throttled, whatever its case; others still sign in.
    assert_problem(_sign_in(url, ready.member_email.upper(), "x"), 429, "rate-limited")
    assert ready.admin_password is not None
    assert _sign_in(url, ready.admin_email, ready.admin_password).status_code == 201


def test_throttle_covers_unknown_emails(start_sandbox: StartSandbox) -> None:
    url = start_sandbox().url
    for _ in range(5):
        assert_problem(_sign_in(url, "ghost@example.com", "x"), 401, "unauthenticated")
    response = _sign_in(url, "ghost@example.com", "x")
    assert_problem(response, 429, "rate-limited")
    assert int(response.headers["Retry-After"]) >= 1
