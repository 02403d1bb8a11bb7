"""No input, however malformed, gets a 500 (issue #12, item 2).

Every string field of every route is fed text that is not valid Unicode (a
lone UTF-16 surrogate, which JSON can spell as ``"\\ud800"``); every cursor
is fed numbers beyond 64 bits. Each must be a 422 problem document naming the
field, never a crash.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from rakerone_desktop.sandbox.launcher import SandboxProcess
from rakerone_desktop.sandbox.render import MAX_CURSOR_INT, encode_cursor
from rakerone_desktop.sandbox.strings import printable
from tests.support.sandbox_http import API, PROBLEM_BASE, Api
from tests.support.scanner import Scanner

pytestmark = pytest.mark.integration

LONE = ["\ud800", "a\udfffb", "\udbff", "x\ud83dy"]

BASE: dict[str, dict[str, Any]] = {
    "/sessions": {"email": "someone@example.com", "password": "secret"},
    "/api-keys": {"name": "A key", "permissions": ["keys.read"]},
    "/api-keys/revoke": {"ids": ["key_doesnotexist"]},
    "/api-keys/lookup": {"sha256": "0" * 64},
    "/records": {"title": "A record", "fields": {"colour": "blue", "n": [1, {"a": "b"}]}},
}


def _places(value: Any) -> list[tuple[str, Any]]:
    """Every string in ``value`` (member names too), each as (where, a function that
    returns a copy of ``value`` with that string replaced)."""
    found: list[tuple[str, Any]] = []

    def walk(node: Any, where: str, rebuild: Any) -> None:
        if isinstance(node, str):
            found.append((where, rebuild))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]", _set_item(node, i, rebuild))
        elif isinstance(node, dict):
            for name, item in node.items():
                found.append((f"{where}.<name {name}>", _rename(node, name, rebuild)))
                walk(item, f"{where}.{name}", _set_member(node, name, rebuild))

    walk(value, "", lambda new: new)
    return found


def _set_item(node: list[Any], i: int, rebuild: Any) -> Any:
    return lambda new: rebuild([new if j == i else v for j, v in enumerate(node)])


def _set_member(node: dict[str, Any], name: str, rebuild: Any) -> Any:
    return lambda new: rebuild({k: new if k == name else v for k, v in node.items()})


def _rename(node: dict[str, Any], name: str, rebuild: Any) -> Any:
    return lambda new: rebuild({new if k == name else k: v for k, v in node.items()})


CASES = [
    pytest.param(path, where, rebuild, bad, id=f"{path}{where}-{printable(bad)}")
    for path, body in BASE.items()
    for where, rebuild in _places(body)
    for bad in LONE
]


def _send(api: Api, path: str, body: Any, **headers: str) -> Any:
    # json.dumps writes a lone surrogate as the escape "\ud800", as a client would.
    raw = json.dumps(body).encode("ascii")
    response = api.post(path, data=raw, headers={"Content-Type": "application/json", **headers})
    assert response.status_code != 500, response.text
    return response


@pytest.mark.parametrize(("path", "where", "rebuild", "bad"), CASES)
def test_text_that_is_not_unicode_is_a_422_in_every_string_field(
    admin: Api, path: str, where: str, rebuild: Any, bad: str
) -> None:
    body = rebuild(bad)
    for headers in ({}, {"Idempotency-Key": str(uuid.uuid4())}):
        response = _send(admin, path, body, **headers)
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["type"] == PROBLEM_BASE + "validation"
        assert problem["errors"], problem


def test_a_lone_surrogate_in_a_record_value_says_what_is_wrong(admin: Api) -> None:
    response = _send(admin, "/records", {"title": "t", "fields": {"a": [{"b": "\ud800"}]}})
    assert response.status_code == 422
    [row] = response.json()["errors"]
    assert row["field"] == "fields"
    assert "Unicode" in row["message"]


def test_a_member_name_that_is_not_unicode_is_named(admin: Api) -> None:
    response = _send(admin, "/records", {"title": "t", "fields": {"ok": 1, "\ud800": 2}})
    assert response.status_code == 422
    [row] = response.json()["errors"]
    assert row["field"] == "fields"
    assert row["message"].endswith("(found a lone surrogate, U+D800).")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_record_refuses_numbers_json_does_not_have(admin: Api, value: float) -> None:
    response = _send(admin, "/records", {"title": "t", "fields": {"n": value}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "fields"


def test_a_lone_surrogate_in_query_path_and_header_is_not_a_500(admin: Api) -> None:
    key_id = admin.create_key("Surrogate probe")["api_key"]["id"]
    for path in (
        "/api-keys?cursor=%ED%A0%80",
        f"/api-keys/{key_id}/events?cursor=%ED%A0%80",
        "/api-keys/key_%ED%A0%80",
        "/api-keys/key_%ED%A0%80/events",
    ):
        assert admin.get(path).status_code in {404, 422}, path
    assert admin.post("/playbooks/%ED%A0%80/runs").status_code == 404
    assert admin.post("/api-keys/key_%ED%A0%80/revoke").status_code == 404
    response = admin.post(
        "/api-keys",
        json={"name": "x", "permissions": []},
        headers={"Idempotency-Key": "\udc80".encode("utf-8", "surrogateescape").decode("latin-1")},
    )
    assert response.status_code == 422


BIG = [MAX_CURSOR_INT + 1, 2**64, 2**70, 10**140]


@pytest.mark.parametrize("big", BIG)
def test_a_key_cursor_beyond_64_bits_is_a_422(admin: Api, big: int) -> None:
    response = admin.get("/api-keys", params={"cursor": encode_cursor(big, "key_x")})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize(("seconds", "seq"), [(b, 1) for b in BIG] + [(5, b) for b in BIG])
def test_an_event_cursor_beyond_64_bits_is_a_422(admin: Api, seconds: int, seq: int) -> None:
    key_id = admin.create_key("Cursor probe")["api_key"]["id"]
    response = admin.get(
        f"/api-keys/{key_id}/events", params={"cursor": encode_cursor(seconds, seq)}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "cursor"


def test_the_largest_64_bit_cursor_is_still_served(admin: Api) -> None:
    key_id = admin.create_key("Cursor edge")["api_key"]["id"]
    edge = encode_cursor(MAX_CURSOR_INT, MAX_CURSOR_INT)
    assert admin.get(f"/api-keys/{key_id}/events", params={"cursor": edge}).status_code == 200
    edge = encode_cursor(MAX_CURSOR_INT, "key_x")
    assert admin.get("/api-keys", params={"cursor": edge}).status_code == 200


REPORT = [{"token": "rone_x", "type": "rakerone_api_key", "url": "https://x.test/", "source": "s"}]
REPORT_CASES = [
    pytest.param(where, rebuild, bad, id=f"report{where}-{printable(bad)}")
    for where, rebuild in _places(REPORT)
    for bad in LONE
]


@pytest.fixture(scope="module")
def scanning_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Scanner]]:
    scanner = Scanner(tmp_path_factory.mktemp("scanner"))
    with SandboxProcess("--seed", "empty", *scanner.option) as sandbox:
        yield sandbox.url, scanner


@pytest.mark.parametrize(("where", "rebuild", "bad"), REPORT_CASES)
def test_text_that_is_not_unicode_in_a_signed_exposure_report_is_a_422(
    scanning_url: tuple[str, Scanner], where: str, rebuild: Any, bad: str
) -> None:
    url, scanner = scanning_url
    raw = json.dumps(rebuild(bad)).encode("ascii")
    response = requests.post(
        url + API + "/secret-scanning/reports", data=raw, headers=scanner.headers(raw), timeout=30
    )
    # A bad member name makes an unknown member (ignored) and a required one missing.
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == PROBLEM_BASE + "validation"
    assert problem["errors"], problem
