"""The committed contract, ``resources/openapi.json``, matches the code."""

from __future__ import annotations

import json

from rakerone_desktop.sandbox import openapi_export
from rakerone_desktop.sandbox.problems import SLUGS

REGENERATE = "python -m rakerone_desktop.sandbox.openapi_export"


def test_committed_openapi_is_current() -> None:
    committed = openapi_export.DEFAULT_PATH
    assert committed.exists(), f"{committed} is missing; create it with: {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == openapi_export.render(), (
        f"{committed} is stale: the API changed. Regenerate it with: {REGENERATE}"
    )


# Open to anyone, and answering in OAuth's own shapes (HTML pages, redirects,
# RFC 6749 error bodies) rather than problem documents.
PUBLIC = {"/api/v1/sessions", "/api/v1/auth/methods", "/oauth/authorize", "/oauth/token"}
# No bearer token: the body is signed by a secret scanner instead.
SIGNED = {"/api/v1/secret-scanning/reports"}
# Answered by the server's edge before any route runs, so a problem document on
# every path, the OAuth pages' included.
EDGE_REFUSALS = {"413", "421", "500"}
OAUTH_ERROR_TYPES = {"/oauth/authorize": ["text/html"], "/oauth/token": ["application/json"]}


def test_every_operation_documents_its_answers() -> None:
    document = json.loads(openapi_export.render())
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "500" in responses, (method, path)
            success = [s for s in responses if s.startswith("2")]
            assert success, (method, path)
            if path in PUBLIC:
                assert operation.get("security", []) == [], (method, path)
            elif path in SIGNED:
                assert operation["security"] == [], (method, path)
                assert "401" in responses, (method, path)
            else:
                assert operation["security"] == [{"bearer": []}], (method, path)
                assert "401" in responses, (method, path)
            for status, response in responses.items():
                assert "X-Request-Id" in response["headers"], (method, path, status)
                if status == "302":
                    assert "Location" in response["headers"], (method, path)
                elif status in EDGE_REFUSALS or (
                    not status.startswith("2") and path not in OAUTH_ERROR_TYPES
                ):
                    assert list(response["content"]) == ["application/problem+json"]
                elif not status.startswith("2"):
                    assert list(response["content"]) == OAUTH_ERROR_TYPES[path], (path, status)
    create = document["paths"]["/api/v1/api-keys"]["post"]
    assert {"200", "201", "401", "403", "409", "422"} <= set(create["responses"])
    assert [p["name"] for p in create["parameters"]] == ["Idempotency-Key"]


def test_slugs_are_documented() -> None:
    text = openapi_export.render()
    for slug in SLUGS:
        if slug not in {"method-not-allowed", "internal"}:
            assert f"`{slug}`" in text, slug
