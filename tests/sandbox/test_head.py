"""``HEAD`` is answered wherever ``Allow`` lists it (issue #12, item 7).

It used to be a 405 whose own ``Allow`` header listed HEAD. Every path of the
API document is asked which methods it allows; where HEAD is among them, HEAD
gets GET's status and headers, and no body.
"""

from __future__ import annotations

import re

import pytest

from tests.support.sandbox_http import API, PROBLEM_BASE, Api

pytestmark = pytest.mark.integration


def _concrete(template: str, key_id: str) -> str:
    path = template.removeprefix(API)
    return re.sub(r"\{key_id\}", key_id, re.sub(r"\{playbook_id\}", "pb_weekly_report", path))


def test_head_is_answered_wherever_allow_lists_it(admin: Api) -> None:
    key_id = admin.create_key("HEAD probe")["api_key"]["id"]
    # The API's own paths; the browser sign-in pages (/oauth/...) live outside it.
    templates = admin.get("/openapi.json").json()["paths"]
    paths = [_concrete(t, key_id) for t in templates if t.startswith(API)]
    paths += ["/openapi.json", "/docs"]
    checked = 0
    for path in paths:
        refused = admin.request("PUT", path)  # no route answers PUT
        assert refused.status_code == 405, path
        allowed = {m.strip() for m in refused.headers["Allow"].split(",")}
        head = admin.request("HEAD", path)
        if "HEAD" in allowed:
            checked += 1
            got = admin.get(path)
            assert head.status_code == got.status_code == 200, path
            assert head.content == b"", path
            assert head.headers["Content-Type"] == got.headers["Content-Type"], path
            assert head.headers["X-Request-Id"] != got.headers["X-Request-Id"]
        else:
            assert head.status_code == 405, path
            assert "HEAD" not in head.headers["Allow"], path
            assert head.json is not None
    assert checked >= 6


def test_head_where_there_is_no_get_is_a_405_that_names_head(anonymous: Api) -> None:
    response = anonymous.request("HEAD", "/sessions")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.content == b""
    body = anonymous.get("/sessions")  # the same refusal, with its body
    assert body.json()["type"] == PROBLEM_BASE + "method-not-allowed"


def test_head_keeps_the_content_length_of_get(anonymous: Api) -> None:
    head = anonymous.request("HEAD", "/openapi.json")
    got = anonymous.get("/openapi.json")
    assert head.headers["Content-Length"] == got.headers["Content-Length"] == str(len(got.content))
