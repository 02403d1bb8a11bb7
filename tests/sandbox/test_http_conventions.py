"""What holds for every answer: request ids, problem documents, 404 and 405."""

from __future__ import annotations

import pytest
import requests

from rakerone_desktop.sandbox.launcher import SandboxProcess
from tests.support.sandbox_http import Api, assert_problem

pytestmark = pytest.mark.integration


def test_every_answer_has_a_fresh_request_id(admin: Api, anonymous: Api) -> None:
    responses = [
        admin.get("/api-keys"),
        admin.get("/me"),
        anonymous.get("/me"),
        anonymous.get("/no/such/thing"),
        admin.post("/api-keys", json={}),
    ]
    ids = [r.headers["X-Request-Id"] for r in responses]
    assert all(ids)
    assert len(set(ids)) == len(ids)


def test_a_client_request_id_is_not_echoed(admin: Api) -> None:
    response = admin.get("/me", headers={"X-Request-Id": "client-chosen"})
    assert response.headers["X-Request-Id"] != "client-chosen"


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/", "/api/v2/me", "/api/v1/api-keys/x/y/z"])
def test_unknown_paths_are_problem_documents(demo_sandbox: SandboxProcess, path: str) -> None:
    response = requests.get(demo_sandbox.url + path, timeout=30)
    assert_problem(response, 404, "not-found")


def test_wrong_method_is_a_problem_document_with_allow(admin: Api) -> None:
    response = admin.request("PUT", "/api-keys")
    body = assert_problem(response, 405, "method-not-allowed")
    assert "PUT" in body["detail"]
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
    assert_problem(admin.request("PATCH", "/me"), 405, "method-not-allowed")


def test_malformed_json_is_a_validation_problem(admin: Api) -> None:
    for raw in (b"{", b"\xff\xfe", b'{"name": "x",}', b"null"):
        response = admin.post("/api-keys", data=raw, headers={"Content-Type": "application/json"})
        assert_problem(response, 422, "validation", ["body"])


def test_openapi_document_is_served(demo_sandbox: SandboxProcess) -> None:
    response = requests.get(demo_sandbox.url + "/api/v1/openapi.json", timeout=30)
    assert response.status_code == 200
    assert response.json()["paths"]["/api/v1/api-keys"]
