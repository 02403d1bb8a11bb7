"""Server addresses: what may be connected to, and the TLS setup."""

from __future__ import annotations

import ssl

import pytest
import requests

from rakerone_desktop.api.errors import InsecureTransportError, InvalidServerUrlError
from rakerone_desktop.api.transport import (
    TrustStoreAdapter,
    is_loopback_host,
    make_session,
    make_ssl_context,
    normalize_base_url,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://rakerone.example.com", "https://rakerone.example.com"),
        ("rakerone.example.com", "https://rakerone.example.com"),
        ("  rakerone.example.com  ", "https://rakerone.example.com"),
        ("rakerone.example.com:8443", "https://rakerone.example.com:8443"),
        ("HTTPS://RakerOne.Example.COM/", "https://rakerone.example.com"),
        ("https://rakerone.example.com/api/v1", "https://rakerone.example.com"),
        ("https://rakerone.example.com/api/v1/", "https://rakerone.example.com"),
        ("https://example.com/rakerone/api/v1", "https://example.com/rakerone"),
        ("https://example.com/rakerone/", "https://example.com/rakerone"),
        ("https://example.com/?q=1#frag", "https://example.com"),
        ("https://[2001:db8::1]:8443/", "https://[2001:db8::1]:8443"),
        ("https://10.0.0.5", "https://10.0.0.5"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://127.0.0.1:8000/api/v1", "http://127.0.0.1:8000"),
        ("http://127.5.6.7", "http://127.5.6.7"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("http://localhost:5000/", "http://localhost:5000"),
        ("http://LOCALHOST", "http://localhost"),
    ],
)
def test_normalize_base_url(typed: str, expected: str) -> None:
    assert normalize_base_url(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "http://rakerone.example.com",
        "http://10.0.0.5:8000",
        "http://192.168.1.10",
        "http://0.0.0.0:8000",
        "http://[2001:db8::1]",
        "http://localhost.evil.example",
        "http://evil.localhost",  # may be sent to DNS: not trusted as loopback
        "http://127.0.0.1.nip.io",
        "HTTP://example.com",
    ],
)
def test_http_is_refused_for_other_hosts(typed: str) -> None:
    with pytest.raises(InsecureTransportError) as info:
        normalize_base_url(typed)
    assert "https://" in info.value.message


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "ftp://example.com",
        "file:///etc/passwd",
        "https://",
        "https://user:pw@example.com",
        "https://user@example.com",
        "https://example.com:99999",
        "https://example.com:port",
        "https://exa mple.com",
        "https://example.com/\x00",
        "https://example.com\n.evil",
        "javascript:alert(1)",
    ],
)
def test_invalid_addresses(typed: str) -> None:
    with pytest.raises(InvalidServerUrlError) as info:
        normalize_base_url(typed)
    assert info.value.message
    assert info.value.status is None


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LocalHost", True),
        ("10.0.0.1", False),
        ("::", False),
        ("0.0.0.0", False),
        ("example.com", False),
        ("a.localhost", False),
        ("localhost.example.com", False),
        ("", False),
    ],
)
def test_is_loopback_host(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_ssl_context_verifies() -> None:
    ctx = make_ssl_context()
    assert isinstance(ctx, ssl.SSLContext)
    assert ctx.verify_mode == ssl.CERT_REQUIRED
    assert ctx.check_hostname is True


def test_ssl_context_refuses_a_missing_bundle() -> None:
    with pytest.raises((OSError, ssl.SSLError)):
        make_ssl_context("/nonexistent/ca-bundle.pem")


def test_make_session_ignores_the_environment() -> None:
    session = make_session()
    try:
        assert session.trust_env is False
        assert isinstance(session.get_adapter("https://example.com"), TrustStoreAdapter)
        assert isinstance(session.get_adapter("http://127.0.0.1"), requests.adapters.HTTPAdapter)
    finally:
        session.close()
