"""Server addresses: what may be connected to, checked before anything is sent.

``http://`` is allowed only for loopback hosts. Pure standard library, so the
sign-in dialog can check an address without loading the HTTP stack.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

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
