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


# Only ``localhost`` and literal loopback addresses count as loopback for
# ``http://``; every other name resolves through files or DNS that someone
# else may control.
LOOPBACK_CASES = [
    # host, loopback?, why
    ("localhost", True, "the one trusted name"),
    ("LOCALHOST", True, "names are case-insensitive"),
    ("127.0.0.1", True, "literal IPv4 loopback"),
    ("127.0.0.2", True, "all of 127.0.0.0/8"),
    ("127.255.255.254", True, "all of 127.0.0.0/8"),
    ("::1", True, "literal IPv6 loopback"),
    ("[::1]", True, "bracketed, as in a URL"),
    ("0:0:0:0:0:0:0:1", True, "::1 written out"),
    ("localhost.localdomain", False, "a hosts-file name"),
    ("ip6-localhost", False, "a hosts-file name"),
    ("ip6-loopback", False, "a hosts-file name"),
    ("localhost.", False, "absolute name: may go to DNS"),
    ("localhost6", False, "a hosts-file name"),
    ("loopback", False, "a hosts-file name"),
    ("my-laptop", False, "the machine's own name resolves through files"),
    ("evil.localhost", False, "subdomains may go to DNS"),
    ("localhost.evil.example", False, "a DNS name"),
    ("127.0.0.1.nip.io", False, "a DNS name that answers 127.0.0.1"),
    ("128.0.0.1", False, "outside 127.0.0.0/8"),
    ("126.255.255.255", False, "outside 127.0.0.0/8"),
    ("::ffff:127.0.0.1", False, "IPv4-mapped: not literal loopback"),
    ("::1%lo", False, "scoped"),
    ("::2", False, "not ::1"),
    ("127.1", False, "shorthand IPv4: not a literal address here"),
    ("2130706433", False, "an integer address"),
    ("0x7f.0.0.1", False, "hex IPv4"),
    ("0.0.0.0", False, "any address, not loopback"),
    ("::", False, "any address, not loopback"),
    ("[localhost]", False, "a name in brackets"),
    ("[127.0.0.1]", False, "IPv4 in brackets"),
    ("", False, "empty"),
]


@pytest.mark.parametrize(("host", "loopback", "why"), LOOPBACK_CASES)
def test_only_localhost_and_literal_loopback_count(host: str, loopback: bool, why: str) -> None:
    assert is_loopback_host(host) is loopback, why


@pytest.mark.parametrize(
    "typed",
    [
        "http://localhost.localdomain:8000",
        "http://ip6-localhost:8000",
        "http://localhost.:8000",
        "http://[::ffff:127.0.0.1]:8000",
        "http://127.1:8000",
    ],
)
def test_http_to_other_loopback_names_is_refused(typed: str) -> None:
    with pytest.raises(InsecureTransportError):
        normalize_base_url(typed)
    # The same server over https is fine: only plain http needs loopback.
    assert normalize_base_url("https" + typed[4:]).startswith("https://")


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
