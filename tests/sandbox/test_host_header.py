"""The sandbox answers only to its own address (issue #12, item 4).

A web page can make its own domain name resolve to 127.0.0.1 (DNS rebinding)
and then call the sandbox from the browser; the browser still sends the page's
name as ``Host``. Such a request is ``421``; loopback names are answered on any
port; ``--allow-remote`` answers any name. No redirect is built from ``Host``.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest
import requests

from rakerone_desktop.sandbox.limits import host_name
from tests.support.sandbox_http import API, PROBLEM_BASE, TIMEOUT, Api, StartSandbox

pytestmark = pytest.mark.integration

PUBLIC = API + "/openapi.json"  # answered without a credential


def _get(url: str, host: str, path: str = PUBLIC) -> requests.Response:
    return requests.get(url + path, headers={"Host": host}, timeout=TIMEOUT, allow_redirects=False)


@pytest.mark.parametrize(
    "host",
    ["rebind.example", "rebind.example:{port}", "127.0.0.2", "localhost.localdomain",
     "attacker.localhost.example", "[::2]:{port}", "localhost.", "0.0.0.0:{port}"],
)  # fmt: skip
def test_a_foreign_host_name_is_421(anonymous: Api, host: str) -> None:
    port = urlsplit(anonymous.url).port
    response = _get(anonymous.url, host.format(port=port))
    assert response.status_code == 421
    assert response.headers["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == PROBLEM_BASE + "misdirected-request"
    assert problem["request_id"] == response.headers["X-Request-Id"]


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:{port}", "LocalHost:1", "127.0.0.1:{port}", "127.0.0.1",
             "[::1]:{port}", "[::1]"],
)  # fmt: skip
def test_loopback_names_are_answered_on_any_port(anonymous: Api, host: str) -> None:
    port = urlsplit(anonymous.url).port
    assert _get(anonymous.url, host.format(port=port)).status_code == 200


def test_a_request_without_a_host_header_is_421(anonymous: Api) -> None:
    parts = urlsplit(anonymous.url)
    assert parts.hostname is not None and parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT) as sock:
        sock.sendall(f"GET {PUBLIC} HTTP/1.0\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 421 "), answer[:100]


def test_an_authenticated_call_through_a_rebound_name_is_refused(admin: Api) -> None:
    response = admin.get("/api-keys", headers={"Host": "rebind.example"})
    assert response.status_code == 421
    assert "items" not in response.text


def test_a_trailing_slash_is_not_redirected_to_the_host_sent(admin: Api) -> None:
    port = urlsplit(admin.url).port
    for host in (f"localhost:{port}", "rebind.example"):
        response = admin.get("/api-keys/", headers={"Host": host}, allow_redirects=False)
        assert not 300 <= response.status_code < 400
        assert "Location" not in response.headers
        assert response.status_code in {404, 421}


def test_allow_remote_answers_any_host_name(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--allow-remote")
    assert _get(sandbox.url, "sandbox.office.example:8443").status_code == 200


def test_the_address_the_sandbox_listens_on_is_its_own(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox("--host", "127.0.0.3")
    assert _get(sandbox.url, "127.0.0.3:9").status_code == 200
    assert _get(sandbox.url, "localhost").status_code == 200
    assert _get(sandbox.url, "127.0.0.4").status_code == 421


@pytest.mark.parametrize(
    ("value", "name"),
    [("LOCALHOST:80", "localhost"), ("[::1]:8", "::1"), ("[::1]", "::1"),
     ("127.0.0.1", "127.0.0.1"), ("a.example:1", "a.example"), ("[::1", "[::1")],
)  # fmt: skip
def test_host_name(value: str, name: str) -> None:
    assert host_name(value) == name
