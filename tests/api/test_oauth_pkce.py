"""Browser sign-in's pure parts: PKCE, state, the authorize URL, the token answer's errors."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from rakerone_desktop.api import errors as e
from rakerone_desktop.api import oauth
from rakerone_desktop.api.client import RakerOneClient
from rakerone_desktop.domain.compare import same_state


def test_verifier_is_random_and_within_rfc_7636() -> None:
    seen = {oauth.new_verifier() for _ in range(50)}
    assert len(seen) == 50
    for verifier in seen:
        assert re.fullmatch(r"[A-Za-z0-9\-._~]{43,128}", verifier)
    assert len(oauth.new_verifier(43)) == 43 and len(oauth.new_verifier(128)) == 128
    for bad in (42, 129):
        with pytest.raises(ValueError, match="43 to 128"):
            oauth.new_verifier(bad)


def test_s256_matches_rfc_7636_appendix_b() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert oauth.s256_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    pkce = oauth.new_pkce()
    digest = hashlib.sha256(pkce.verifier.encode()).digest()
    assert pkce.challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert pkce.verifier not in repr(pkce)
    with pytest.raises(ValueError, match="43 to 128"):
        oauth.s256_challenge("too short")


def test_state_compare() -> None:
    state = oauth.new_state()
    assert len(state) >= 43 and state != oauth.new_state()
    assert same_state(state, state)
    assert not same_state(state, state + "x")
    assert not same_state(state, None)
    assert not same_state(state, "é")


def test_authorize_url_carries_every_parameter_and_keeps_a_query() -> None:
    url = oauth.authorize_url(
        "https://idp.example/oauth/authorize?tenant=a%20b",
        client_id="rakerone-desktop",
        redirect_uri="http://127.0.0.1:5000/callback",
        state="s&t=1",
        code_challenge="c" * 43,
    )
    parts = urlsplit(url)
    assert parts.netloc == "idp.example" and parts.path == "/oauth/authorize"
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {
        "tenant": ["a b"],
        "response_type": ["code"],
        "client_id": ["rakerone-desktop"],
        "redirect_uri": ["http://127.0.0.1:5000/callback"],
        "state": ["s&t=1"],
        "code_challenge": ["c" * 43],
        "code_challenge_method": ["S256"],
    }


@pytest.mark.parametrize(
    "url",
    [
        "http://idp.example/authorize",
        "ftp://idp.example/a",
        "/oauth/authorize",
        "",
        "https://user:pw@idp.example/a",
        "https://idp.example/a#f",
        "https://idp.example:99999/",
    ],
)
def test_unfit_endpoints_are_refused(url: str) -> None:
    with pytest.raises((e.ProtocolError, e.InsecureTransportError)):
        oauth.check_endpoint(url)


def test_loopback_http_endpoints_are_fine() -> None:
    assert oauth.check_endpoint("http://127.0.0.1:8000/oauth/token")
    assert oauth.check_endpoint("http://[::1]:8000/oauth/token")


# -- exchange_code against a scripted transport --------------------------------------------


class _Scripted(BaseAdapter):
    def __init__(self, status: int, body: bytes, ctype: str) -> None:
        super().__init__()
        self.reply = (status, body, ctype)
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.sent.append(request)
        status, body, ctype = self.reply
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict({"Content-Type": ctype, "X-Request-Id": "req-1"})
        response.raw = io.BytesIO(body)
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


def _client(
    status: int, body: Any, ctype: str = "application/json"
) -> tuple[RakerOneClient, _Scripted]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    adapter = _Scripted(status, raw, ctype)
    session = requests.Session()
    session.mount("https://", adapter)
    return RakerOneClient(base_url="https://rakerone.test", session=session), adapter


def _exchange(client: RakerOneClient) -> Any:
    return client.exchange_code(
        "https://rakerone.test/oauth/token",
        code="the-code",
        redirect_uri="http://127.0.0.1:5/cb",
        code_verifier="v" * 43,
    )


def test_exchange_sends_a_form_once_and_keeps_the_token() -> None:
    client, adapter = _client(
        200, {"access_token": "tok_1", "token_type": "Bearer", "expires_in": 60}
    )
    grant = _exchange(client)
    assert grant.access_token == "tok_1" and grant.expires_in == 60
    assert "tok_1" not in repr(grant)
    assert client.token == "tok_1"
    (sent,) = adapter.sent
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert "Authorization" not in sent.headers
    assert parse_qs(bytes(sent.body or b"").decode()) == {
        "grant_type": ["authorization_code"],
        "code": ["the-code"],
        "redirect_uri": ["http://127.0.0.1:5/cb"],
        "client_id": ["rakerone-desktop"],
        "code_verifier": ["v" * 43],
    }


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        ("invalid_grant", e.InvalidGrantError),
        ("invalid_client", e.InvalidClientError),
        ("invalid_request", e.OAuthRequestError),
        ("unsupported_grant_type", e.OAuthRequestError),
        ("something_new", e.OAuthRequestError),
    ],
)
def test_rfc_6749_errors_map_into_the_error_tree(error: str, kind: type[e.OAuthError]) -> None:
    client, _ = _client(400, {"error": error, "error_description": "Because."})
    with pytest.raises(kind) as caught:
        _exchange(client)
    assert caught.value.oauth_error == error
    assert caught.value.status == 400 and caught.value.request_id == "req-1"
    assert caught.value.message
    if kind is e.OAuthRequestError:
        assert "Because." in caught.value.message and error in caught.value.message
    assert client.token is None


def test_a_proxy_page_instead_of_an_oauth_error() -> None:
    client, _ = _client(502, b"<html>bad gateway</html>", "text/html")
    with pytest.raises(e.ServerError):
        _exchange(client)


@pytest.mark.parametrize(
    "doc",
    [
        {"access_token": "tok", "token_type": "mac"},
        {"access_token": "has space", "token_type": "Bearer"},
        {"token_type": "Bearer"},
        {"access_token": "tok", "token_type": "Bearer", "expires_in": -1},
    ],
)
def test_an_unusable_token_answer_is_a_protocol_error(doc: dict[str, Any]) -> None:
    client, _ = _client(200, doc)
    with pytest.raises(e.ProtocolError):
        _exchange(client)
    assert client.token is None


def test_insecure_token_endpoint_is_never_contacted() -> None:
    client, adapter = _client(200, {})
    with pytest.raises(e.InsecureTransportError):
        client.exchange_code(
            "http://idp.example/token",
            code="c",
            redirect_uri="http://127.0.0.1:5/",
            code_verifier="v" * 43,
        )
    assert adapter.sent == []
