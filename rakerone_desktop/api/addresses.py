"""Server addresses: what may be connected to, checked before anything is sent.

``http://`` is allowed only for loopback hosts. Pure standard library, so the
sign-in dialog can check an address without loading the HTTP stack.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from rakerone_desktop.api.errors import InsecureTransportError, InvalidServerUrlError

# Loopback, for ``http://``: the name ``localhost`` and literal loopback
# addresses (127.0.0.0/8, ::1), nothing else. Other names that usually mean
# this computer (``localhost.localdomain``, ``ip6-localhost``, ``localhost.``)
# resolve through /etc/hosts or DNS, which anyone with the rights may edit or
# answer, and the token would then travel in clear to wherever they point.
# ``localhost`` itself is resolved to loopback by the resolvers of every
# supported system (RFC 6761). IPv4-mapped (``::ffff:127.0.0.1``), scoped
# (``::1%lo``) and shorthand (``127.1``) forms are refused: the same answer on
# every Python version, and only literal loopback counts.
_LOOPBACK_NAME = "localhost"
_IPV6_LOOPBACK = ipaddress.IPv6Address("::1")


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and literal loopback addresses (bracketed IPv6 too)."""
    if host.startswith("[") and host.endswith("]"):
        try:  # brackets hold an IPv6 address, and nothing else
            return ipaddress.IPv6Address(host[1:-1]) == _IPV6_LOOPBACK
        except ValueError:
            return False
    if host.lower() == _LOOPBACK_NAME:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return address.is_loopback  # 127.0.0.0/8
    return address == _IPV6_LOOPBACK


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
