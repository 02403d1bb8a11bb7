"""Bodies over 1 MiB are refused with 413 before they are read (issue #12, item 3),
and a record holds at most 64 KiB of fields.

Raw sockets, so the test controls exactly what is sent: a request that claims a
200 MiB body and sends none of it must still be answered, at once.
"""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import pytest

from rakerone_desktop.sandbox.limits import MAX_BODY_BYTES
from rakerone_desktop.sandbox.openapi_export import document
from rakerone_desktop.sandbox.schemas import RECORD_FIELDS_MAX_BYTES
from tests.support.sandbox_http import API, PROBLEM_BASE, Api

pytestmark = pytest.mark.integration

TIMEOUT_S = 10


def _exchange(url: str, head: str, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send ``head`` (and ``body``), read the whole answer until the server closes."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT_S) as sock:
        sock.sendall(head.encode("latin-1") + body)
        received = b""
        while True:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            received += data
            if b"\r\n\r\n" in received:
                header_end = received.index(b"\r\n\r\n") + 4
                headers = _headers(received[:header_end])
                length = int(headers.get("content-length", "-1"))
                if length >= 0 and len(received) >= header_end + length:
                    break
    header_end = received.index(b"\r\n\r\n") + 4
    status = int(received.split(b" ", 2)[1])
    return status, _headers(received[:header_end]), received[header_end:]


def _headers(raw: bytes) -> dict[str, str]:
    lines = raw.decode("latin-1").split("\r\n")[1:]
    return {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines) if k
    }


def _head(url: str, path: str, *extra: str) -> str:
    host = urlsplit(url).netloc
    lines = [f"POST {API}{path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json"]
    return "\r\n".join([*lines, *extra, "", ""])


def _assert_too_large(status: int, headers: dict[str, str], body: bytes) -> None:
    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert headers["x-request-id"].startswith("req_")
    problem = json.loads(body)
    assert problem["type"] == PROBLEM_BASE + "payload-too-large"
    assert problem["status"] == 413
    assert problem["request_id"] == headers["x-request-id"]


def test_a_declared_200_mib_body_is_refused_before_any_of_it_is_sent(admin: Api) -> None:
    head = _head(admin.url, "/sessions", f"Content-Length: {200 * 1024 * 1024}")
    _assert_too_large(*_exchange(admin.url, head))


def test_one_byte_over_the_limit_is_refused(admin: Api) -> None:
    head = _head(admin.url, "/sessions", f"Content-Length: {MAX_BODY_BYTES + 1}")
    _assert_too_large(*_exchange(admin.url, head))


def test_a_chunked_body_is_refused_at_the_first_byte_over_the_limit(admin: Api) -> None:
    # Exactly one byte over, in 64 KiB chunks, and the body never ends: the
    # server must answer as soon as it has read past the limit.
    chunk = b"x" * 65536
    body = b""
    sent = 0
    while sent + len(chunk) <= MAX_BODY_BYTES:
        body += b"%x\r\n%s\r\n" % (len(chunk), chunk)
        sent += len(chunk)
    rest = MAX_BODY_BYTES + 1 - sent
    body += b"%x\r\n%s\r\n" % (rest, b"x" * rest)
    head = _head(admin.url, "/sessions", "Transfer-Encoding: chunked")
    _assert_too_large(*_exchange(admin.url, head, body))


def test_a_chunked_body_under_the_limit_is_served(admin: Api) -> None:
    payload = json.dumps({"title": "Chunked", "fields": {"a": "b"}}).encode()
    body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    head = _head(
        admin.url,
        "/records",
        "Transfer-Encoding: chunked",
        f"Authorization: Bearer {admin.token}",
        "Connection: close",
    )
    status, _, answer = _exchange(admin.url, head, body)
    assert status == 201, answer
    assert json.loads(answer)["fields"] == {"a": "b"}


def test_a_body_of_exactly_the_limit_is_read(admin: Api) -> None:
    filler = "x" * (MAX_BODY_BYTES - len(json.dumps({"title": "t", "fields": {"a": ""}})))
    raw = json.dumps({"title": "t", "fields": {"a": filler}}).encode()
    assert len(raw) == MAX_BODY_BYTES
    response = admin.post("/records", data=raw, headers={"Content-Type": "application/json"})
    # Read and validated: over the record cap, so a 422 naming the field.
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "fields"


def test_a_record_stores_at_most_64_kib_of_fields(admin: Api) -> None:
    def fields(size: int) -> dict[str, str]:
        return {"a": "x" * (size - len(json.dumps({"a": ""}, separators=(",", ":"))))}

    ok = admin.post("/records", json={"title": "t", "fields": fields(RECORD_FIELDS_MAX_BYTES)})
    assert ok.status_code == 201, ok.text
    over = admin.post(
        "/records", json={"title": "t", "fields": fields(RECORD_FIELDS_MAX_BYTES + 1)}
    )
    assert over.status_code == 422
    assert over.json()["errors"][0]["field"] == "fields"


def test_a_record_nests_at_most_32_levels(admin: Api) -> None:
    deep: object = "leaf"
    for _ in range(40):
        deep = [deep]
    response = admin.post("/records", json={"title": "t", "fields": {"a": deep}})
    assert response.status_code == 422
    assert "32 levels" in response.json()["errors"][0]["message"]


def test_the_document_lists_413_on_every_operation() -> None:
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            assert "413" in operation["responses"], (method, path)
