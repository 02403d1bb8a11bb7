"""Server addresses and TLS: what may be connected to, and how.

``http://`` is allowed only for loopback hosts and is refused here, before
any socket is opened. TLS verification is always on; it uses the operating
system's trust store (``truststore``) plus, optionally, a CA bundle chosen
for one server. There is deliberately no switch to turn verification off.
"""

from __future__ import annotations

import ipaddress
import ssl
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
import truststore
from requests.adapters import HTTPAdapter

from rakerone_desktop.api.errors import InsecureTransportError, InvalidServerUrlError

# Only names every system maps to loopback in its hosts file. Subdomains of
# ``localhost`` are deliberately not trusted: many resolvers send them to DNS,
# which could answer with any address, and the token would travel in clear.
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: str) -> str:
    """The server's origin (scheme://host[:port]) from what a person typed.

    Raises :class:`InvalidServerUrlError` or :class:`InsecureTransportError`.
    A bare host name gets ``https://``. A trailing ``/api/v1`` is dropped.
    """
    text = url.strip()
    if not text:
        raise InvalidServerUrlError("Enter the server address.")
    if any(c.isspace() or not c.isprintable() for c in text):
        raise InvalidServerUrlError(
            "The server address must not contain spaces or control characters."
        )
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a bad port
    except ValueError as exc:
        raise InvalidServerUrlError(f"That isn't a valid server address: {exc}.") from None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in ("http", "https") or not host:
        raise InvalidServerUrlError(
            "That isn't a valid server address. Use https://host or https://host:port."
        )
    if parts.username or parts.password:
        raise InvalidServerUrlError("The server address must not contain a user name or password.")
    if scheme == "http" and not is_loopback_host(host):
        raise InsecureTransportError()
    path = parts.path.rstrip("/")
    if path.endswith("/api/v1"):
        path = path[: -len("/api/v1")]
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, path, "", ""))


def make_ssl_context(ca_bundle: str | None = None) -> ssl.SSLContext:
    """The OS trust store, plus a server's own CA bundle when one was chosen."""
    ctx = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle:
        ctx.load_verify_locations(cafile=ca_bundle)
    return ctx


class TrustStoreAdapter(HTTPAdapter):
    """An adapter whose pools verify with :func:`make_ssl_context`."""

    def __init__(self, ca_bundle: str | None = None, **kwargs: Any) -> None:
        self._ssl_context = make_ssl_context(ca_bundle)
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._ssl_context
        super().init_poolmanager(*args, **kwargs)


def make_session(ca_bundle: str | None = None) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy or netrc credentials picked up behind our back
    adapter = TrustStoreAdapter(ca_bundle, pool_connections=4, pool_maxsize=8)
    session.mount("https://", adapter)
    session.mount("http://", HTTPAdapter(pool_connections=4, pool_maxsize=8))
    return session
