"""Server addresses and TLS: what may be connected to, and how.

``http://`` is allowed only for loopback hosts and is refused here, before
any socket is opened. TLS verification is always on; it uses the operating
system's trust store (``truststore``) plus, optionally, a CA bundle chosen
for one server. There is deliberately no switch to turn verification off.
"""

from __future__ import annotations

import ssl
from typing import Any

import requests
import truststore
from requests.adapters import HTTPAdapter

# Re-exported: the address rules live in ``addresses`` (no HTTP stack needed there).
from rakerone_desktop.api.addresses import is_loopback_host, normalize_base_url

__all__ = [
    "TrustStoreAdapter",
    "is_loopback_host",
    "make_session",
    "make_ssl_context",
    "normalize_base_url",
]


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
