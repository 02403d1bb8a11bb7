"""Talking to a running sandbox from tests: sign in, call, check problem documents."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import requests

from rakerone_desktop.sandbox.launcher import ReadyInfo, SandboxProcess

API = "/api/v1"
PROBLEM_BASE = "https://rakerone.example/problems/"
TIMEOUT = 30

T = TypeVar("T")

# The ``start_sandbox`` fixture: ``start(*options, seed="empty") -> SandboxProcess``.
StartSandbox = Callable[..., SandboxProcess]


class Api:
    """A ``requests`` session bound to one sandbox and, optionally, one bearer token."""

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        self.session = requests.Session()
        self.token = token
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.request(method, self.url + API + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def create_key(
        self, name: str = "Test key", permissions: list[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Create a key and return the 201 body (api_key + secret)."""
        headers = {"Idempotency-Key": str(uuid.uuid4()), **kwargs.pop("headers", {})}
        response = self.post(
            "/api-keys",
            json={"name": name, "permissions": permissions or []},
            headers=headers,
            **kwargs,
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body


def sign_in(url: str, email: str, password: str | None) -> str:
    assert password is not None
    response = requests.post(
        url + API + "/sessions", json={"email": email, "password": password}, timeout=TIMEOUT
    )
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def admin_api(ready: ReadyInfo) -> Api:
    return Api(ready.url, sign_in(ready.url, ready.admin_email, ready.admin_password))


def member_api(ready: ReadyInfo) -> Api:
    return Api(ready.url, sign_in(ready.url, ready.member_email, ready.member_password))


def assert_problem(
    response: requests.Response, status: int, slug: str, fields: list[str] | None = None
) -> dict[str, Any]:
    """Check an RFC 9457 answer; with ``fields``, also its exact ``errors`` field list."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["type"] == PROBLEM_BASE + slug, body
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["request_id"] == response.headers["X-Request-Id"]
    if fields is not None:
        assert [row["field"] for row in body["errors"]] == fields, body
        assert all(row["message"] for row in body["errors"])
    return body


def poll_until(
    probe: Callable[[], T | None], timeout: float, interval: float = 0.05, what: str = "it"
) -> T:
    """Call ``probe`` until it returns something truthy; fail after ``timeout`` s.

    For the few things that happen on the server's clock (session expiry, the
    traffic simulator). Waits on an Event, so it pauses between attempts
    rather than spinning.
    """
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        pause.wait(interval)
